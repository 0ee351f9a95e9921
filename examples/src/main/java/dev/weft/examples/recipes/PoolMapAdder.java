package dev.weft.examples.recipes;

import dev.weft.process.AsyncResult;
import dev.weft.process.Pool;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-6 "Creating a Pool of Workers", Listing 10-7
 * "Creating a Pool of Processes" ({@code multiprocessing.Pool(processes=4)}) and Listing 10-8
 * "Mapping a Function to a Pool of Processes": {@code pool1.map(adder, range(10))}, which blocks,
 * then {@code map_async}, which returns a result object, and {@code results.wait()}.
 *
 * <p>{@code multiprocessing.Pool(processes=4)} becomes {@link Pool}{@code (4)}, four worker JVMs;
 * the function is a method reference, sent to each worker once. {@code range(10)} is a list of
 * 0 to 9. {@link Pool#mapAsync} returns an {@link AsyncResult}; Python's {@code wait()} is
 * {@link AsyncResult#await()}. The listing shows nothing after {@code wait()}; the port then prints
 * {@link AsyncResult#get() get()}, the same list. The notebook leaves the pool open; the port
 * closes it with try-with-resources (Python's {@code close()} and {@code join()}).
 *
 * <pre>{@code
 * [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
 * [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
 * }</pre>
 */
public final class PoolMapAdder {
    private PoolMapAdder() {}

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        run(System.out);
    }

    /** The listing's {@code adder}, run in the workers. */
    static int adder(int a) {
        return a + a;
    }

    /** Runs the listings, printing to {@code out}; returns once the pool's workers have exited. */
    public static void run(PrintStream out) throws InterruptedException, ExecutionException {
        List<Integer> range10 = IntStream.range(0, 10).boxed().toList();
        try (Pool pool1 = new Pool(4)) { // multiprocessing.Pool(processes=4)
            // This method blocks until all processes return
            out.println(pool1.map(PoolMapAdder::adder, range10));

            // This method returns a result object
            AsyncResult<List<Integer>> results = pool1.mapAsync(PoolMapAdder::adder, range10);
            results.await(); // results.wait()
            out.println(results.get());
        }
    }
}
