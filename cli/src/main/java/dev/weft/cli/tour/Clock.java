package dev.weft.cli.tour;

import java.util.Locale;

/** Elapsed-time helpers for the tour's printed timings. */
final class Clock {
    private Clock() {}

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** {@code count} things in {@code nanos} as a rate: "30.3 million increments/s". */
    static String perSecond(long count, long nanos, String things) {
        double rate = count / (nanos / 1e9);
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.1f million %s/s", rate / 1e6, things);
        }
        return String.format(Locale.ROOT, "%.0f %s/s", rate, things);
    }
}
