package dev.weft.examples.cookbook;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Python Cookbook, 12.1 "Starting and Stopping Threads", first listing: {@code countdown(n)} run
 * by {@code Thread(target=countdown, args=(5,))}, then {@code t.is_alive()}.
 *
 * <p>The target with its argument becomes a lambda given to {@code Thread.ofPlatform()};
 * {@code is_alive()} is {@link Thread#isAlive()}. The notebook asked {@code is_alive()} after
 * the countdown had finished; here {@code join()} makes sure of that, so it prints {@code false}
 * (Python's {@code False}). {@code time.sleep} becomes {@link Thread#sleep(Duration)}: a thread
 * interrupted while sleeping stops counting, which is how a Java thread is asked to stop.
 *
 * <pre>{@code
 * T-minus 5
 * T-minus 4
 * T-minus 3
 * T-minus 2
 * T-minus 1
 * false
 * }</pre>
 */
public final class CountdownThread {
    private CountdownThread() {}

    /** The pause between two lines; the seed sleeps 0.25 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void countdown(PrintStream out, int n) {
        try {
            while (n > 0) {
                out.println("T-minus " + n);
                n -= 1;
                Thread.sleep(INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop: stop counting
        }
    }

    /** Runs the listing, printing to {@code out}; returns once the thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Thread t = Thread.ofPlatform().unstarted(() -> countdown(out, 5));
        t.start();
        t.join();
        out.println(t.isAlive());
    }
}
