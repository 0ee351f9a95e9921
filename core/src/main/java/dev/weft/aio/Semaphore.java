package dev.weft.aio;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A counter of permits for the tasks of one event loop: Python's {@code asyncio.Semaphore}.
 * {@link #acquire()} takes a permit, waiting while there is none; {@link #release()} gives one
 * back, handing it straight to the first waiter if there is one (so waiters are served in order).
 * Not thread-safe: use it from the tasks and callbacks of its loop.
 */
public sealed class Semaphore permits BoundedSemaphore {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Free permits. A permit handed to a waiter is not counted here. */
    int value;

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("initial value must be >= 0: " + value);
        }
        this.value = value;
    }

    /** {@return whether {@link #acquire()} would wait: Python's {@code locked()}} */
    public boolean locked() {
        return value == 0 || !Waiters.noneLive(waiters);
    }

    /**
     * Takes a permit, waiting (an await point) until one is free.
     *
     * @return {@code true}, as Python's {@code acquire()}
     * @throws CancellationException if the calling task is cancelled; it then holds no permit
     */
    public boolean acquire() {
        Task<?> t = Aio.requireTask("Semaphore.acquire");
        t.deliverCancel();
        if (!locked()) {
            value--;
            return true;
        }
        // A cancel that comes with a permit gives the permit back.
        Waiters.awaitTurn(t, waiters, this::release);
        return true;
    }

    /**
     * Takes a permit and returns a guard whose {@code close()} gives it back.
     *
     * @return the guard, for try-with-resources
     */
    public Lock.Held hold() {
        acquire();
        return this::release;
    }

    /** Gives a permit back, to the first waiter if any. */
    public void release() {
        Aio.requireLoop(getClass().getSimpleName());
        checkRelease();
        if (!Waiters.wakeFirst(waiters)) {
            value++;
        }
    }

    /** Refuses a release that would break the semaphore's bound; nothing to check here. */
    void checkRelease() {}

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + ", waiters=" + waiters.size() + "]";
    }
}
