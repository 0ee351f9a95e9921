package dev.weft.bench;

import java.util.List;
import java.util.Map;

/**
 * A benchmark workload: the same job done by Weft, by the best JVM peer and by CPython, each side
 * in a process of its own (so one side's JIT profile or heap never colours another's).
 *
 * <p>A JVM side is measured in a forked JVM by {@link #measure(String, long)}: one call, one
 * round, one figure. A CPython side runs its script from {@code bench/peers/python}, which prints
 * one {@code result <figure>} line per measured round, as the forked JVM does.
 */
public abstract class Workload {

    private final String name;
    private final String unit;
    private final boolean higherIsBetter;

    /**
     * A workload of figures in {@code unit}.
     *
     * @param name the name given to {@code weft bench NAME}
     * @param unit the unit of a figure, for the table
     * @param higherIsBetter whether a higher figure is better (rates, speedups) or a lower one
     *     (times, memory)
     */
    protected Workload(String name, String unit, boolean higherIsBetter) {
        this.name = name;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** {@return the name given to {@code weft bench NAME}} */
    public final String name() {
        return name;
    }

    /** {@return the unit of every figure, for the table} */
    public final String unit() {
        return unit;
    }

    /** {@return whether a higher figure is better (rates, speedups), not a lower one (times, memory)} */
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * One line saying what is measured, for a round of {@code size}.
     *
     * @param size the size of one round, in the workload's own terms
     * @return the description, for the table and {@code weft bench --list}
     */
    public abstract String describe(long size);

    /** {@return the sides measured: Weft's and its peers', in the order the table lists them} */
    public abstract List<Side> sides();

    /** {@return the result lines this workload ends with, each a Weft side against a peer side} */
    public abstract List<Comparison> comparisons();

    /**
     * How much to measure.
     *
     * @param quick whether the run is a quick one ({@code --quick}: about 20 seconds in all)
     * @return the round size and the rounds of each kind of side
     */
    public abstract Settings settings(boolean quick);

    /**
     * Runs one round of JVM side {@code sideId} and returns its figure. Called in the forked JVM;
     * must leave no thread running.
     *
     * @param sideId the id of the side to measure ({@link Side#id()})
     * @param size the size of the round
     * @return the round's figure, in {@link #unit()}
     * @throws Exception if the side fails; the fork then exits with an error and the workload fails
     */
    public abstract double measure(String sideId, long size) throws Exception;

    /**
     * JVM options that this workload's forked JVMs need for rounds of {@code size}, on top of
     * {@code Bench.FORK_JVM_OPTIONS} and overriding them (a larger heap,
     * {@code --enable-native-access}). The same for every JVM side of the workload, Weft's and its
     * peer's.
     *
     * @param size the size of one round
     * @return the extra options, none by default
     */
    public List<String> jvmOptions(long size) {
        return List.of();
    }

    /**
     * Extra lines for the table, computed from the medians by side id (for example an overhead).
     *
     * @param medians each side's median, by side id
     * @return the lines, none by default
     */
    public List<String> notes(Map<String, Double> medians) {
        return List.of();
    }

    /**
     * The used heap after two full collections: what a workload that measures memory per object
     * compares before and after making its objects (a parked virtual thread's stack is in the heap
     * too).
     *
     * @return the used heap, in bytes
     */
    protected static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * {@code (figure - reference) / reference} as a percentage, for notes on costs.
     *
     * @param figure the figure measured
     * @param reference the figure it is compared with
     * @return how much lower {@code figure} is than {@code reference}, in percent (negative if higher)
     */
    protected static double percentLess(double figure, double reference) {
        return 100.0 * (reference - figure) / reference;
    }
}
