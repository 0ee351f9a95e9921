package dev.weft.examples.notes;

import dev.weft.futures.MapOptions;
import dev.weft.futures.MapResults;
import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.futures.UncheckedTimeoutException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Abstracting Concurrency Mechanisms", which
 * has no listing: the executor's {@code map} ("pass an iterable of arguments") and
 * {@code shutdown} ("stop accepting tasks and shutdown"), and the {@code with} block that makes
 * calling {@code shutdown} unnecessary.
 *
 * <p>{@code with ThreadPoolExecutor(max_workers=3) as executor:} becomes try-with-resources on
 * Weft's {@link ThreadPoolExecutor}; its {@code close()} is Python's {@code shutdown()}, which
 * waits for the tasks. {@code executor.map(fn, items, timeout=...)} is
 * {@link dev.weft.futures.WeftExecutor#map(dev.weft.function.ThrowingFunction, Iterable, MapOptions)
 * map(fn, items, options)} with {@link MapOptions#withTimeout}; it returns a {@link MapResults} iterator.
 * Python's {@code TimeoutError} from the iterator is {@link UncheckedTimeoutException} (an
 * iterator's {@code next()} cannot throw a checked exception), and {@code RuntimeError} from
 * {@code submit} after shutdown is {@link RejectedExecutionException}.
 *
 * <p>Three things are shown:
 * <ol>
 *   <li>{@code map} yields results in input order, whatever order the tasks finish in: here each
 *       square waits until the square of the next number has finished, so they finish in reverse
 *       order. (The three must run at once, so the pool has three workers; the map's timeout is
 *       the upper bound, should they not.)
 *   <li>The map's timeout counts from the call of {@code map}: a task held back past it makes
 *       {@code next()} throw. The map then cancels its tasks that have not started, but one
 *       that is running goes on (the example waits until it has started), and finishes once let
 *       go, before the {@code with} block ends.
 *   <li>After the {@code with} block, the executor refuses new tasks.
 * </ol>
 *
 * <pre>{@code
 * square(3) finished
 * square(2) finished
 * square(1) finished
 * map gave 1
 * map gave 4
 * map gave 9
 * map with a timeout of 20 ms: next() threw UncheckedTimeoutException
 * the late task finished anyway
 * submit after the with block: RejectedExecutionException
 * }</pre>
 */
public final class ExecutorMap {
    private ExecutorMap() {}

    /** Bounds the first map, which finishes at once; only a machine that is stuck reaches it. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(30);

    /** The second map's timeout, which its held-back task always misses. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(20);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}; returns once every task has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        List<Integer> numbers = List.of(1, 2, 3);
        // finished.get(i) opens when the square of numbers.get(i) has been computed and printed
        List<CountDownLatch> finished = numbers.stream().map(_ -> new CountDownLatch(1)).toList();

        ThreadPoolExecutor executor = new ThreadPoolExecutor(3);
        try (executor) { // with ThreadPoolExecutor(max_workers=3) as executor:
            // 1. results in input order
            MapResults<Integer> squares = executor.map(x -> {
                int i = numbers.indexOf(x);
                if (i + 1 < numbers.size()) {
                    finished.get(i + 1).await(); // let the next number's square finish first
                }
                out.println("square(" + x + ") finished");
                finished.get(i).countDown();
                return x * x;
            }, numbers, MapOptions.defaults().withTimeout(GENEROUS_TIMEOUT));
            for (int square : squares) {
                out.println("map gave " + square);
            }

            // 2. a timeout
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            MapResults<String> late = executor.map(s -> {
                started.countDown();
                letGo.await();
                out.println("the " + s + " task finished anyway");
                return s;
            }, List.of("late"), MapOptions.defaults().withTimeout(SHORT_TIMEOUT));
            started.await(); // running: a timeout cancels only the tasks that have not started
            try {
                late.next();
                out.println("map with a timeout: no timeout?");
            } catch (UncheckedTimeoutException e) {
                out.println("map with a timeout of " + SHORT_TIMEOUT.toMillis() + " ms: next() threw "
                        + e.getClass().getSimpleName());
            }
            letGo.countDown(); // the timeout did not stop the running task: let it finish
        } // close(): shutdown, waiting for every task (the late one too)

        // 3. shut down: no more tasks
        try {
            executor.submit(() -> "too late");
            out.println("submit after the with block: accepted?");
        } catch (RejectedExecutionException e) {
            out.println("submit after the with block: " + e.getClass().getSimpleName());
        }
    }
}
