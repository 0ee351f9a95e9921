package dev.weft.cluster;

import dev.weft.cluster.internal.ChunkTask;
import dev.weft.cluster.internal.Dispatcher;
import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.internal.Timeouts;
import dev.weft.process.AsyncResult;
import dev.weft.process.PoolIterator;
import dev.weft.process.TaskPool;
import dev.weft.process.internal.pool.MapResult;
import dev.weft.process.internal.pool.MapSupport;
import dev.weft.process.internal.pool.PoolEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Python's {@code multiprocessing.Pool} whose tasks run on the worker members of a Hazelcast
 * cluster: the same {@link TaskPool} interface as the local {@link dev.weft.process.Pool}, the same
 * serializable lambdas, results in input order for {@link #map}. Made by {@link Cluster#pool()}.
 *
 * <pre>{@code
 * TaskPool pool = cluster.pool();          // was: new Pool(4)
 * List<Integer> squares = pool.map(x -> x * x, items);
 * }</pre>
 *
 * <p><b>Where tasks run.</b> A map is cut into chunks as Python cuts it (by the worker threads of
 * the cluster now, see {@link #processes()}); each chunk goes to the worker member with the fewest
 * tasks in flight, at most two per worker thread, so tasks spread over members as they finish.
 * Tasks wait here while no worker is in the cluster ({@link Cluster#awaitWorkers}). The classes of
 * the functions and values must be on every worker's class path ({@code weft worker --classpath})
 * and their packages allowed ({@link Cluster.Builder#allowPackage}).
 *
 * <p><b>A member that leaves mid-task.</b> Its unfinished tasks are sent to other members, so every
 * result arrives, exactly once: a task's result is taken from the one run that answers, and a
 * member that has left never answers. A task may therefore <em>run</em> more than once, and side
 * effects of the first run stay; write tasks whose effects can be repeated. A task whose members
 * leave {@link Cluster.Builder#taskAttempts} times fails with {@link MemberLeftException}.
 *
 * <p><b>Failures</b> of a task fail its own result only, as in the local pool: its exception comes
 * back as itself, with the member's stack trace (or as a {@link dev.weft.process.RemoteTaskException}
 * when it could not be serialized). If this process leaves the cluster, tasks awaiting answers fail
 * with {@link ClusterUnavailableException}.
 *
 * <p><b>Ending.</b> {@link #close()} lets the submitted tasks finish and waits for them;
 * {@link #terminate()} cancels the tasks not yet sent and asks the members to interrupt the running
 * ones (a task that ignores interrupts runs on, but its result is dropped). Neither leaves the
 * cluster; close the {@link Cluster} for that.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class ClusterPool implements TaskPool {
    /** Chunks per worker thread an {@code imap} may have in flight ahead of its reader. */
    static final int IMAP_CHUNKS_PER_THREAD = 4;

    private final Dispatcher dispatcher;

    ClusterPool(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, R> AsyncResult<R> applyAsync(ThrowingFunction<? super A, ? extends R> fn, A argument,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        Dispatcher.JobFuture f = new Dispatcher.JobFuture();
        f.callbacks((Consumer<Object>) callback, errorCallback);
        submit(ChunkTask.APPLY, fn, Tasks.encodeFunction(fn), argument, f);
        return (AsyncResult<R>) (AsyncResult<?>) f;
    }

    @Override
    public <A, R> AsyncResult<List<R>> mapAsync(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return MapResult.map(MapSupport.randomAccess(items), chunksize, callback, errorCallback,
                chunkSubmitter(ChunkTask.CHUNK, fn));
    }

    @Override
    public <A, B, R> AsyncResult<List<R>> starmapAsync(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return MapResult.map(MapSupport.pairs(pairs), chunksize, null, null, chunkSubmitter(ChunkTask.STAR_CHUNK, fn));
    }

    /**
     * {@inheritDoc}
     *
     * <p>At most {@value #IMAP_CHUNKS_PER_THREAD} chunks per worker thread are in flight.
     */
    @Override
    public <A, R> PoolIterator<R> imap(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return iterator(fn, items, chunksize, true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>At most {@value #IMAP_CHUNKS_PER_THREAD} chunks per worker thread are in flight.
     */
    @Override
    public <A, R> PoolIterator<R> imapUnordered(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            int chunksize) {
        return iterator(fn, items, chunksize, false);
    }

    private <R> PoolIterator<R> iterator(Object fn, Iterable<?> items, int chunksize, boolean ordered) {
        return new PoolIterator<>(chunkSubmitter(ChunkTask.CHUNK, fn), Objects.requireNonNull(items, "items").iterator(),
                MapSupport.checkChunksize(chunksize), ordered, dispatcher.parallelism() * IMAP_CHUNKS_PER_THREAD);
    }

    /** Sends a chunk of items to {@code fn} in {@code mode}: the function is encoded once, here; each chunk as it is sent. */
    private Function<List<Object>, Dispatcher.JobFuture> chunkSubmitter(byte mode, Object fn) {
        byte[] encoded = Tasks.encodeFunction(fn);
        return chunk -> {
            Dispatcher.JobFuture part = new Dispatcher.JobFuture();
            submit(mode, fn, encoded, chunk.toArray(), part);
            return part;
        };
    }

    private void submit(byte mode, Object fn, byte[] encoded, Object payload, Dispatcher.JobFuture f) {
        Tasks.submit(dispatcher, encoded, mode, fn, payload, java.util.Set.of(), f);
    }

    // ------------------------------------------------------------------ ending

    /**
     * The worker threads of the cluster's worker members now (at least 1): what Python's chunk
     * size rule divides by. It changes as members join and leave.
     */
    @Override
    public int processes() {
        return dispatcher.parallelism();
    }

    @Override
    public void close() {
        PoolEngine.closeAndWait(dispatcher);
    }

    @Override
    public void closeNoWait() {
        dispatcher.close();
    }

    @Override
    public void terminate() {
        dispatcher.terminate();
    }

    @Override
    public void join() throws InterruptedException {
        dispatcher.join(-1);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return dispatcher.join(Timeouts.toNanos(timeout));
    }

    /**
     * The worker members now.
     *
     * @return the members that run this pool's tasks
     */
    public List<Cluster.ClusterMember> workers() {
        return dispatcher.workers().stream().map(Cluster.ClusterMember::of).toList();
    }

    @Override
    public String toString() {
        return dispatcher.toString();
    }
}
