package dev.weft.examples.cookbook;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Python Cookbook, 12.1 "Starting and Stopping Threads", third listing: {@code CountdownTask}, a
 * countdown that polls a {@code _running} flag so another thread can stop it with
 * {@code terminate()}; started with {@code run(10)}, terminated after "T-minus 9", joined.
 *
 * <p>The flag is a {@code volatile} field, so the countdown thread sees the write of
 * {@link CountdownTask#terminate()} (Python's GIL hides the need for that; the JVM does not).
 * {@code t.join()} waits until the thread has actually stopped. Java has no way to kill a thread
 * either ({@code Thread.stop()} only throws {@link UnsupportedOperationException}): stopping is
 * cooperative, as here, or by {@link Thread#interrupt()}, which also wakes a sleeping thread.
 *
 * <pre>{@code
 * T-minus 10
 * T-minus 9
 * }</pre>
 * (the terminate comes after a pause of 1.5 ticks, so usually two lines, as in the notebook;
 * fewer or more if the machine is slow).
 */
public final class CountdownTaskExample {
    private CountdownTaskExample() {}

    /** The pause between two lines; the seed sleeps 1 s. */
    static final Duration INTERVAL = Duration.ofMillis(40);
    /** How long the main thread lets the countdown run; in the notebook, about 1.5 s. */
    static final Duration TERMINATE_AFTER = Duration.ofMillis(60);

    /** The Cookbook's {@code CountdownTask}. */
    public static final class CountdownTask {
        private volatile boolean running = true;
        private final Duration interval;

        public CountdownTask() {
            this(INTERVAL);
        }

        public CountdownTask(Duration interval) {
            this.interval = interval;
        }

        /** Asks the countdown to stop; it does after its current pause. Never blocks. */
        public void terminate() {
            running = false;
        }

        /** Counts down from {@code n}, one line per interval, until 0 or terminated. */
        public void run(PrintStream out, int n) throws InterruptedException {
            while (running && n > 0) {
                out.println("T-minus " + n);
                n -= 1;
                Thread.sleep(interval);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once the countdown thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        CountdownTask c = new CountdownTask();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                c.run(out, 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Thread.sleep(TERMINATE_AFTER);
        c.terminate(); // signal termination
        t.join(); // wait for actual termination (if needed)
    }
}
