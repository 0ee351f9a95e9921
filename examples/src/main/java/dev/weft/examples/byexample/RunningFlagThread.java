package dev.weft.examples.byexample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * Python Programming by Example, 11.2 "Threading", ch11_01.py: a daemon thread prints a counter
 * while a global {@code running} flag is true; the main thread waits for Enter, clears the flag,
 * and joins the thread with a 2 s timeout.
 *
 * <p>The global becomes a {@code static volatile} field: {@code volatile} so that the counter
 * thread sees the main thread's write. {@code setDaemon(True)} becomes
 * {@code Thread.ofPlatform().daemon()}; {@code join(2)} becomes {@link Thread#join(Duration)}
 * with 2 s, which returns as soon as the thread ends. The script sets {@code running = True}
 * inside the thread, so an Enter pressed before the thread got that far would be undone and the
 * thread would never stop; the port sets it before starting the thread.
 *
 * <pre>{@code
 * Press Enter to stop...
 * counter: 0
 * counter: 1
 * counter: 2
 * }</pre>
 * (as many counter lines as there was time for before Enter.)
 */
public final class RunningFlagThread {
    private RunningFlagThread() {}

    /** The pause between two counter lines; the script sleeps 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);
    /** The script's {@code join(2)}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private static volatile boolean running; // global running

    static void perform(PrintStream out) {
        int counter = 0;
        try {
            while (running) {
                out.println("counter: " + counter);
                Thread.sleep(INTERVAL);
                counter += 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns after Enter on {@code in}. */
    public static void run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        running = true;
        Thread myThread = Thread.ofPlatform().daemon().unstarted(() -> perform(out));
        myThread.start();

        out.println("Press Enter to stop...");
        in.readLine();
        running = false;
        myThread.join(JOIN_TIMEOUT);
    }
}
