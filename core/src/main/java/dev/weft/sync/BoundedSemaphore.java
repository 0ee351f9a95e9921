package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A counting semaphore that refuses to be released above its initial number of permits: Python's
 * {@code threading.BoundedSemaphore}.
 *
 * <p>It behaves as {@link java.util.concurrent.Semaphore} for acquiring (blocking, interruptible,
 * timed and non-blocking forms, fair or not), but a {@link #release()} that would raise the count
 * above {@link #maxPermits()} throws {@link IllegalStateException} and leaves the count unchanged.
 * Over-release is almost always a bug (a permit released twice, or released by code that never
 * acquired it); a plain semaphore hides it by quietly growing.
 *
 * <pre>{@code
 * BoundedSemaphore slots = new BoundedSemaphore(3);
 * try (var slot = slots.hold()) {
 *     // at most three threads run here at a time
 * }
 * }</pre>
 *
 * <p>Memory visibility: actions in a thread before it calls {@code release()} happen-before
 * actions following a successful acquire in another thread.
 */
public final class BoundedSemaphore {

    private static final class Sync extends AbstractQueuedSynchronizer {
        private final int max;
        private final boolean fair;

        Sync(int permits, boolean fair) {
            this.max = permits;
            this.fair = fair;
            setState(permits);
        }

        int permits() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int acquires) {
            for (;;) {
                if (fair && hasQueuedPredecessors()) {
                    return -1;
                }
                int available = getState();
                int remaining = available - acquires;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int releases) {
            for (;;) {
                int current = getState();
                if (current > max - releases) {
                    throw new IllegalStateException("BoundedSemaphore released too many times: "
                            + current + " of " + max + " permits are free, cannot release "
                            + releases + " more");
                }
                if (compareAndSetState(current, current + releases)) {
                    return true;
                }
            }
        }

        /** Takes permits now if enough are free, ignoring fairness, as Semaphore.tryAcquire(). */
        boolean tryAcquireNow(int acquires) {
            for (;;) {
                int available = getState();
                if (available < acquires) {
                    return false;
                }
                if (compareAndSetState(available, available - acquires)) {
                    return true;
                }
            }
        }

        int drain() {
            for (;;) {
                int current = getState();
                if (current == 0 || compareAndSetState(current, 0)) {
                    return current;
                }
            }
        }
    }

    private final Sync sync;

    /**
     * Creates a non-fair bounded semaphore.
     *
     * @param permits the initial and the maximum number of permits
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        this(permits, false);
    }

    /**
     * Creates a bounded semaphore.
     *
     * @param permits the initial and the maximum number of permits
     * @param fair whether waiting threads acquire in the order they asked (FIFO), at some cost
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits, boolean fair) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.sync = new Sync(permits, fair);
    }

    /**
     * Acquires a permit, blocking until one is free.
     *
     * @throws InterruptedException if the current thread is interrupted on entry or while waiting;
     *     no permit is taken then
     */
    public void acquire() throws InterruptedException {
        sync.acquireSharedInterruptibly(1);
    }

    /**
     * Acquires {@code permits} permits at once, blocking until that many are free.
     *
     * @param permits how many to take, at least 0
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     * @throws IllegalArgumentException if {@code permits} is negative or more than
     *     {@link #maxPermits()}, which could never succeed
     */
    public void acquire(int permits) throws InterruptedException {
        sync.acquireSharedInterruptibly(checkCount(permits));
    }

    /** Acquires a permit, blocking until one is free; an interrupt is remembered, not thrown. */
    public void acquireUninterruptibly() {
        sync.acquireShared(1);
    }

    /**
     * Takes a permit if one is free now. Never blocks. Like {@code Semaphore.tryAcquire()}, it
     * takes a free permit even on a fair semaphore with waiting threads: a caller that will not
     * wait need not queue behind those that do.
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        return sync.tryAcquireNow(1);
    }

    /**
     * Takes a permit, waiting at most {@code timeout} for one (Python's
     * {@code acquire(timeout=...)}).
     *
     * @param timeout the longest to wait
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return sync.tryAcquireSharedNanos(1, Timeouts.toNanos(timeout));
    }

    /**
     * Takes {@code permits} permits at once, waiting at most {@code timeout}.
     *
     * @param permits how many to take, at least 0
     * @param timeout the longest to wait
     * @return whether the permits were taken; if not, none were
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken
     * @throws IllegalArgumentException if {@code permits} or {@code timeout} is negative, or
     *     {@code permits} is more than {@link #maxPermits()}
     */
    public boolean tryAcquire(int permits, Duration timeout) throws InterruptedException {
        return sync.tryAcquireSharedNanos(checkCount(permits), Timeouts.toNanos(timeout));
    }

    /**
     * Acquires a permit (blocking, uninterruptibly, as Python's {@code with semaphore:}) and
     * returns a guard whose {@code close()} releases it.
     *
     * @return the guard, for try-with-resources
     */
    public Guard hold() {
        sync.acquireShared(1);
        return new Locks.OnceGuard(this::release);
    }

    /**
     * Returns a permit.
     *
     * @throws IllegalStateException if every permit is free already; the count is left unchanged
     */
    public void release() {
        sync.releaseShared(1);
    }

    /**
     * Returns {@code permits} permits at once.
     *
     * @param permits how many to give back, at least 0
     * @throws IllegalStateException if that would leave more than {@link #maxPermits()} free; the
     *     count is left unchanged
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public void release(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        sync.releaseShared(permits);
    }

    /** {@return the number of permits free now} */
    public int availablePermits() {
        return sync.permits();
    }

    /** {@return the initial and maximum number of permits} */
    public int maxPermits() {
        return sync.max;
    }

    /**
     * Takes every free permit and returns how many that was. Never blocks.
     *
     * @return the permits taken
     */
    public int drainPermits() {
        return sync.drain();
    }

    /** {@return whether waiting threads acquire in FIFO order} */
    public boolean isFair() {
        return sync.fair;
    }

    /** {@return whether any thread is waiting to acquire; for monitoring only} */
    public boolean hasQueuedThreads() {
        return sync.hasQueuedThreads();
    }

    /** {@return an estimate of how many threads are waiting to acquire; for monitoring only} */
    public int getQueueLength() {
        return sync.getQueueLength();
    }

    private int checkCount(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        if (permits > sync.max) {
            throw new IllegalArgumentException(
                    "cannot take " + permits + " permits from a BoundedSemaphore of " + sync.max);
        }
        return permits;
    }

    @Override
    public String toString() {
        return "BoundedSemaphore[" + sync.permits() + " of " + sync.max + " permits free]";
    }
}
