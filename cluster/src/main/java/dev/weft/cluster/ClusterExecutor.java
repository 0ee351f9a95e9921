package dev.weft.cluster;

import dev.weft.cluster.internal.ChunkTask;
import dev.weft.cluster.internal.Dispatcher;
import dev.weft.function.SerializableCallable;
import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.futures.WeftExecutor;
import dev.weft.futures.WeftFuture;
import dev.weft.process.internal.pool.PoolEngine;
import java.io.NotSerializableException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code concurrent.futures} executor whose tasks run on the worker members of a
 * Hazelcast cluster: the same {@link WeftExecutor} interface as the local
 * {@link dev.weft.process.ProcessPoolExecutor}. Made by {@link Cluster#executor()}.
 *
 * <p>Tasks go where {@link ClusterPool}'s go, and a member that leaves mid-task has its tasks run
 * elsewhere the same way: every future is completed exactly once, and a task may run more than
 * once. {@code cancel(true)} on a running task asks its member to interrupt it. A task and what it
 * captures must be serializable: a lambda passed where a {@link SerializableCallable} or
 * {@link ThrowingFunction} is expected is.
 *
 * <p>{@link #shutdown()} does not leave the cluster; close the {@link Cluster} for that.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class ClusterExecutor extends AbstractExecutorService implements WeftExecutor {
    private static final System.Logger LOG = System.getLogger("dev.weft.cluster");

    private final Dispatcher dispatcher;
    /**
     * Packages of the code sent inside Weft's own callables (the functions given to {@code map},
     * the runnables given to {@code submit}), which members and this process must be able to decode.
     */
    private final java.util.Set<String> wrapped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ClusterExecutor(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Submits {@code task}, which must be serializable; if it is not, the future fails with
     * {@link NotSerializableException}. Never blocks.
     *
     * @throws RejectedExecutionException if shut down
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    @Override
    public <T> WeftFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Dispatcher.JobFuture f = new Dispatcher.JobFuture();
        if (!(task instanceof Serializable)) {
            f.setException(new NotSerializableException(task.getClass().getName() + " is not Serializable, so it cannot"
                    + " be sent to a member; pass a lambda where a SerializableCallable is expected"));
        } else {
            submit(null, ChunkTask.CALL, null, task, f);
        }
        return cast(f);
    }

    /**
     * Submits a lambda as a serializable task: the overload plain lambdas resolve to.
     *
     * @param <T> the type of the result
     * @param task the task
     * @return its future
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
            Dispatcher.JobFuture f = new Dispatcher.JobFuture();
            f.setException(new NotSerializableException(task.getClass().getName() + " is not Serializable, so it cannot"
                    + " be sent to a member"));
            return cast(f);
        }
        wrapped.add(task.getClass().getPackageName());
        return submit((Callable<T>) new RunnableCall<>(task, result));
    }

    @Override
    public <A, R> WeftFuture<R> submit(ThrowingFunction<? super A, ? extends R> fn, A argument) {
        Dispatcher.JobFuture f = new Dispatcher.JobFuture();
        submit(Tasks.encodeFunction(fn), ChunkTask.APPLY, fn, argument, f);
        return cast(f);
    }

    @Override
    public <A, B, R> WeftFuture<R> submit(ThrowingBiFunction<? super A, ? super B, ? extends R> fn, A first, B second) {
        Dispatcher.JobFuture f = new Dispatcher.JobFuture();
        submit(Tasks.encodeFunction(fn), ChunkTask.STAR, fn, new Object[] {first, second}, f);
        return cast(f);
    }

    @Override
    public <A, R> dev.weft.futures.MapResults<R> map(ThrowingFunction<? super A, ? extends R> fn,
            Iterable<? extends A> items, dev.weft.futures.MapOptions options) {
        Tasks.encodeFunction(fn); // refuses at once what cannot be sent
        wrapped.add(fn.getClass().getPackageName());
        return WeftExecutor.super.map(fn, items, options);
    }

    @Override
    public <A, B, R> dev.weft.futures.MapResults<R> map(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends A> first, Iterable<? extends B> second, dev.weft.futures.MapOptions options) {
        Tasks.encodeFunction(fn);
        wrapped.add(fn.getClass().getPackageName());
        return WeftExecutor.super.map(fn, first, second, options);
    }

    @Override
    public void execute(Runnable command) {
        submit(command).addDoneCallback(f -> {
            if (f.state() == Future.State.FAILED) {
                LOG.log(System.Logger.Level.WARNING, "task run by execute() failed", f.exceptionNow());
            }
        });
    }

    private void submit(byte[] encodedFn, byte mode, Object fn, Object payload, Dispatcher.JobFuture f) {
        try {
            Tasks.submit(dispatcher, encodedFn, mode, fn, payload, wrapped, f);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> WeftFuture<T> cast(WeftFuture<?> f) {
        return (WeftFuture<T>) f;
    }

    /**
     * A serializable runnable as a callable returning {@code result}.
     *
     * @param <T> the type of the result
     * @param task the runnable
     * @param result what the call returns after running it
     */
    private record RunnableCall<T>(Runnable task, T result) implements Callable<T>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public T call() {
            task.run();
            return result;
        }
    }

    // ------------------------------------------------------------------ ending

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        PoolEngine.shutdown(dispatcher, wait, cancelFutures);
    }

    @Override
    public void shutdown() {
        dispatcher.close();
    }

    /** Cancels every task not yet sent and asks the members to interrupt the running ones. */
    @Override
    public List<Runnable> shutdownNow() {
        dispatcher.terminate();
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return dispatcher.isClosed();
    }

    @Override
    public boolean isTerminated() {
        return dispatcher.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return PoolEngine.awaitTermination(dispatcher, timeout, unit);
    }

    @Override
    public void close() {
        PoolEngine.closeAndWait(dispatcher);
    }

    /**
     * The worker threads of the cluster's worker members now.
     *
     * @return at least 1
     */
    public int maxWorkers() {
        return dispatcher.parallelism();
    }

    @Override
    public String toString() {
        return dispatcher.toString();
    }
}
