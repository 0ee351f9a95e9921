package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code Condition.wait_for} for the JDK's {@link Condition}: waiting until a predicate
 * holds, with the spurious-wakeup loop and the deadline arithmetic written once.
 *
 * <pre>{@code
 * lock.lock();
 * try {
 *     if (!Conditions.waitFor(notEmpty, () -> !items.isEmpty(), Duration.ofSeconds(1))) {
 *         // timed out, items still empty
 *     }
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 */
public final class Conditions {
    private Conditions() {}

    /**
     * Waits on {@code condition} until {@code predicate} is true. The predicate is evaluated first
     * and after each wakeup, always with the lock held.
     *
     * <p>The current thread must hold the lock that {@code condition} belongs to; as with
     * {@link Condition#await()}, the lock is released while waiting and held again on return.
     *
     * @param condition the condition to wait on, whose lock the caller holds
     * @param predicate the state to wait for
     * @throws InterruptedException if interrupted on entry or while waiting (the lock is held
     *     again before it is thrown)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public static void waitFor(Condition condition, BooleanSupplier predicate)
            throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        while (!predicate.getAsBoolean()) {
            condition.await();
        }
    }

    /**
     * Waits on {@code condition} until {@code predicate} is true or the timeout elapses. The
     * timeout covers the whole wait, however many wakeups it takes.
     *
     * <p>The current thread must hold the lock that {@code condition} belongs to.
     *
     * @param condition the condition to wait on, whose lock the caller holds
     * @param predicate the state to wait for
     * @param timeout the longest the whole wait may take
     * @return the last value of the predicate: {@code false} means the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public static boolean waitFor(Condition condition, BooleanSupplier predicate, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        long nanos = Timeouts.toNanos(timeout);
        boolean result;
        while (!(result = predicate.getAsBoolean())) {
            if (nanos <= 0) {
                return false;
            }
            nanos = condition.awaitNanos(nanos);
        }
        return result;
    }
}
