package dev.weft.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Conversion of user-supplied timeouts, shared by every blocking method of Weft so that they all
 * reject bad input the same way. Not API.
 */
public final class Timeouts {
    private Timeouts() {}

    /**
     * Returns {@code timeout} in nanoseconds, saturating at {@link Long#MAX_VALUE} (about 292
     * years) instead of overflowing.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative; Python raises
     *     {@code ValueError} for a negative timeout, and a negative wait is always a caller's bug
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The {@link System#nanoTime()} deadline {@code nanos} from now, saturating. */
    public static long deadline(long nanos) {
        long now = System.nanoTime();
        long deadline = now + nanos;
        // Overflow of the sum means "practically forever"; keep the deadline in the future.
        return (deadline - now < 0) ? now + Long.MAX_VALUE : deadline;
    }
}
