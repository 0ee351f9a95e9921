package dev.weft.process;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.pool.Engine;
import dev.weft.process.internal.pool.MapResult;
import dev.weft.process.internal.pool.MapSupport;
import dev.weft.process.internal.pool.PoolEngine;
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
import java.util.function.Function;

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
public final class Pool implements TaskPool {
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

    // ------------------------------------------------------------------ tasks (documented by TaskPool)

    @Override
    @SuppressWarnings("unchecked")
    public <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        TaskFuture<Object> f = new TaskFuture<>();
        f.callbacks((Consumer<Object>) callback, errorCallback);
        submit(function(fn), Protocol.APPLY, argument, f);
        return (AsyncResult<R>) (AsyncResult<?>) f;
    }

    @Override
    public <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return MapResult.map(MapSupport.randomAccess(items), chunksize, callback, errorCallback,
                chunkSubmitter(fn, Protocol.CHUNK));
    }

    @Override
    public <A, B, R> AsyncResult<List<R>> starmapAsync(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return MapResult.map(MapSupport.pairs(pairs), chunksize, null, null, chunkSubmitter(fn, Protocol.STAR_CHUNK));
    }

    /**
     * {@inheritDoc}
     *
     * <p>At most {@value #IMAP_CHUNKS_PER_PROCESS} chunks per worker are in flight.
     */
    @Override
    public <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return iterator(fn, items, chunksize, true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>At most {@value #IMAP_CHUNKS_PER_PROCESS} chunks per worker are in flight.
     */
    @Override
    public <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return iterator(fn, items, chunksize, false);
    }

    private <R> PoolIterator<R> iterator(Object fn, Iterable<?> items, int chunksize, boolean ordered) {
        return new PoolIterator<>(chunkSubmitter(fn, Protocol.CHUNK), Objects.requireNonNull(items, "items").iterator(),
                MapSupport.checkChunksize(chunksize), ordered, engine.processes() * IMAP_CHUNKS_PER_PROCESS);
    }

    /** Sends a chunk of items to {@code fn} in {@code mode}: the function is encoded once, here; each chunk as it is sent. */
    private Function<List<Object>, TaskFuture<Object>> chunkSubmitter(Object fn, int mode) {
        Engine.Function f = function(fn);
        return chunk -> {
            TaskFuture<Object> part = new TaskFuture<>();
            submit(f, mode, chunk, part);
            return part;
        };
    }

    // ------------------------------------------------------------------ ending

    /**
     * Python's {@code close()} followed by {@code join()}: no new tasks; waits for the queued ones
     * to finish and every worker to exit. This is what try-with-resources calls (Python's
     * {@code with} terminates instead). A task that never returns keeps it waiting: give the pool a
     * {@link Builder#taskTimeout}, or call {@link #terminate()}. As in Python, every worker runs the
     * initializer: one still starting when the pool is closed runs it, then exits.
     *
     * <p>If interrupted while waiting, the pool is terminated and the interrupt status kept, so
     * closing never leaves workers behind.
     */
    @Override
    public void close() {
        PoolEngine.closeAndWait(engine);
    }

    /** Python's {@code close()} alone: no new tasks; workers exit once the queued tasks are done. Never blocks. */
    @Override
    public void closeNoWait() {
        engine.close();
    }

    /**
     * Python's {@code terminate()}: kills every worker at once. Tasks not finished are cancelled
     * (their results throw {@link java.util.concurrent.CancellationException}). Never blocks.
     */
    @Override
    public void terminate() {
        engine.terminate();
    }

    /**
     * Waits for every worker to exit, after {@link #closeNoWait()} or {@link #terminate()}.
     *
     * @throws IllegalStateException if the pool is still open (Python's {@code ValueError})
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
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
    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return engine.join(Timeouts.toNanos(timeout));
    }

    /** The number of workers. */
    @Override
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
