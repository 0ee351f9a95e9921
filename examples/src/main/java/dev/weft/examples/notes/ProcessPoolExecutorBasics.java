package dev.weft.examples.notes;

import dev.weft.futures.MapResults;
import dev.weft.futures.WeftFuture;
import dev.weft.process.ProcessPoolExecutor;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Seed 001 (notes "Concurrency in Python"), "Abstracting Concurrency Mechanisms" (no listing), on
 * processes: the executor interface's concrete {@code ProcessPoolExecutor}; {@code submit}, which
 * returns a future at once; {@code map} over an iterable of arguments; {@code shutdown}, which a
 * {@code with} block calls; and the future's {@code done}, {@code exception} and
 * {@code add_done_callback(fn)}.
 *
 * <p>{@code concurrent.futures.ProcessPoolExecutor} becomes Weft's {@link ProcessPoolExecutor}:
 * the same {@link dev.weft.futures.WeftExecutor} interface as the thread pool of
 * {@link ExecutorMap} and {@link FutureMethods}, with worker JVMs behind it, so the code is the
 * same and the functions (static methods here) run in other processes; they and their arguments
 * must be serializable. {@code submit(fn, arg)} returns a {@link WeftFuture};
 * {@code with executor:} is try-with-resources, whose {@code close()} is
 * {@code shutdown(wait=True)}. A function that throws fails its future: {@code exception()}
 * returns what it threw, rebuilt in this JVM as its own type ({@code 10 / 0}'s
 * {@link ArithmeticException}).
 *
 * <pre>{@code
 * submit: 49
 * done: true
 * map: 1 4 9 16 25
 * exception: java.lang.ArithmeticException: / by zero
 * done callback: 100
 * shut down: true
 * }</pre>
 */
public final class ProcessPoolExecutorBasics {
    private ProcessPoolExecutorBasics() {}

    /** The executor's {@code max_workers}. */
    static final int MAX_WORKERS = 2;

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        run(System.out);
    }

    static int square(int x) {
        return x * x;
    }

    static int tenDividedBy(int x) {
        return 10 / x;
    }

    /** Runs the example, printing to {@code out}; returns once the executor has shut down. */
    public static void run(PrintStream out) throws InterruptedException, ExecutionException {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(MAX_WORKERS);
        try (executor) { // with executor:
            WeftFuture<Integer> future = executor.submit(ProcessPoolExecutorBasics::square, 7);
            out.println("submit: " + future.result());
            out.println("done: " + future.done());

            StringBuilder line = new StringBuilder("map:");
            try (MapResults<Integer> results = executor.map(ProcessPoolExecutorBasics::square, List.of(1, 2, 3, 4, 5))) {
                for (int r : results) {
                    line.append(' ').append(r);
                }
            }
            out.println(line);

            WeftFuture<Integer> failed = executor.submit(ProcessPoolExecutorBasics::tenDividedBy, 0);
            out.println("exception: " + failed.exception());

            WeftFuture<Integer> last = executor.submit(ProcessPoolExecutorBasics::square, 10);
            last.result();
            // Added to a done future, the callback runs at once, in this thread.
            last.addDoneCallback(f -> out.println("done callback: " + f.resultNow()));
        } // executor.shutdown(wait=True)
        out.println("shut down: " + executor.isShutdown());
    }
}
