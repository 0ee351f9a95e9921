package dev.weft.process.internal.pool;

import java.util.concurrent.TimeUnit;

/**
 * The end of a pool engine's life, as the pools and executors over it see it: {@link Engine} (child
 * JVMs) and the cluster's dispatcher serve it alike, and {@link #closeAndWait},
 * {@link #shutdown(PoolEngine, boolean, boolean)} and {@link #awaitTermination} are the one
 * sequencing of those steps that {@code Pool}, {@code ProcessPoolExecutor}, {@code ClusterPool} and
 * {@code ClusterExecutor} share. Not API.
 */
public interface PoolEngine {
    /** Python's {@code close()}: no new tasks; those submitted still run. Never blocks. */
    void close();

    /** Cancels every submitted task not yet sent to a worker. Never blocks. */
    void cancelQueued();

    /** Python's {@code terminate()}: stops at once; unfinished tasks are cancelled. Never blocks. */
    void terminate();

    /**
     * After {@link #close()} or {@link #terminate()}: waits at most {@code nanos} (without limit if
     * negative) until every task is done and the engine has let go of its workers.
     *
     * @return whether that happened in time
     * @throws IllegalStateException if neither closed nor terminated (Python's {@code ValueError})
     * @throws InterruptedException if interrupted while waiting
     */
    boolean join(long nanos) throws InterruptedException;

    /** {@return whether closed or terminated} */
    boolean isClosed();

    /** {@return whether closed or terminated, and every task done} */
    boolean isTerminated();

    /**
     * Closes {@code engine} and waits until it is done: what a pool's or an executor's
     * {@code close()} (try-with-resources) does. If interrupted while waiting, terminates it and
     * keeps the interrupt status, so closing never leaves work behind.
     */
    static void closeAndWait(PoolEngine engine) {
        engine.close();
        try {
            engine.join(-1);
        } catch (InterruptedException e) {
            engine.terminate();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An executor's {@code shutdown(wait, cancelFutures)}: closes {@code engine}, cancels what has
     * not been sent if asked, and waits until the rest is done if asked.
     *
     * @throws InterruptedException if interrupted while waiting; the shutdown stands
     */
    static void shutdown(PoolEngine engine, boolean wait, boolean cancelFutures) throws InterruptedException {
        engine.close();
        if (cancelFutures) {
            engine.cancelQueued();
        }
        if (wait) {
            engine.join(-1);
        }
    }

    /**
     * An executor's {@code awaitTermination}: false at once if {@code engine} is not shut down,
     * else waits at most the timeout (a negative one counts as zero).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static boolean awaitTermination(PoolEngine engine, long timeout, TimeUnit unit) throws InterruptedException {
        return engine.isClosed() && engine.join(Math.max(0, unit.toNanos(timeout)));
    }
}
