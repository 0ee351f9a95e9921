package dev.weft.examples.effective;

import dev.weft.subprocess.Popen;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Effective Python, Item 36 "Use subprocess to Manage Child Processes", second listing: ten
 * {@code sleep 0.1} children started one after the other by {@code run_sleep(period)}, then each
 * waited for with {@code communicate()}. They run in parallel, so the whole takes about 0.1 s, not
 * the 1 s of ten sleeps in a row.
 *
 * <p>{@code subprocess.Popen(['sleep', str(period)])} is {@link Popen#start(List)}, which returns
 * as soon as the child has started; {@code proc.communicate()} is {@link Popen#communicate()},
 * which here only waits, since no stream is a pipe. Each {@code Popen} is closed at the end, as a
 * {@code with} statement would; closing an ended child only releases what the parent held for
 * it. {@code run} returns the ten exit statuses.
 *
 * <pre>{@code
 * Finished in 0.104 seconds
 * }</pre>
 */
public final class ParallelSleeps {
    private ParallelSleeps() {}

    /** The book's period, in seconds, as {@code sleep} takes it. */
    static final String PERIOD = "0.1";

    /** How many children the book starts. */
    static final int CHILDREN = 10;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The book's {@code run_sleep}: starts a child that sleeps {@code period} seconds. */
    static Popen<byte[]> runSleep(String period) {
        return Popen.start(List.of("sleep", period));
    }

    /** Runs the listing, printing to {@code out}; returns each child's exit status, in order. */
    public static List<Integer> run(PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        List<Popen<byte[]>> procs = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < CHILDREN; i++) {
                procs.add(runSleep(PERIOD));
            }
            for (Popen<byte[]> proc : procs) {
                proc.communicate();
                statuses.add(proc.poll().orElseThrow());
            }
        } finally {
            procs.forEach(Popen::close);
        }
        long end = System.nanoTime();
        out.printf(Locale.ROOT, "Finished in %.3f seconds%n", (end - start) / 1e9);
        return statuses;
    }
}
