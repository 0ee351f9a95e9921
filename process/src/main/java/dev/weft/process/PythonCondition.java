package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * What {@link ProcessCondition} and {@link ConditionProxy} share: {@link Condition} and Python's
 * names, on two primitives, a timed wait and a wake-up of {@code n} waiters.
 */
abstract sealed class PythonCondition implements Condition permits ProcessCondition, ConditionProxy {
    /**
     * Waits at most {@code nanos} (negative: no limit) for a notify, with the lock held on entry
     * and on return.
     *
     * @return false if the time ran out
     */
    abstract boolean waitNanos(long nanos) throws InterruptedException;

    /** Wakes up to {@code n} waiters; the lock is held. */
    abstract void wake(int n);

    /**
     * Waits for a notify, at most {@code timeout}: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait
     * @return false if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return waitNanos(dev.weft.internal.Timeouts.toNanos(timeout));
    }

    /**
     * Waits until {@code predicate} is true, re-checking it after each wake-up, at most
     * {@code timeout} in all: Python's {@code wait_for(predicate, timeout)}. The predicate runs in
     * this thread with the lock held.
     *
     * @param predicate the state to wait for
     * @param timeout the longest the whole wait may take
     * @return the predicate's last value
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + dev.weft.internal.Timeouts.toNanos(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            waitNanos(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes up to {@code n} waiters: Python's {@code notify(n)}.
     *
     * @param n the most waiters to wake
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void notify(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        wake(n);
    }

    /**
     * Wakes every waiter: Python's {@code notify_all()} (the underscore keeps it apart from
     * {@link Object#notifyAll()}).
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public void notifyAll_() {
        wake(Integer.MAX_VALUE);
    }

    @Override
    public void await() throws InterruptedException {
        waitNanos(-1);
    }

    @Override
    public void awaitUninterruptibly() {
        Uninterruptibly.run(() -> waitNanos(-1));
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        waitNanos(Math.max(0, nanosTimeout));
        return nanosTimeout - (System.nanoTime() - start);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return waitNanos(Math.max(0, unit.toNanos(time)));
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return waitNanos(Math.max(0, TimeUnit.MILLISECONDS.toNanos(deadline.getTime() - System.currentTimeMillis())));
    }

    @Override
    public void signal() {
        wake(1);
    }

    @Override
    public void signalAll() {
        wake(Integer.MAX_VALUE);
    }
}
