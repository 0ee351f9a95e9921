package dev.weft.bench;

import java.util.Objects;

/**
 * The outcome of one comparison of a run: what {@link Bench#run} prints as a result line, with what a
 * report needs besides (the unit and the target).
 *
 * @param workload the workload's name
 * @param unit the unit of both figures
 * @param higherIsBetter whether a higher figure is better, which decides how the ratio is taken
 * @param line the {@code NAME[/VARIANT]} part of the result line
 * @param peer the peer's name in the line: {@code cpython}, {@code jdk}...
 * @param weft Weft's median
 * @param peerFigure the peer's median
 * @param target what an issue asked of this comparison, or null if nothing
 */
public record Result(String workload, String unit, boolean higherIsBetter, String line, String peer, double weft,
        double peerFigure, Target target) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a name or the unit is null
     */
    public Result {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * How many times better Weft is: {@code peer / weft} for times and memory, {@code weft / peer}
     * for rates; above 1 means Weft is ahead. NaN when a figure is missing.
     *
     * @return the ratio
     */
    public double ratio() {
        return higherIsBetter ? weft / peerFigure : peerFigure / weft;
    }

    /**
     * The result line of DESIGN.md, exactly as printed: {@code NAME[/VARIANT] weft=<n> PEER=<n> ratio=<n>}.
     *
     * @return the line
     */
    public String text() {
        return Format.line(line, peer, weft, peerFigure, higherIsBetter);
    }

    /**
     * Whether the run met the target; empty text if there is none.
     *
     * @return {@code "met"}, {@code "missed"}, or {@code ""} without a target
     */
    public String verdict() {
        if (target == null) {
            return "";
        }
        return target.isMetBy(weft, ratio()) ? "met" : "missed";
    }
}
