package dev.weft.process;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import java.time.Duration;
import dev.weft.process.internal.pool.MapSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool} API: serializable functions applied to items by workers
 * elsewhere, the results coming back in order. Code written against this interface runs on the
 * worker JVMs of this machine ({@link Pool}) or on the members of a cluster
 * ({@code dev.weft.cluster.ClusterPool}) with one change of constructor.
 *
 * <p><b>Synchronous calls</b> ({@link #apply}, {@link #map}, {@link #starmap}) block the caller until
 * every task is done and throw {@link CompletionException} whose cause is the first failure (in
 * input order). If the caller is interrupted while waiting, they throw
 * {@link InterruptedException} and the tasks go on. <b>Asynchronous calls</b> never block and return
 * an {@link AsyncResult}; their callbacks run on a pool thread when the result is ready and must not
 * block for long. <b>{@code imap}</b> reads its input lazily, with a bounded number of chunks in
 * flight, so an endless input works.
 *
 * <p>A failed task fails its own result and never the pool: its exception comes back as itself
 * (with the remote stack trace) or as a {@link RemoteTaskException}; a task whose worker died is
 * failed with {@link WorkerDiedException} or run again, as the implementation documents.
 *
 * <p><b>Ending</b>: {@link #close()} (what try-with-resources calls) lets queued tasks finish and
 * waits for them; Python's {@code with Pool() as p:} terminates instead, which is
 * {@link #terminate()} here.
 *
 * <p>Memory visibility: actions of a thread before it submits a task happen-before the result's
 * callbacks run and before a {@code get} that returns the result.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface TaskPool extends AutoCloseable {

    // ------------------------------------------------------------------ apply

    /**
     * Runs {@code fn(argument)} in a worker and waits for it: Python's {@code apply}.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @return what {@code fn} returned
     * @throws CompletionException if the task failed; the cause says how
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     * @throws InterruptedException if interrupted while waiting; the task goes on
     */
    default <A, R> R apply(ThrowingFunction<? super A, ? extends R> fn, A argument) throws InterruptedException {
        return MapSupport.await(applyAsync(fn, argument));
    }

    /**
     * Runs {@code fn(argument)} in a worker: Python's {@code apply_async}. Never blocks.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @return the result to come
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     */
    default <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument) {
        return applyAsync(fn, argument, null, null);
    }

    /**
     * Runs {@code fn(argument)} in a worker; when it is done, {@code callback} gets the result or
     * {@code errorCallback} the failure (either may be null), just before the result becomes ready.
     * Never blocks.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @param callback what gets the result, or null
     * @param errorCallback what gets the failure, or null
     * @return the result to come
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     */
    <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback);

    // ------------------------------------------------------------------ map

    /**
     * Applies {@code fn} to every item in workers and returns the results in order: Python's
     * {@code map}, with Python's chunk size (items / (4 × {@link #processes()}), rounded up).
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read before this method sends the first chunk
     * @return the results, in the order of the items
     * @throws CompletionException if a task failed (the first failure in order)
     * @throws InterruptedException if interrupted while waiting; the tasks go on
     */
    default <A, R> List<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items)
            throws InterruptedException {
        return MapSupport.await(mapAsync(fn, items));
    }

    /**
     * {@link #map(ThrowingFunction, Iterable)} with {@code chunksize} items per task.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @param chunksize how many items one task takes
     * @return the results, in the order of the items
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws CompletionException if a task failed (the first failure in order)
     * @throws InterruptedException if interrupted while waiting; the tasks go on
     */
    default <A, R> List<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items, int chunksize)
            throws InterruptedException {
        return MapSupport.await(mapAsync(fn, items, chunksize));
    }

    /**
     * Python's {@code map_async}: {@link #map(ThrowingFunction, Iterable)} without waiting.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @return the list of results to come
     */
    default <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        @SuppressWarnings("unchecked")
        List<A> list = (List<A>) MapSupport.randomAccess(items);
        return mapAsync(fn, list, MapSupport.chunksize(list.size(), processes()), null, null);
    }

    /**
     * Python's {@code map_async} with a chunk size.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @param chunksize how many items one task takes
     * @return the list of results to come
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    default <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return mapAsync(fn, items, chunksize, null, null);
    }

    /**
     * Python's {@code map_async(fn, items, chunksize, callback, error_callback)}: when every chunk
     * is done, {@code callback} gets the list, or {@code errorCallback} the first failure.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @param chunksize how many items one task takes
     * @param callback what gets the list of results, or null
     * @param errorCallback what gets the first failure, or null
     * @return the list of results to come
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    // ------------------------------------------------------------------ starmap

    /**
     * Applies {@code fn} to each pair's key and value: Python's {@code starmap} for two-argument
     * functions ({@code Map.entry(a, b)} is the pair), with Python's chunk size.
     *
     * @param <A> the type of the first arguments
     * @param <B> the type of the second arguments
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the arguments
     * @return the results, in the order of the pairs
     * @throws CompletionException if a task failed
     * @throws InterruptedException if interrupted while waiting
     */
    default <A, B, R> List<R> starmap(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException {
        return MapSupport.await(starmapAsync(fn, pairs));
    }

    /**
     * Python's {@code starmap} with a chunk size.
     *
     * @param <A> the type of the first arguments
     * @param <B> the type of the second arguments
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the arguments
     * @param chunksize how many pairs one task takes
     * @return the results, in the order of the pairs
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws CompletionException if a task failed
     * @throws InterruptedException if interrupted while waiting
     */
    default <A, B, R> List<R> starmap(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) throws InterruptedException {
        return MapSupport.await(starmapAsync(fn, pairs, chunksize));
    }

    /**
     * Python's {@code starmap_async}, with Python's chunk size.
     *
     * @param <A> the type of the first arguments
     * @param <B> the type of the second arguments
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the arguments
     * @return the list of results to come
     */
    default <A, B, R> AsyncResult<List<R>> starmapAsync(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        List<Object> list = MapSupport.randomAccess(pairs);
        @SuppressWarnings("unchecked")
        List<Map.Entry<? extends A, ? extends B>> entries = (List<Map.Entry<? extends A, ? extends B>>) (List<?>) list;
        return starmapAsync(fn, entries, MapSupport.chunksize(list.size(), processes()));
    }

    /**
     * Python's {@code starmap_async} with a chunk size.
     *
     * @param <A> the type of the first arguments
     * @param <B> the type of the second arguments
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the arguments
     * @param chunksize how many pairs one task takes
     * @return the list of results to come
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    <A, B, R> AsyncResult<List<R>> starmapAsync(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize);

    // ------------------------------------------------------------------ imap

    /**
     * Applies {@code fn} to each item, lazily, results in order: Python's {@code imap} (chunk size
     * 1). The input is read only as results are consumed, with a bounded number of chunks per
     * worker in flight, so an endless input works.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily on the thread that reads the results
     * @return the results, one by one
     */
    default <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return imap(fn, items, 1);
    }

    /**
     * {@link #imap(ThrowingFunction, Iterable)} with {@code chunksize} items per task.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @param chunksize how many items one task takes
     * @return the results, one by one
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items, int chunksize);

    /**
     * Python's {@code imap_unordered}: as {@link #imap(ThrowingFunction, Iterable)}, results in the
     * order they finish.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @return the results, as they finish
     */
    default <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return imapUnordered(fn, items, 1);
    }

    /**
     * Python's {@code imap_unordered} with a chunk size.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @param chunksize how many items one task takes
     * @return the results, as they finish
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize);

    // ------------------------------------------------------------------ ending

    /**
     * How many tasks the pool runs at once: the number of worker processes, or of worker threads
     * across a cluster's members now. Python's chunk size rule divides by it.
     *
     * @return the pool's parallelism, at least 1
     */
    int processes();

    /**
     * Python's {@code close()} followed by {@code join()}: no new tasks; waits for the queued ones
     * to finish. This is what try-with-resources calls (Python's {@code with} terminates instead).
     * If interrupted while waiting, the pool is terminated and the interrupt status kept.
     */
    @Override
    void close();

    /** Python's {@code close()} alone: no new tasks; the queued ones still run. Never blocks. */
    void closeNoWait();

    /**
     * Python's {@code terminate()}: tasks not finished are cancelled (their results throw
     * {@link java.util.concurrent.CancellationException}) and the workers stopped. Never blocks.
     */
    void terminate();

    /**
     * Waits for the pool to end, after {@link #closeNoWait()} or {@link #terminate()}.
     *
     * @throws IllegalStateException if the pool is still open (Python's {@code ValueError})
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the pool to end.
     *
     * @param timeout how long to wait at most
     * @return whether it ended
     * @throws IllegalStateException if the pool is still open
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    boolean join(Duration timeout) throws InterruptedException;
}
