package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an action once, in a thread of its own, after a delay, unless cancelled first: Python's
 * {@code threading.Timer}.
 *
 * <pre>{@code
 * Timer t = new Timer(Duration.ofSeconds(30), () -> System.out.println("hello, world"));
 * t.start();
 * ...
 * t.cancel();   // true if the action had not started and now never will
 * }</pre>
 *
 * <p>The thread is a platform thread named {@code Timer-N}, not a daemon (as in Python, a pending
 * timer keeps the JVM alive until it fires or is cancelled), unless a thread builder is given. An
 * exception thrown by the action goes to the thread's uncaught-exception handler.
 *
 * <p>Memory visibility: actions before {@code start()} happen-before the action runs; the action
 * happens-before a successful return from {@link #join()}.
 */
public final class Timer {
    private static final AtomicLong NUMBER = new AtomicLong();

    private static final int NEW = 0, WAITING = 1, RUNNING = 2, CANCELLED = 3;

    private final long delayNanos;
    private final Runnable action;
    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final Event wake = new Event();

    /**
     * Creates a timer that will run {@code action} {@code delay} after {@link #start()}, in a new
     * non-daemon platform thread.
     *
     * @param delay how long after {@link #start()} the action runs
     * @param action what runs
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public Timer(Duration delay, Runnable action) {
        this(delay, action, Thread.ofPlatform().name("Timer-" + NUMBER.incrementAndGet()).daemon(false));
    }

    /**
     * Creates a timer whose thread comes from {@code threads}, for example
     * {@code Thread.ofVirtual()} or {@code Thread.ofPlatform().daemon()}.
     *
     * @param delay how long after {@link #start()} the action runs
     * @param action what runs
     * @param threads what makes the timer's thread
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public Timer(Duration delay, Runnable action, Thread.Builder threads) {
        this.delayNanos = Timeouts.toNanos(delay);
        this.action = Objects.requireNonNull(action, "action");
        this.thread = threads.unstarted(this::waitThenRun);
    }

    /**
     * Starts the countdown.
     *
     * @throws IllegalStateException if the timer was started or cancelled before
     */
    public void start() {
        if (!state.compareAndSet(NEW, WAITING)) {
            throw new IllegalStateException("a Timer can only be started once, and not after cancel()");
        }
        thread.start();
    }

    private void waitThenRun() {
        try {
            wake.await(Duration.ofNanos(delayNanos));
        } catch (InterruptedException e) {
            // Interrupting the timer's thread cancels the timer, as cancel() would.
            state.compareAndSet(WAITING, CANCELLED);
            return;
        }
        if (state.compareAndSet(WAITING, RUNNING)) {
            action.run();
        }
    }

    /**
     * Stops the timer if its action has not started yet. Never blocks; does not wait for a
     * running action to finish (use {@link #join()} for that).
     *
     * @return {@code true} if the action will not run because of this call (or was cancelled
     *     before); {@code false} if it has already started
     */
    public boolean cancel() {
        for (;;) {
            int s = state.get();
            if (s == RUNNING) {
                return false;
            }
            if (s == CANCELLED || state.compareAndSet(s, CANCELLED)) {
                wake.set();
                return true;
            }
        }
    }

    /** {@return whether the timer was cancelled before its action started} */
    public boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    /** {@return whether the timer's thread is still waiting or running the action} */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Waits until the timer's thread ends: after the action ran, or promptly after a cancel.
     * Returns at once if the timer's thread was never started (not started, or cancelled first).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        if (thread.getState() != Thread.State.NEW) {
            thread.join();
        }
    }

    /**
     * Waits at most {@code timeout} for the timer's thread to end.
     *
     * @param timeout the longest to wait
     * @return whether it ended (or was never started)
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean join(Duration timeout) throws InterruptedException {
        Timeouts.toNanos(timeout);
        return thread.getState() == Thread.State.NEW || thread.join(timeout);
    }

    /** {@return the timer's thread, for its name and state} */
    public Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        String[] names = {"new", "waiting", "running or ran", "cancelled"};
        return "Timer[" + thread.getName() + ", " + names[state.get()] + "]";
    }
}
