package dev.weft.aio;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for the tasks of one event loop: Python's {@code asyncio.Condition}. A
 * task that holds the condition's {@link Lock} calls {@link #await()} to let the lock go and wait
 * for {@link #notify(int)} or {@link #notifyAll()}; it holds the lock again when {@code await}
 * returns, also when it throws. Not thread-safe: use it from the tasks and callbacks of its loop.
 */
public final class Condition {
    private final Lock lock;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** Creates a condition with a lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition over {@code lock}, which other conditions may share.
     *
     * @param lock the lock the condition's waiters hold
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Acquires the lock (an await point). */
    public void acquire() {
        lock.acquire();
    }

    /** Releases the lock. */
    public void release() {
        lock.release();
    }

    /**
     * Acquires the lock and returns a guard whose {@code close()} releases it.
     *
     * @return the guard, for try-with-resources
     */
    public Lock.Held hold() {
        return lock.hold();
    }

    /** {@return whether the lock is held} */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, waits (an await point) until notified, and acquires the lock again before
     * it returns or throws. Spurious returns do not happen, but another task may have changed the
     * state between the notify and the return: test the state in a loop, or use {@link #awaitFor}.
     *
     * @return {@code true}, as Python's {@code wait()}
     * @throws IllegalStateException if the lock is not held
     * @throws CancellationException if the calling task is cancelled (the lock is held again first)
     */
    public boolean await() {
        Task<?> t = Aio.requireTask("Condition.await");
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.await without holding its lock");
        }
        t.deliverCancel();
        lock.release();
        CancellationException cancelled = null;
        try {
            Waiters.awaitTurn(t, waiters, () -> {});
        } catch (CancellationException e) {
            cancelled = e;
        } finally {
            // Take the lock back even if cancelled, as Python does: the caller's finally expects it.
            for (;;) {
                try {
                    lock.acquire();
                    break;
                } catch (CancellationException e) {
                    cancelled = e;
                }
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
        return true;
    }

    /**
     * Python's {@code wait_for}: awaits until {@code predicate} is true (tested first, and after each wake-up), holding the
     * lock when it tests and when it returns.
     *
     * @param predicate the state to wait for
     */
    public void awaitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Wakes up to {@code n} waiting tasks.
     *
     * @param n the most tasks to wake
     * @throws IllegalStateException if the lock is not held
     */
    public void notify(int n) {
        Aio.requireLoop("Condition");
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.notify without holding its lock");
        }
        int woken = 0;
        for (Waiter w : waiters) {
            if (woken >= n) {
                break;
            }
            if (!w.done()) {
                w.grant();
                woken++;
            }
        }
    }

    /**
     * Wakes every waiting task: Python's {@code notify_all()} (named with a trailing underscore
     * because {@link Object#notifyAll()} is final, as in {@code dev.weft.process}'s conditions).
     */
    public void notifyAll_() {
        notify(Integer.MAX_VALUE);
    }
}
