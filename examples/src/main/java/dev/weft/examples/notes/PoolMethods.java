package dev.weft.examples.notes;

import dev.weft.process.AsyncResult;
import dev.weft.process.Pool;
import dev.weft.process.Process;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Seed 001 (notes "Concurrency in Python"), "Process Pools":
 * {@code Pool(processes=pool_size, initializer=start_process)}, {@code pool.map(function, args)},
 * {@code map_async(func, iterable, chunksize, callback)} and {@code AsyncResult.get([timeout])},
 * {@code apply} and {@code apply_async(func, args, callback, error_callback)}, then
 * {@code pool.close()}.
 *
 * <p>{@code multiprocessing.Pool(processes, initializer, initargs, maxtasksperchild)} becomes
 * {@link Pool#builder()}: {@code processes(n)}, {@code initializer(fn)} (or
 * {@code initializer(fn, arg)} for {@code initargs}) and {@code maxTasksPerChild(k)}. The
 * initializer runs once in each worker before its first task; {@code start_process} prints the
 * worker's name, {@link Process#currentProcess()}{@code .name()} ({@code PoolWorker-N}, where
 * Python says {@code ForkPoolWorker-N}), from the worker, so its lines reach this JVM's
 * {@code System.out} whenever the workers start. {@code map} blocks and returns the results in
 * order; {@link Pool#mapAsync} and {@link Pool#applyAsync} return an {@link AsyncResult} at once;
 * {@code get(timeout)} waits for it. The callbacks run in this JVM, on a pool thread, when the
 * result is ready: {@code callback} gets the value, {@code error_callback} the exception (here
 * {@code 10 / 0}'s {@link ArithmeticException}, rebuilt in the parent as its own type). Python's
 * {@code close()} then {@code join()} is {@link Pool#close()}, called by try-with-resources.
 *
 * <pre>{@code
 * Starting PoolWorker-1
 * Starting PoolWorker-2
 * map: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
 * map_async callback: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
 * map_async get: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
 * apply: 49
 * apply_async callback: 64
 * apply_async get: 64
 * error_callback: java.lang.ArithmeticException: / by zero
 * }</pre>
 * (the "Starting" lines come whenever the workers start, and each callback line when its result is
 * ready, which may be just after the matching {@code get} has returned.)
 */
public final class PoolMethods {
    private PoolMethods() {}

    /** The notes' {@code pool_size}. */
    static final int POOL_SIZE = 2;
    /** The {@code timeout} given to {@code get}. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** The notes' {@code start_process}, the pool's initializer: runs in each worker. */
    static void startProcess() {
        System.out.println("Starting " + Process.currentProcess().name());
    }

    /** The notes' {@code function}: runs in the workers. */
    static int square(int x) {
        return x * x;
    }

    static int tenDividedBy(int x) {
        return 10 / x;
    }

    /** Runs the listing, printing to {@code out}; returns once every worker has exited. */
    public static void run(PrintStream out) throws InterruptedException, ExecutionException, TimeoutException {
        List<Integer> args = IntStream.range(0, 10).boxed().toList();
        try (Pool pool = Pool.builder().processes(POOL_SIZE).initializer(PoolMethods::startProcess).build()) {
            List<Integer> outputs = pool.map(PoolMethods::square, args); // synchronous
            out.println("map: " + outputs);

            AsyncResult<List<Integer>> async = pool.mapAsync(PoolMethods::square, args, 2,
                    result -> out.println("map_async callback: " + result), null);
            out.println("map_async get: " + async.get(TIMEOUT));

            out.println("apply: " + pool.apply(PoolMethods::square, 7));

            AsyncResult<Integer> applied = pool.applyAsync(PoolMethods::square, 8,
                    result -> out.println("apply_async callback: " + result),
                    error -> out.println("error_callback: " + error));
            out.println("apply_async get: " + applied.get(TIMEOUT));

            AsyncResult<Integer> failed = pool.applyAsync(PoolMethods::tenDividedBy, 0,
                    result -> out.println("callback: " + result),
                    error -> out.println("error_callback: " + error));
            failed.await(TIMEOUT);
        } // pool.close(), then join(): waits for the workers to exit
    }
}
