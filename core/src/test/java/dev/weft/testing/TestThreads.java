package dev.weft.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Thread helpers for tests that must not sleep and hope: start a thread that remembers what it
 * threw, wait (with a generous bound) until a thread is parked inside a blocking call, and join
 * with a bound that fails the test instead of hanging it.
 */
public final class TestThreads {
    private TestThreads() {}

    /** How long a test waits for something that should happen at once; generous for busy CI. */
    public static final Duration LONG = Duration.ofSeconds(20);

    /** A body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    /** A started thread that records what its body threw. */
    public static final class Checked {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Checked(String name, Body body) {
            this.thread = Thread.ofPlatform().name(name).unstarted(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
        }

        public Thread thread() {
            return thread;
        }

        /** Joins within {@link #LONG}; fails if the thread is still alive. Returns what it threw. */
        public Throwable join() throws InterruptedException {
            if (!thread.join(LONG)) {
                AssertionError e = new AssertionError("thread " + thread.getName() + " did not end within " + LONG);
                e.setStackTrace(thread.getStackTrace());
                throw e;
            }
            return failure.get();
        }

        /** Joins and fails if the body threw. */
        public void joinSuccessfully() throws InterruptedException {
            Throwable t = join();
            if (t != null) {
                throw new AssertionError("thread " + thread.getName() + " failed", t);
            }
        }

        /** Waits until the thread is blocked (parked, waiting or sleeping); see {@link #awaitBlocked}. */
        public Checked awaitBlocked() throws InterruptedException {
            TestThreads.awaitBlocked(thread);
            return this;
        }
    }

    public static Checked start(String name, Body body) {
        return new Checked(name, body);
    }

    /**
     * Waits until {@code t} is in WAITING, TIMED_WAITING or BLOCKED state, checking every
     * millisecond, for at most {@link #LONG}. This observes a state, it does not guess a delay:
     * once a thread is parked inside a blocking call, what the test does next happens while it
     * waits. Fails if the thread ends or never blocks.
     */
    public static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        for (;;) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError("thread " + t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("thread " + t.getName() + " did not block within " + LONG + " (state " + s + ")");
            }
            Thread.sleep(1);
        }
    }
}
