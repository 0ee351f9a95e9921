package dev.weft.process;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.pool.Engine;
import dev.weft.process.internal.pool.TaskFuture;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.worker.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A pool of worker JVMs that run serializable functions in parallel: Python's
 * {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(5)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * }
 * }</pre>
 *
 * <p><b>Functions and values</b> are copied to the workers: functions are serializable lambdas
 * ({@link ThrowingFunction}, {@link ThrowingBiFunction}), arguments and results go through Weft's
 * codec (primitives, strings, arrays, collections, records, enums; other {@code Serializable}
 * objects through Java serialization). A map sends its function once per worker, then only items.
 * What a worker may decode, and what the parent may decode from a worker, is limited by an
 * allowlist: the JDK's value types, the packages of the functions submitted (so your own records
 * work), and what {@link Builder#allowPackage} and {@link Builder#allowClass} add. A value outside
 * it fails its task with an error naming the class; the pool goes on.
 *
 * <p><b>Failures</b> fail one task and never the pool: a task's exception comes back as its own
 * type (JDK and allowed classes) or as a {@link RemoteTaskException}, with the remote stack trace;
 * a worker that dies mid-task (SIGKILL, {@code System.exit}, {@code OutOfMemoryError}) fails that
 * task with {@link WorkerDiedException} (or retries it, see {@link Builder#retries}) and is
 * replaced, and the tasks queued behind it go to other workers; a task past
 * {@link Builder#taskTimeout} has its worker killed and fails with
 * {@link java.util.concurrent.TimeoutException}. Workers that keep failing to start or to run the
 * initializer break the pool after a bounded number of attempts: {@link BrokenPoolException}.
 *
 * <p><b>Synchronous calls</b> ({@link #apply}, {@link #map}, {@link #starmap}) block until done and
 * throw {@link CompletionException} whose cause is the task's failure. <b>Asynchronous calls</b>
 * return an {@link AsyncResult}; callbacks run on a pool thread when the result is ready and must
 * not block for long.
 *
 * <p><b>Ending</b>: {@link #close()} and {@link #terminate()} as in Python, then {@link #join()}.
 * Unlike Python's {@code with Pool() as p:}, which <em>terminates</em> the pool on exit (killing
 * tasks still queued), try-with-resources here calls {@link #close()}, which waits for queued
 * tasks to finish: results already promised are never dropped. Call {@link #terminate()} for
 * Python's behaviour.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Pool implements AutoCloseable {
    /** Chunks each worker may have submitted ahead of an {@code imap} reader. */
    static final int IMAP_CHUNKS_PER_PROCESS = 16;

    private final Engine engine;

    /** A pool of {@link Process#cpuCount()} workers. */
    public Pool() {
        this(builder());
    }

    /**
     * A pool of {@code processes} workers.
     *
     * @param processes the number of workers
     * @throws IllegalArgumentException if {@code processes} is less than 1
     */
    public Pool(int processes) {
        this(builder().processes(processes));
    }

    private Pool(Builder b) {
        engine = new Engine(b.settings("Pool"));
    }

    /** {@return a builder for a pool with more settings} */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ apply

    /**
     * Runs {@code fn(argument)} in a worker and waits for it: Python's {@code apply}.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @return the result
     * @throws CompletionException if the task failed; the cause says how
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     * @throws InterruptedException if interrupted while waiting; the task goes on
     */
    public <A, R> R apply(ThrowingFunction<? super A, ? extends R> fn, A argument) throws InterruptedException {
        return join(applyAsync(fn, argument));
    }

    /**
     * Runs {@code fn(argument)} in a worker: Python's {@code apply_async}. Never blocks.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @return the pending result
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     */
    public <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument) {
        return applyAsync(fn, argument, null, null);
    }

    /**
     * Runs {@code fn(argument)} in a worker; when it is done, {@code callback} gets the result or
     * {@code errorCallback} the failure (either may be null). Never blocks.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function, serializable
     * @param argument its argument
     * @param callback gets the result, in a thread of the pool; may be null
     * @param errorCallback gets the failure, in a thread of the pool; may be null
     * @return the pending result
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed
     */
    @SuppressWarnings("unchecked")
    public <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        TaskFuture<Object> f = new TaskFuture<>();
        callbacks(f, (Consumer<Object>) callback, errorCallback);
        submit(function(fn), Protocol.APPLY, argument, f);
        return (AsyncResult<R>) (AsyncResult<?>) f;
    }

    // ------------------------------------------------------------------ map

    /**
     * Applies {@code fn} to every item in workers and returns the results in order: Python's
     * {@code map}, with Python's chunk size (items / (4 × processes), rounded up).
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @return the results, in input order
     * @throws CompletionException if a task failed (the first failure in order)
     * @throws InterruptedException if interrupted while waiting; the tasks go on
     */
    public <A, R> List<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items)
            throws InterruptedException {
        return join(mapAsync(fn, items));
    }

    /**
     * {@link #map(ThrowingFunction, Iterable)} with {@code chunksize} items per task.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @param chunksize items per task, at least 1
     * @return the results, in input order
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws InterruptedException if interrupted while waiting; the tasks not yet run are cancelled
     */
    public <A, R> List<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items, int chunksize)
            throws InterruptedException {
        return join(mapAsync(fn, items, chunksize));
    }

    /**
     * Python's {@code map_async}: {@link #map} without waiting.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @return the pending list of results
     */
    public <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        List<Object> list = list(items);
        return mapChunks(fn, Protocol.CHUNK, list, pythonChunksize(list.size()), null, null);
    }

    /**
     * Python's {@code map_async} with a chunk size.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items
     * @param chunksize items per task, at least 1
     * @return the pending list of results
     */
    public <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
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
     * @param chunksize items per task, at least 1
     * @param callback gets the list of results, in a thread of the pool; may be null
     * @param errorCallback gets the first failure, in a thread of the pool; may be null
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    public <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapChunks(fn, Protocol.CHUNK, list(items), chunksize, callback, errorCallback);
    }

    // ------------------------------------------------------------------ starmap

    /**
     * Applies {@code fn} to each pair's key and value: Python's {@code starmap} for two-argument
     * functions ({@code Map.entry(a, b)} is the pair).
     *
     * @param <A> the type of the first items
     * @param <B> the type of the second items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the argument pairs
     * @return the results, in input order
     * @throws CompletionException if a task failed
     * @throws InterruptedException if interrupted while waiting
     */
    public <A, B, R> List<R> starmap(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException {
        List<Object> list = pairs(pairs);
        return join(mapChunks(fn, Protocol.STAR_CHUNK, list, pythonChunksize(list.size()), null, null));
    }

    /**
     * Python's {@code starmap} with a chunk size.
     *
     * @param <A> the type of the first items
     * @param <B> the type of the second items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the argument pairs
     * @param chunksize pairs per task, at least 1
     * @return the results, in input order
     * @throws InterruptedException if interrupted while waiting; the tasks not yet run are cancelled
     */
    public <A, B, R> List<R> starmap(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) throws InterruptedException {
        return join(mapChunks(fn, Protocol.STAR_CHUNK, pairs(pairs), chunksize, null, null));
    }

    /**
     * Python's {@code starmap_async}.
     *
     * @param <A> the type of the first items
     * @param <B> the type of the second items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param pairs the argument pairs
     * @return the pending list of results
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        List<Object> list = pairs(pairs);
        return mapChunks(fn, Protocol.STAR_CHUNK, list, pythonChunksize(list.size()), null, null);
    }

    // ------------------------------------------------------------------ imap

    /**
     * Applies {@code fn} to each item, lazily, results in order: Python's {@code imap} (chunk size
     * 1). The input is read only as results are consumed, with at most
     * {@value #IMAP_CHUNKS_PER_PROCESS} chunks per worker in flight, so an endless input works.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @return the results, in input order, as they come
     */
    public <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return imap(fn, items, 1);
    }

    /**
     * {@link #imap(ThrowingFunction, Iterable)} with {@code chunksize} items per task.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @param chunksize items per task, at least 1
     * @return the results, in input order, as they come
     */
    public <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return new PoolIterator<>(this, function(fn), Objects.requireNonNull(items, "items").iterator(),
                checkChunksize(chunksize), true, engine.processes() * IMAP_CHUNKS_PER_PROCESS);
    }

    /**
     * Python's {@code imap_unordered}: as {@link #imap}, results in the order they finish.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @return the results, in the order they finish
     */
    public <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return imapUnordered(fn, items, 1);
    }

    /**
     * Python's {@code imap_unordered} with a chunk size.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function, serializable
     * @param items the items, read lazily
     * @param chunksize items per task, at least 1
     * @return the results, in the order they finish
     */
    public <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return new PoolIterator<>(this, function(fn), Objects.requireNonNull(items, "items").iterator(),
                checkChunksize(chunksize), false, engine.processes() * IMAP_CHUNKS_PER_PROCESS);
    }

    // ------------------------------------------------------------------ ending

    /**
     * Python's {@code close()} followed by {@code join()}: no new tasks; waits for the queued ones
     * to finish and every worker to exit. This is what try-with-resources calls (Python's
     * {@code with} terminates instead). A task that never returns keeps it waiting: give the pool a
     * {@link Builder#taskTimeout}, or call {@link #terminate()}.
     *
     * <p>If interrupted while waiting, the pool is terminated and the interrupt status kept, so
     * closing never leaves workers behind.
     */
    @Override
    public void close() {
        engine.close();
        try {
            engine.join(-1);
        } catch (InterruptedException e) {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    /** Python's {@code close()} alone: no new tasks; workers exit once the queued tasks are done. Never blocks. */
    public void closeNoWait() {
        engine.close();
    }

    /**
     * Python's {@code terminate()}: kills every worker at once. Tasks not finished are cancelled
     * (their results throw {@link java.util.concurrent.CancellationException}). Never blocks.
     */
    public void terminate() {
        engine.terminate();
    }

    /**
     * Waits for every worker to exit, after {@link #closeNoWait()} or {@link #terminate()}.
     *
     * @throws IllegalStateException if the pool is still open (Python's {@code ValueError})
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        engine.join(-1);
    }

    /**
     * Waits at most {@code timeout} for every worker to exit.
     *
     * @param timeout the longest to wait
     * @return whether they all did
     * @throws IllegalStateException if the pool is still open
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return engine.join(Timeouts.toNanos(timeout));
    }

    /** {@return the number of workers} */
    public int processes() {
        return engine.processes();
    }

    /** {@return the pids of the workers alive now (for monitoring and tests)} */
    public List<Long> workerPids() {
        return engine.workerPids();
    }

    /** {@return whether the pool broke (see {@link BrokenPoolException})} */
    public boolean isBroken() {
        return engine.isBroken();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    // ------------------------------------------------------------------ internals

    Engine.Function function(Object fn) {
        Objects.requireNonNull(fn, "fn");
        try {
            return engine.function(fn);
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("the function cannot be sent to a worker: " + e.getMessage(), e);
        }
    }

    void submit(Engine.Function fn, int mode, Object argument, TaskFuture<Object> f) {
        engine.submit(fn, mode, argument, f);
    }

    private static void callbacks(TaskFuture<Object> f, Consumer<Object> callback, Consumer<? super Throwable> errorCallback) {
        if (callback != null || errorCallback != null) {
            f.callbacks(callback, errorCallback);
        }
    }

    @SuppressWarnings("unchecked")
    private <R> AsyncResult<List<R>> mapChunks(Object fn, int mode, List<Object> items, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        checkChunksize(chunksize);
        Engine.Function f = function(fn);
        ListResult<R> result = new ListResult<>(items.size());
        callbacks((TaskFuture<Object>) (TaskFuture<?>) result, (Consumer<Object>) (Consumer<?>) callback, errorCallback);
        if (items.isEmpty()) {
            result.complete();
            return result;
        }
        int size = items.size();
        for (int start = 0; start < size; start += chunksize) {
            int from = start;
            // A view: submit encodes it now, in this thread.
            List<Object> chunk = items.subList(start, Math.min(size, start + chunksize));
            TaskFuture<Object> part = new TaskFuture<>();
            part.addDoneCallback(done -> result.chunkDone(from, done));
            submit(f, mode, chunk, part);
        }
        return result;
    }

    /**
     * The result of a map: filled chunk by chunk; the first failure fails it. While every chunk
     * comes back as ints (the worker sends a chunk whose results are all {@code Integer}s as an
     * {@code int[]}), they are kept in one {@code int[]} and the map returns an {@link IntList}: no
     * million boxes kept alive, and copied by the collector, while the map runs.
     */
    private static final class ListResult<R> extends TaskFuture<List<R>> {
        private final int n;
        private int[] ints; // guarded by this; while every chunk so far was ints
        private Object[] values; // guarded by this; once a chunk was not
        private int missing; // guarded by this

        ListResult(int n) {
            this.n = n;
            missing = n;
        }

        void chunkDone(int from, dev.weft.futures.WeftFuture<Object> chunk) {
            if (chunk.state() != java.util.concurrent.Future.State.SUCCESS) {
                fail(chunk.isCancelled() ? new java.util.concurrent.CancellationException(
                        "a chunk of the map was cancelled") : chunk.exceptionNow());
                return;
            }
            Object part = chunk.resultNow();
            boolean last;
            synchronized (this) {
                if (part instanceof int[] p && values == null) {
                    if (ints == null) {
                        ints = new int[n];
                    }
                    System.arraycopy(p, 0, ints, from, p.length);
                    missing -= p.length;
                } else {
                    if (values == null) {
                        values = new Object[n];
                        if (ints != null) {
                            for (int i = 0; i < n; i++) {
                                values[i] = ints[i]; // the ints so far (and zeros where nothing came yet)
                            }
                            ints = null;
                        }
                    }
                    Object[] p = Chunks.boxed(part);
                    System.arraycopy(p, 0, values, from, p.length);
                    missing -= p.length;
                }
                last = missing == 0;
            }
            if (last) {
                complete();
            }
        }

        @SuppressWarnings("unchecked")
        void complete() {
            List<?> out;
            synchronized (this) {
                out = ints != null ? new IntList(ints) : values != null
                        ? new ArrayList<>(java.util.Arrays.asList(values)) : new ArrayList<>();
            }
            succeed((List<R>) out);
        }
    }

    /** Python's rule: {@code divmod(len, 4 * processes)}, rounded up, at least 1. */
    private int pythonChunksize(int size) {
        int per = engine.processes() * 4;
        int chunk = size / per;
        return size % per != 0 ? chunk + 1 : Math.max(chunk, 1);
    }

    private static int checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize);
        }
        return chunksize;
    }

    /**
     * {@code items} as a list to cut into chunks. A list with fast random access is used as it is:
     * every chunk is encoded before {@code map} or {@code mapAsync} returns, so the caller's list is
     * read only during the call, and copying it would only keep millions of elements alive (and
     * copied by the collector) for the whole map.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> list(Iterable<?> items) {
        Objects.requireNonNull(items, "items");
        if (items instanceof List<?> l && l instanceof java.util.RandomAccess) {
            return (List<Object>) l;
        }
        if (items instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        List<Object> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    private static List<Object> pairs(Iterable<? extends Map.Entry<?, ?>> pairs) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : Objects.requireNonNull(pairs, "pairs")) {
            out.add(new Object[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    private static <T> T join(AsyncResult<T> r) throws InterruptedException {
        try {
            return r.get();
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause().toString(), e.getCause());
        }
    }

    /** How to build a {@link Pool}: Python's {@code Pool(processes, initializer, initargs, maxtasksperchild)} and more. */
    public static final class Builder extends WorkerSettings<Builder> {
        private Builder() {}

        /**
         * The number of workers (default: {@link Process#cpuCount()}).
         *
         * @param processes the number of workers
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder processes(int processes) {
            return workers("processes", processes);
        }

        /** {@return the pool; its workers start in the background} */
        public Pool build() {
            return new Pool(this);
        }
    }
}
