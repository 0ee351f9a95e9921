package dev.weft.sched;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated clock for a {@link Scheduler}: time only moves when the scheduler "waits" or when
 * {@link #advance} is called, so a schedule of hours runs in microseconds and in the same order
 * every time. The "simulated time" that Python's {@code sched} documentation suggests.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * Scheduler s = new Scheduler(clock::time, clock::delay);
 * s.enter(Duration.ofHours(1), 1, () -> System.out.println("an hour later: " + clock.time()));
 * s.run();    // returns at once; clock.time() is now 3_600_000_000_000
 * }</pre>
 *
 * <p>Time starts at 0 and is in nanoseconds. It never goes back, and saturates at
 * {@link Long#MAX_VALUE} instead of overflowing. Thread-safe; no method blocks.
 *
 * <p>Memory visibility: actions in a thread before it advances the clock happen-before actions in
 * another thread after it reads the new time (or a later one) from {@link #time()}.
 */
public final class VirtualClock {
    private final AtomicLong now = new AtomicLong();

    /** Creates a clock reading 0. */
    public VirtualClock() {}

    /** {@return the current simulated time, in nanoseconds since the clock was created} Never blocks. */
    public long time() {
        return now.get();
    }

    /**
     * Advances the clock by {@code nanos} and returns at once: a {@link DelayFunction} that never
     * blocks and is never interrupted. {@code delay(0)} does nothing.
     *
     * @param nanos how far to advance, in nanoseconds, at least 0
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    public void delay(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + nanos + " ns");
        }
        now.getAndUpdate(t -> {
            long sum = t + nanos;
            return sum < t ? Long.MAX_VALUE : sum; // only an overflow makes the sum smaller
        });
    }

    /**
     * Advances the clock by {@code duration}, as if that much time had passed. Never blocks.
     *
     * @param duration how far to advance
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws NullPointerException if {@code duration} is null
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        delay(Timeouts.toNanos(duration));
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now.get() + " ns]";
    }
}
