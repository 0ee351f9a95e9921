package dev.weft.examples.cookbook;

import dev.weft.futures.ThreadPoolExecutor;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.7 "Creating a Thread Pool", second listing ("or for use as a context
 * manager"): {@code with ThreadPoolExecutor(max_workers=3) as executor:} submitting
 * {@code task(2)}, {@code task(3)} and {@code task(4)}, then "All tasks complete".
 *
 * <p>The {@code with} block becomes try-with-resources: Weft's {@link ThreadPoolExecutor} is an
 * {@link java.util.concurrent.ExecutorService}, whose {@code close()} shuts it down and waits for
 * every submitted task, as leaving Python's {@code with} block does. So "All tasks complete" is
 * always printed last. Python's {@code submit(task, n)} passes the argument on; {@code task}
 * returns nothing, so here a lambda captures it, {@code submit(() -> task(out, 2))}. (The
 * {@code submit(fn, argument)} form, {@code executor.submit(x -> x * x, 7)}, takes a function that
 * returns a result.)
 *
 * <pre>{@code
 * Starting ThreadPoolExecutor
 * Processing 2
 * Processing 3
 * Processing 4
 * All tasks complete
 * }</pre>
 * (the three "Processing" lines in any order: three workers run them at once.)
 */
public final class ThreadPoolWithStatement {
    private ThreadPoolWithStatement() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void task(PrintStream out, int n) {
        out.println("Processing " + n);
    }

    /** Runs the listing, printing to {@code out}; returns once every task has run. */
    public static void run(PrintStream out) {
        out.println("Starting ThreadPoolExecutor");
        try (var executor = new ThreadPoolExecutor(3)) { // with ThreadPoolExecutor(max_workers=3) as executor:
            executor.submit(() -> task(out, 2));
            executor.submit(() -> task(out, 3));
            executor.submit(() -> task(out, 4));
        } // close(): shuts down and waits for the three tasks

        out.println("All tasks complete");
    }
}
