package dev.weft.examples.cookbook;

import java.io.PrintStream;

/**
 * Python Cookbook, 12.1 "Starting and Stopping Threads", second listing: the countdown in a
 * daemon thread, {@code Thread(target=countdown, args=(5,), daemon=True)}.
 *
 * <p>{@code daemon=True} becomes {@code Thread.ofPlatform().daemon()}. The meaning is the same:
 * the JVM, like the Python interpreter, does not wait for daemon threads when it exits, so a
 * daemon thread suits background work that may be cut off. {@code run} joins it anyway, so that
 * the whole countdown is printed when it returns.
 *
 * <pre>{@code
 * T-minus 5
 * T-minus 4
 * T-minus 3
 * T-minus 2
 * T-minus 1
 * }</pre>
 */
public final class DaemonCountdownThread {
    private DaemonCountdownThread() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Starts the daemon countdown thread, printing to {@code out}. */
    static Thread start(PrintStream out) {
        Thread t = Thread.ofPlatform().daemon().unstarted(() -> CountdownThread.countdown(out, 5));
        t.start();
        return t;
    }

    /** Runs the listing, printing to {@code out}; returns once the thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Thread t = start(out);
        t.join(); // without this, main returning would let the JVM exit and cut the countdown off
    }
}
