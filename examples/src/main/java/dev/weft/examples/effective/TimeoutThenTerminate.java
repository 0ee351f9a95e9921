package dev.weft.examples.effective;

import dev.weft.subprocess.Popen;
import dev.weft.subprocess.SubprocessTimeoutException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Effective Python, Item 36 "Use subprocess to Manage Child Processes", fourth listing: a child
 * that sleeps 10 seconds, given 0.1 s by {@code communicate(timeout=0.1)}; when the time runs
 * out, the parent terminates it, waits for it, and prints its exit status.
 *
 * <p>{@code proc.communicate(timeout=0.1)} is {@link Popen#communicate(Duration)}, and
 * {@code except subprocess.TimeoutExpired:} is {@code catch (SubprocessTimeoutException e)}. As in
 * Python, the timeout leaves the child running: the parent decides what to do with it.
 * {@code proc.terminate()} sends {@code SIGTERM} ({@link Popen#terminate()}); {@code proc.wait()}
 * is {@link Popen#waitFor()} (Java's {@code Object} has a {@code wait()} already). The exit status
 * is Python's: minus the number of the signal that ended the child, {@code -15} for
 * {@code SIGTERM}. The book prints nothing on the timeout; the port prints the exception's message,
 * to show where the 0.1 s went.
 *
 * <pre>{@code
 * command [sleep, 10] timed out after 100 ms
 * Exit status -15
 * }</pre>
 */
public final class TimeoutThenTerminate {
    private TimeoutThenTerminate() {}

    /** The book's {@code timeout=0.1}. */
    static final Duration TIMEOUT = Duration.ofMillis(100);

    /** How long the child sleeps, in seconds: the book's {@code run_sleep(10)}, far longer than the timeout. */
    static final String SLEEP_SECONDS = "10";

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns the child's exit status. */
    public static int run(PrintStream out) throws InterruptedException {
        try (Popen<byte[]> proc = ParallelSleeps.runSleep(SLEEP_SECONDS)) {
            try {
                proc.communicate(TIMEOUT);
            } catch (SubprocessTimeoutException e) {
                out.println(e.getMessage());
                proc.terminate();
                proc.waitFor();
            }
            int status = proc.poll().orElseThrow();
            out.println("Exit status " + status);
            return status;
        }
    }
}
