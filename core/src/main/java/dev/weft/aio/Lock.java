package dev.weft.aio;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A mutual-exclusion lock for the tasks of one event loop: Python's {@code asyncio.Lock}. Not
 * reentrant, and not tied to a task: any task or callback of the loop may release it. Waiters get
 * it in the order they asked (fair), as in Python.
 *
 * <pre>{@code
 * try (var held = lock.hold()) {   // async with lock:
 *     ...                          //     code that may await while others wait for the lock
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use it only from the tasks and callbacks of the loop that runs them (every
 * method checks that the caller holds a running loop). A cancel that arrives while a task waits
 * in {@link #acquire()} leaves the lock as it was.
 */
public final class Lock {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean locked;

    /** Creates an unlocked lock. */
    public Lock() {}

    /**
     * Acquires the lock, waiting (an await point) while it is held or earlier waiters wait.
     *
     * @throws CancellationException if the calling task is cancelled; it then does not hold the lock
     */
    public void acquire() {
        Task<?> t = Aio.requireTask("Lock.acquire");
        t.deliverCancel();
        if (!locked && Waiters.noneLive(waiters)) {
            locked = true;
            return;
        }
        // A cancel that comes with the lock passes the lock on to the next waiter.
        Waiters.awaitTurn(t, waiters, this::wakeFirst);
        locked = true;
    }

    /**
     * Acquires the lock and returns a guard whose {@code close()} releases it.
     *
     * @return the guard, for try-with-resources
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    /** What {@link #hold()} returns: releases the lock once, on {@code close()}. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Releases the lock and lets the first waiter have it.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        Aio.requireLoop("Lock");
        if (!locked) {
            throw new IllegalStateException("release of an unlocked Lock");
        }
        locked = false;
        wakeFirst();
    }

    /** {@return whether the lock is held} */
    public boolean locked() {
        return locked;
    }

    private void wakeFirst() {
        Waiters.wakeFirst(waiters);
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + ", waiters=" + waiters.size() + "]";
    }
}
