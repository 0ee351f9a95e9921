package dev.weft.bench;

/**
 * How much a workload measures: the size of one round (the same on every side), and per kind of
 * side, how many warm-up and measured rounds each process runs and how many processes run.
 */
public record Settings(long size, Rounds jvm, Rounds cpython) {

    /** Per process: rounds run and thrown away, rounds measured; and how many processes. */
    public record Rounds(int warmup, int measured, int forks) {}

    public Rounds roundsFor(Side side) {
        return side.isJvm() ? jvm : cpython;
    }
}
