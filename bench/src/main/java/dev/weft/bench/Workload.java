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

    public final String name() {
        return name;
    }

    public final String unit() {
        return unit;
    }

    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** One line saying what is measured, for a round of {@code size}. */
    public abstract String describe(long size);

    public abstract List<Side> sides();

    public abstract List<Comparison> comparisons();

    public abstract Settings settings(boolean quick);

    /**
     * Runs one round of JVM side {@code sideId} and returns its figure. Called in the forked JVM;
     * must leave no thread running.
     */
    public abstract double measure(String sideId, long size) throws Exception;

    /**
     * JVM options that this workload's forked JVMs need for rounds of {@code size}, on top of
     * {@code Bench.FORK_JVM_OPTIONS} and overriding them (a larger heap,
     * {@code --enable-native-access}). The same for every JVM side of the workload, Weft's and its
     * peer's.
     */
    public List<String> jvmOptions(long size) {
        return List.of();
    }

    /** Extra lines for the table, computed from the medians by side id (for example an overhead). */
    public List<String> notes(Map<String, Double> medians) {
        return List.of();
    }

    /**
     * The used heap after two full collections: what a workload that measures memory per object
     * compares before and after making its objects (a parked virtual thread's stack is in the heap
     * too).
     */
    protected static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code (figure - reference) / reference} as a percentage, for notes on costs. */
    protected static double percentLess(double figure, double reference) {
        return 100.0 * (reference - figure) / reference;
    }
}
