package dev.weft.examples.cookbook;

import dev.weft.sync.Event;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Python Cookbook, 12.2 "Determining If a Thread Has Started": the countdown thread sets an
 * {@code Event} once it is running, and the launching thread waits for it before going on.
 *
 * <p>{@code threading.Event} becomes {@link Event}; {@code started_evt.wait()} is
 * {@link Event#await()}. "countdown is running" is printed only after "countdown starting";
 * whether it comes before or after "T-minus 5" depends on the scheduler, in Python as in Java.
 *
 * <pre>{@code
 * Launching countdown
 * countdown starting
 * T-minus 5
 * countdown is running
 * T-minus 4
 * T-minus 3
 * T-minus 2
 * T-minus 1
 * }</pre>
 */
public final class ThreadStartedEvent {
    private ThreadStartedEvent() {}

    /** The pause between two lines; the seed sleeps 1 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void countdown(PrintStream out, int n, Event startedEvt) {
        out.println("countdown starting");
        startedEvt.set();
        try {
            while (n > 0) {
                out.println("T-minus " + n);
                n -= 1;
                Thread.sleep(INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once the countdown has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Event startedEvt = new Event();
        out.println("Launching countdown");
        Thread t = Thread.ofPlatform().unstarted(() -> countdown(out, 5, startedEvt));
        t.start();

        // wait for the thread to start
        startedEvt.await();
        out.println("countdown is running");
        t.join();
    }
}
