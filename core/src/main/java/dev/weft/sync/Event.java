package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A flag that threads can wait on: Python's {@code threading.Event}.
 *
 * <p>The flag starts clear. {@link #set()} sets it and wakes every thread waiting in
 * {@link #await()}; while it stays set, {@code await} returns at once. {@link #clear()} clears it
 * again. A thread that was waiting when {@code set()} was called returns {@code true} even if
 * another thread calls {@code clear()} before the waiter runs again, as in Python: a waiter never
 * misses a {@code set()} that happened while it waited.
 *
 * <p>Memory visibility: actions in a thread before it calls {@code set()} happen-before actions in
 * another thread after that thread returns {@code true} from {@code await} or sees
 * {@code isSet()} return {@code true} because of that call.
 *
 * <pre>{@code
 * Event started = new Event();
 * Thread.ofPlatform().start(() -> { started.set(); work(); });
 * started.await();            // returns once the thread has started
 * }</pre>
 */
public final class Event {

    /**
     * State: bit 0 is the flag; the upper 31 bits count the calls to {@code set()} that changed
     * the flag (wrapping). A waiter succeeds when the flag is set or when the count moved since it
     * began to wait, so a {@code set(); clear();} pair still releases it.
     */
    private static final class Sync extends AbstractQueuedSynchronizer {
        boolean isSet() {
            return (getState() & 1) != 0;
        }

        /**
         * The generation a new waiter waits on, or -1 if the flag is set already (no generation is
         * -1, so such a waiter always succeeds, even if the flag is cleared before it checks).
         */
        int generationOrSet() {
            int s = getState();
            return (s & 1) != 0 ? -1 : s >>> 1;
        }

        @Override
        protected int tryAcquireShared(int generation) {
            int s = getState();
            return ((s & 1) != 0 || (s >>> 1) != generation) ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            for (;;) {
                int s = getState();
                if ((s & 1) != 0) {
                    return false; // already set: nobody can be waiting for this generation
                }
                int next = ((((s >>> 1) + 1) << 1) | 1);
                if (compareAndSetState(s, next)) {
                    return true;
                }
            }
        }

        void clear() {
            for (;;) {
                int s = getState();
                if ((s & 1) == 0 || compareAndSetState(s, s & ~1)) {
                    return;
                }
            }
        }
    }

    private final Sync sync = new Sync();

    /** Creates an event whose flag is clear. */
    public Event() {}

    /** {@return whether the flag is set} Never blocks. */
    public boolean isSet() {
        return sync.isSet();
    }

    /**
     * Sets the flag and wakes every thread waiting in {@code await}. Does nothing if the flag is set
     * already. Never blocks.
     */
    public void set() {
        sync.releaseShared(0);
    }

    /**
     * Clears the flag, so that later calls to {@code await} block until {@link #set()} is called
     * again. Threads already released by an earlier {@code set()} are not affected. Never blocks.
     */
    public void clear() {
        sync.clear();
    }

    /**
     * Waits until the flag is set. Returns at once if it is set already.
     *
     * @throws InterruptedException if the current thread is interrupted on entry or while waiting;
     *     its interrupt status is cleared
     */
    public void await() throws InterruptedException {
        sync.acquireSharedInterruptibly(sync.generationOrSet());
    }

    /**
     * Waits until the flag is set or the timeout elapses, whichever comes first.
     *
     * @param timeout how long to wait at most; zero means do not wait
     * @return {@code true} if the flag was set (or was set while this thread waited), {@code false}
     *     if the timeout elapsed first, as Python's {@code Event.wait(timeout)}
     * @throws InterruptedException if the current thread is interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        return sync.tryAcquireSharedNanos(sync.generationOrSet(), nanos);
    }

    @Override
    public String toString() {
        return "Event[" + (isSet() ? "set" : "clear") + "]";
    }
}
