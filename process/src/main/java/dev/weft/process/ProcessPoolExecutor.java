package dev.weft.process;

import dev.weft.function.SerializableCallable;
import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.futures.MapOptions;
import dev.weft.futures.MapResults;
import dev.weft.futures.WeftExecutor;
import dev.weft.futures.WeftFuture;
import dev.weft.process.internal.pool.Engine;
import dev.weft.process.internal.pool.PoolEngine;
import dev.weft.process.internal.pool.RunnableCall;
import dev.weft.process.internal.pool.TaskFuture;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.worker.Protocol;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose tasks run in worker JVMs: Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, on the same engine as {@link Pool} (the same
 * workers, codec, allowlist and failure rules; see there).
 *
 * <pre>{@code
 * try (var executor = new ProcessPoolExecutor(2)) {
 *     WeftFuture<Integer> f = executor.submit(x -> x * x, 7);
 *     f.result();   // 49
 * }
 * }</pre>
 *
 * <p>Tasks must be serializable: {@code submit(fn, arg)} and {@code submit(fn, a, b)} take
 * serializable functions, and a lambda passed to {@link #submit(Callable)} is a
 * {@link SerializableCallable} (the overload the compiler picks). A {@code Callable} or
 * {@code Runnable} that is not serializable fails its future with a
 * {@link NotSerializableException} naming the class.
 *
 * <p>Futures: a task's exception is the cause of the {@code ExecutionException}, as its own type or
 * a {@link RemoteTaskException}; a dead worker gives {@link WorkerDiedException}; a broken pool
 * gives {@link BrokenPoolException}, and then {@code submit} throws it. {@code cancel(false)}
 * succeeds only for a task that has not started; {@code cancel(true)} on a running task kills its
 * worker, which is replaced (the task fails with {@code CancellationException}).
 *
 * <p>{@link #close()} (try-with-resources) is {@code shutdown(wait=true)}, as Python's
 * {@code with} is. {@link #shutdownNow()} kills the workers and cancels every unfinished task; it
 * returns an empty list, since queued tasks are cancelled through their futures.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService implements WeftExecutor {
    private static final System.Logger LOG = System.getLogger("dev.weft.process");

    private final Engine engine;
    /** The last function submitted, so a loop of {@code submit(fn, x)} sends {@code fn} once per worker. */
    private volatile CachedFunction last;

    private record CachedFunction(Object fn, Engine.Function encoded) {}

    /** An executor with {@link Process#cpuCount()} workers. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * An executor with {@code maxWorkers} workers.
     *
     * @param maxWorkers the number of worker processes
     * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ProcessPoolExecutor(Builder b) {
        engine = new Engine(b.settings("ProcessPoolExecutor"));
    }

    /**
     * {@return a builder: Python's
     * {@code ProcessPoolExecutor(max_workers, initializer, initargs, max_tasks_per_child)} and more}
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Submits {@code task}, which must be serializable. Never blocks.
     *
     * @throws BrokenPoolException if the pool is broken
     * @throws java.util.concurrent.RejectedExecutionException if shut down
     */
    @Override
    public <T> WeftFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        TaskFuture<Object> f = new TaskFuture<>();
        if (!(task instanceof Serializable)) {
            f.setException(notSerializable(task));
        } else {
            submit(null, Protocol.CALL, task, f);
        }
        return cast(f);
    }

    /**
     * Submits a lambda as a serializable task: the overload plain lambdas resolve to.
     *
     * @param <T> the type of the result
     * @param task the task, serializable
     * @return the future of the result
     */
    public <T> WeftFuture<T> submit(SerializableCallable<T> task) {
        return submit((Callable<T>) task);
    }

    @Override
    public WeftFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> WeftFuture<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable)) {
            TaskFuture<Object> f = new TaskFuture<>();
            f.setException(notSerializable(task));
            return cast(f);
        }
        return submit((Callable<T>) new RunnableCall<>(task, result));
    }

    /** Submits {@code fn(argument)}; {@code fn} is sent once per worker when submitted repeatedly. */
    @Override
    public <A, R> WeftFuture<R> submit(ThrowingFunction<? super A, ? extends R> fn, A argument) {
        TaskFuture<Object> f = new TaskFuture<>();
        submit(function(fn), Protocol.APPLY, argument, f);
        return cast(f);
    }

    /** Submits {@code fn(first, second)}. */
    @Override
    public <A, B, R> WeftFuture<R> submit(ThrowingBiFunction<? super A, ? super B, ? extends R> fn, A first, B second) {
        TaskFuture<Object> f = new TaskFuture<>();
        submit(function(fn), Protocol.STAR, new Object[] {first, second}, f);
        return cast(f);
    }

    /**
     * As {@link WeftExecutor#map(ThrowingFunction, Iterable, MapOptions)}; {@code fn}'s package is
     * first made decodable in the workers, as {@code submit(fn, arg)} does.
     *
     * @throws IllegalArgumentException if {@code fn} cannot be sent to a worker (the message names the class)
     */
    @Override
    public <A, R> MapResults<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            MapOptions options) {
        function(fn);
        return WeftExecutor.super.map(fn, items, options);
    }

    /** As {@link WeftExecutor#map(ThrowingBiFunction, Iterable, Iterable, MapOptions)}, allowing {@code fn}'s package first. */
    @Override
    public <A, B, R> MapResults<R> map(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends A> first, Iterable<? extends B> second, MapOptions options) {
        function(fn);
        return WeftExecutor.super.map(fn, first, second, options);
    }

    /**
     * Runs {@code command} in a worker. Its failure is logged (there is no future to report it to);
     * prefer {@link #submit(Runnable)}.
     */
    @Override
    public void execute(Runnable command) {
        submit(command).addDoneCallback(f -> {
            if (f.state() == java.util.concurrent.Future.State.FAILED) {
                LOG.log(System.Logger.Level.WARNING, "task run by execute() failed", f.exceptionNow());
            }
        });
    }

    private void submit(Engine.Function fn, int mode, Object argument, TaskFuture<Object> f) {
        try {
            engine.submit(fn, mode, argument, f);
        } catch (IllegalStateException e) {
            throw new java.util.concurrent.RejectedExecutionException(e.getMessage());
        }
    }

    private Engine.Function function(Object fn) {
        Objects.requireNonNull(fn, "fn");
        CachedFunction c = last;
        if (c != null && c.fn() == fn) {
            return c.encoded();
        }
        try {
            Engine.Function encoded = engine.function(fn);
            last = new CachedFunction(fn, encoded);
            return encoded;
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("the function cannot be sent to a worker: " + e.getMessage(), e);
        }
    }

    private static NotSerializableException notSerializable(Object task) {
        return new NotSerializableException(task.getClass().getName() + " is not Serializable, so it cannot be sent"
                + " to a worker process; pass a lambda where a SerializableCallable is expected, or use submit(fn, arg)");
    }

    @SuppressWarnings("unchecked")
    private static <T> WeftFuture<T> cast(TaskFuture<Object> f) {
        return (WeftFuture<T>) (WeftFuture<?>) f;
    }

    // ------------------------------------------------------------------ ending

    /**
     * Python's {@code shutdown(wait, cancel_futures)}: no new tasks; with {@code cancelFutures},
     * tasks not yet sent to a worker are cancelled; with {@code wait}, waits until the others are
     * done and every worker has exited.
     *
     * @throws InterruptedException if interrupted while waiting; the shutdown stands
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        PoolEngine.shutdown(engine, wait, cancelFutures);
    }

    /** No new tasks; the queued ones still run. Does not wait. */
    @Override
    public void shutdown() {
        engine.close();
    }

    /** Kills every worker; unfinished tasks are cancelled through their futures. Returns an empty list. */
    @Override
    public List<Runnable> shutdownNow() {
        engine.terminate();
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return engine.isClosed();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return PoolEngine.awaitTermination(engine, timeout, unit);
    }

    /**
     * {@code shutdown(wait=true)}: what try-with-resources calls, as Python's {@code with} does. If
     * interrupted, the workers are killed and the interrupt status kept.
     */
    @Override
    public void close() {
        PoolEngine.closeAndWait(engine);
    }

    /** {@return whether the pool broke (see {@link BrokenPoolException})} */
    public boolean isBroken() {
        return engine.isBroken();
    }

    /** {@return the number of workers} */
    public int maxWorkers() {
        return engine.processes();
    }

    /** {@return the pids of the workers alive now (for monitoring and tests)} */
    public List<Long> workerPids() {
        return engine.workerPids();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /** How to build a {@link ProcessPoolExecutor}. */
    public static final class Builder extends WorkerSettings<Builder> {
        private Builder() {}

        /**
         * The number of workers (default: {@link Process#cpuCount()}).
         *
         * @param maxWorkers the number of workers
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxWorkers(int maxWorkers) {
            return workers("maxWorkers", maxWorkers);
        }

        /** {@return the executor; its workers start in the background} */
        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }
}
