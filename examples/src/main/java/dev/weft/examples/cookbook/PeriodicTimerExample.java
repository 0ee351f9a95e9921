package dev.weft.examples.cookbook;

import dev.weft.sync.PeriodicTimer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Python Cookbook, 12.2 "Determining If a Thread Has Started", the {@code PeriodicTimer}
 * listings: a timer that ticks every interval and that any number of threads wait on with
 * {@code wait_for_tick()}; a countdown thread (10 ticks) and a countup thread (5 ticks) synchronize
 * on it.
 *
 * <p>The Cookbook's class, a daemon thread that flips a flag under a {@code Condition} and calls
 * {@code notify_all()}, is Weft's {@link PeriodicTimer}: {@code start()} starts its daemon
 * ticking thread, {@link PeriodicTimer#waitForTick()} waits for the next tick. It is
 * {@link AutoCloseable}: closing it stops the ticking thread, which the Cookbook's version never
 * does. Each tick releases both threads, so their lines interleave; within each thread they come
 * in order. ({@code println} prints a whole line at once, so the lines do not get mixed up
 * character by character as Python's two-argument {@code print} did in the notebook.)
 *
 * <pre>{@code
 * T-minus 10
 * Counting 0
 * T-minus 9
 * Counting 1
 * ...
 * Counting 4
 * T-minus 5
 * T-minus 4
 * T-minus 3
 * T-minus 2
 * T-minus 1
 * }</pre>
 */
public final class PeriodicTimerExample {
    private PeriodicTimerExample() {}

    /** The timer's interval; the seed's {@code PeriodicTimer(2)} ticks every 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    // two threads that synchronize on the timer
    static void countdown(PeriodicTimer ptimer, PrintStream out, int nticks) {
        try {
            while (nticks > 0) {
                ptimer.waitForTick();
                out.println("T-minus " + nticks);
                nticks -= 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void countup(PeriodicTimer ptimer, PrintStream out, int last) {
        int n = 0;
        try {
            while (n < last) {
                ptimer.waitForTick();
                out.println("Counting " + n);
                n += 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        try (PeriodicTimer ptimer = new PeriodicTimer(INTERVAL)) {
            ptimer.start();
            Thread down = Thread.ofPlatform().start(() -> countdown(ptimer, out, 10));
            Thread up = Thread.ofPlatform().start(() -> countup(ptimer, out, 5));
            down.join();
            up.join();
        }
    }
}
