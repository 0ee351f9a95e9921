package dev.weft.bench;

/**
 * How much a workload measures: the size of one round (the same on every side), and per kind of
 * side, how many warm-up and measured rounds each process runs and how many processes run.
 *
 * @param size the size of one round, the same on every side (items, tasks, bytes: the workload says)
 * @param jvm the rounds of each JVM side, Weft's and its JVM peer's
 * @param cpython the rounds of each CPython side
 */
public record Settings(long size, Rounds jvm, Rounds cpython) {

    /**
     * Per process: rounds run and thrown away, rounds measured; and how many processes.
     *
     * @param warmup rounds each process runs first and does not count
     * @param measured rounds each process then measures, one figure each
     * @param forks how many processes run, one after the other
     */
    public record Rounds(int warmup, int measured, int forks) {}

    /**
     * The rounds of {@code side}'s kind.
     *
     * @param side a side of the workload
     * @return {@link #jvm()} for a JVM side, {@link #cpython()} for a CPython one
     */
    public Rounds roundsFor(Side side) {
        return side.isJvm() ? jvm : cpython;
    }
}
