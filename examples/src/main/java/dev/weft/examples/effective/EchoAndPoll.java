package dev.weft.examples.effective;

import dev.weft.subprocess.Options;
import dev.weft.subprocess.Output;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import java.io.PrintStream;
import java.util.List;

/**
 * Effective Python, Item 36 "Use subprocess to Manage Child Processes", first listing: a child
 * {@code echo} whose output is read with {@code communicate()}; then a {@code sleep} child,
 * waited for with {@code communicate()} and polled for its exit status.
 *
 * <p>{@code subprocess.Popen([...], stdout=subprocess.PIPE)} becomes
 * {@code new Popen<>(List.of(...), Options.defaults().stdout(Redirect.PIPE).text())} in a
 * try-with-resources statement, Python's {@code with Popen(...)}, which waits for the child and
 * closes its pipes. {@code out, err = proc.communicate()} becomes an {@link Output} record;
 * {@code .text()} does the book's {@code out.decode('utf-8')}. {@code proc.poll()} is
 * {@link Popen#poll()}: an {@code OptionalInt}, empty while the child runs (Python's
 * {@code None}), else its exit status.
 *
 * <p>The book waits for the exit status with {@code while proc.poll() is None: pass}, a loop that
 * keeps a core busy for as long as the child runs (not at all here, since {@code communicate()}
 * has already waited for it). The port does not spin: {@link Popen#waitFor()} blocks, using no
 * CPU, until the child has ended; then {@code poll()} gives the status as the book's does.
 *
 * <pre>{@code
 * Hello from the child
 * starting
 * started
 * communicated
 * Exit status 0
 * }</pre>
 */
public final class EchoAndPoll {
    private EchoAndPoll() {}

    /** How long the second child sleeps, in seconds; the book's sleeps 1 second. */
    static final String SLEEP_SECONDS = "0.05";

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns the sleep child's exit status. */
    public static int run(PrintStream out) throws InterruptedException {
        try (Popen<String> proc = new Popen<>(List.of("echo", "Hello from the child"),
                Options.defaults().stdout(Redirect.PIPE).text())) {
            Output<String> output = proc.communicate();
            out.print(output.stdout()); // echo's line ends with its own newline
        }

        out.println("starting");
        try (Popen<byte[]> proc = Popen.start(List.of("sleep", SLEEP_SECONDS))) {
            out.println("started");
            proc.communicate();
            out.println("communicated");
            proc.waitFor(); // instead of the book's busy loop: blocks until the child has ended
            int status = proc.poll().orElseThrow();
            out.println("Exit status " + status);
            return status;
        }
    }
}
