package dev.weft.examples.effective;

import static dev.weft.examples.effective.FactorizeSerialVsThreads.NUMBERS;
import static dev.weft.examples.effective.FactorizeSerialVsThreads.factorize;
import static dev.weft.examples.effective.FactorizeSerialVsThreads.took;

import dev.weft.futures.MapResults;
import dev.weft.process.ProcessPoolExecutor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python, Item 37 "Use Threads for Blocking I/O, Avoid for Parallelism": the book's
 * {@code factorize} of four numbers, serially and then in parallel in child processes, the way the
 * book says CPython must go to use several cores ("there are ways to get CPython to utilize
 * multiple cores, but it doesn't work with the standard Thread class"): a
 * {@code concurrent.futures.ProcessPoolExecutor} and its {@code map}, timing both. (The threaded
 * version of the same listing is {@link FactorizeSerialVsThreads}.)
 *
 * <p>{@code ProcessPoolExecutor(max_workers=2)} becomes Weft's {@link ProcessPoolExecutor}; its
 * {@code map} sends the function (a static method, so the workers load this class) to each worker
 * once and yields the results in input order, as a {@link MapResults} iterator. Each number's
 * factors come back as a list, copied from the worker. The timed part includes starting the
 * pool's two worker JVMs, as the book's would include starting its interpreters; on the JVM,
 * where threads already run in parallel, processes pay for what threads get for free (start-up,
 * copying), so they win only for work that is long, or that must be isolated: crashy, leaky or
 * not thread-safe. {@code run} returns the factors, so that they can be checked.
 *
 * <pre>{@code
 * Took 0.012 seconds
 * Took 0.420 seconds
 * }</pre>
 */
public final class FactorizeWithProcesses {
    private FactorizeWithProcesses() {}

    /** The pool's {@code max_workers}. */
    static final int MAX_WORKERS = 2;

    /** What {@link #run} found: the factors of each number, serially and in worker processes. */
    public record Factors(List<List<Integer>> serial, List<List<Integer>> processes) {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** {@code list(factorize(number))}: runs in a worker. */
    static List<Integer> factors(int number) {
        return factorize(number).boxed().toList();
    }

    /** Runs the listing, printing to {@code out}; returns the factors found. */
    public static Factors run(PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        List<List<Integer>> serial = new ArrayList<>();
        for (int number : NUMBERS) {
            serial.add(factors(number));
        }
        long end = System.nanoTime();
        out.println(took(start, end));

        start = System.nanoTime();
        List<List<Integer>> processes = new ArrayList<>();
        try (var pool = new ProcessPoolExecutor(MAX_WORKERS);
                MapResults<List<Integer>> results = pool.map(FactorizeWithProcesses::factors, NUMBERS)) {
            results.forEachRemaining(processes::add);
        }
        end = System.nanoTime();
        out.println(took(start, end));

        return new Factors(serial, processes);
    }
}
