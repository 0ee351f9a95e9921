package dev.weft.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * What an issue asked of one comparison, so that a report can say whether a run met it: a lowest
 * ratio ("at least 20 times CPython"), or a bound on Weft's own figure ("a speedup of at least 1.8
 * on 2 cores", "at most 2,147 bytes an idle actor").
 *
 * @param kind what the bound applies to, and in which direction
 * @param bound the bound itself, in the comparison's unit for a figure
 * @param source where the target comes from, such as {@code "issue 2"}
 */
public record Target(Kind kind, double bound, String source) {

    /** What a target bounds. */
    public enum Kind {
        /** The ratio must be at least the bound. */
        RATIO_AT_LEAST,
        /** Weft's figure must be at least the bound. */
        WEFT_AT_LEAST,
        /** Weft's figure must be at most the bound. */
        WEFT_AT_MOST
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the bound is not a positive finite number
     */
    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("a target's bound must be positive and finite: " + bound);
        }
    }

    /**
     * A ratio of at least {@code bound}: Weft {@code bound} times as good as the peer.
     *
     * @param bound the lowest acceptable ratio
     * @param source where the target comes from, such as {@code "issue 2"}
     * @return the target
     */
    public static Target ratioAtLeast(double bound, String source) {
        return new Target(Kind.RATIO_AT_LEAST, bound, source);
    }

    /**
     * Weft's own figure at least {@code bound}, whatever the peer does.
     *
     * @param bound the lowest acceptable figure, in the comparison's unit
     * @param source where the target comes from, such as {@code "issue 2"}
     * @return the target
     */
    public static Target weftAtLeast(double bound, String source) {
        return new Target(Kind.WEFT_AT_LEAST, bound, source);
    }

    /**
     * Weft's own figure at most {@code bound}, whatever the peer does.
     *
     * @param bound the highest acceptable figure, in the comparison's unit
     * @param source where the target comes from, such as {@code "issue 8"}
     * @return the target
     */
    public static Target weftAtMost(double bound, String source) {
        return new Target(Kind.WEFT_AT_MOST, bound, source);
    }

    /**
     * Whether a run met this target; false when the figure it bounds is not a number (a failed
     * side).
     *
     * @param weft Weft's figure
     * @param ratio the comparison's ratio
     * @return true if the bounded figure is on the right side of the bound
     */
    public boolean isMetBy(double weft, double ratio) {
        return switch (kind) {
            case RATIO_AT_LEAST -> ratio >= bound;
            case WEFT_AT_LEAST -> weft >= bound;
            case WEFT_AT_MOST -> weft <= bound;
        };
    }

    /**
     * The target in a few words, for a table: {@code ratio ≥ 20 (issue 8)}, {@code weft ≥ 1.8
     * (issue 2)}.
     *
     * @return the description
     */
    public String describe() {
        String what = switch (kind) {
            case RATIO_AT_LEAST -> "ratio ≥ ";
            case WEFT_AT_LEAST -> "weft ≥ ";
            case WEFT_AT_MOST -> "weft ≤ ";
        };
        return what + Format.figure(bound) + " (" + source + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Target[%s]", describe());
    }
}
