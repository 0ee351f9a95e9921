package dev.weft.process;

import dev.weft.futures.SettableFuture;
import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of a {@link Pool}'s asynchronous call: Python's {@code AsyncResult}. It is a
 * {@link dev.weft.futures.WeftFuture}, so everything a future offers works too (callbacks,
 * {@code CompletionStage}, cancellation).
 *
 * <p>Memory visibility: everything the pool did to complete it (decoding the value in the parent)
 * happens-before a {@code get} or {@code await} that returns because it is done.
 *
 * @param <T> the type of the result
 */
public class AsyncResult<T> extends SettableFuture<T> {

    /** A result to be completed by the pool. */
    protected AsyncResult() {}

    /**
     * Waits at most {@code timeout} for the result: Python's {@code get(timeout)}.
     *
     * @param timeout the longest to wait
     * @return the task's result
     * @throws ExecutionException if the task failed; its cause is what the task threw, rebuilt
     *     with the remote stack trace (or a {@link RemoteTaskException}, {@link WorkerDiedException},
     *     {@link TimeoutException} for a task past the pool's task timeout,
     *     {@link BrokenPoolException})
     * @throws TimeoutException if it is not ready within {@code timeout} (the task goes on)
     * @throws java.util.concurrent.CancellationException if it was cancelled
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting; the task goes on
     */
    public T get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return get(Timeouts.toNanos(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits at most {@code timeout} until the result is ready: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return whether it is ready
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        try {
            get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // ready, unsuccessfully
        }
        return true;
    }

    /**
     * Waits without limit until the result is ready: Python's {@code wait()}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        try {
            get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // ready, unsuccessfully
        }
    }

    /** {@return whether the call has completed: Python's {@code ready()}} Never blocks. */
    public boolean ready() {
        return isDone();
    }

    /**
     * {@return whether the call completed without an exception: Python's {@code successful()}}
     *
     * @throws IllegalStateException if it is not ready yet (Python's {@code ValueError})
     */
    public boolean successful() {
        if (!isDone()) {
            throw new IllegalStateException("the result is not ready");
        }
        return state() == State.SUCCESS;
    }
}
