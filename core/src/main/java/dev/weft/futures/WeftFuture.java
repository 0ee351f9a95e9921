package dev.weft.futures;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The result of a computation that may not have finished yet: Python's
 * {@code concurrent.futures.Future}, as a {@link Future} and a {@link CompletionStage}.
 *
 * <p>A future is <em>pending</em>, then possibly <em>running</em>, then <em>done</em> in exactly
 * one of three ways: with a result, with an exception, or cancelled. Once done it never changes.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code cancel()}</td><td>{@link #cancel()}, or {@link #cancel(boolean) cancel(true)}
 *       to interrupt a running task as well</td></tr>
 *   <tr><td>{@code cancelled()}, {@code running()}, {@code done()}</td>
 *       <td>{@link #cancelled()}, {@link #running()}, {@link #done()}</td></tr>
 *   <tr><td>{@code result(timeout)}</td><td>{@link #result(Duration)}, {@link #result()}</td></tr>
 *   <tr><td>{@code exception(timeout)}</td>
 *       <td>{@link #exception(Duration)}, {@link #exception()}</td></tr>
 *   <tr><td>{@code add_done_callback(fn)}</td><td>{@link #addDoneCallback(Consumer)}</td></tr>
 * </table>
 *
 * <p><b>Cancellation.</b> As in Python, {@link #cancel()} succeeds only while the future is
 * pending: a task that has started runs to its end. {@link #cancel(boolean) cancel(true)} goes
 * further where the producer supports it: a thread pool interrupts the running task, a process
 * pool kills its worker. A cancelled future's {@code get} and {@code result} throw
 * {@link CancellationException}.
 *
 * <p><b>Completion stages.</b> The {@link CompletionStage} methods behave as those of a
 * {@link CompletableFuture} completed with this future's outcome: a dependent stage of a failed
 * future sees the failure wrapped in a {@link java.util.concurrent.CompletionException}, of a
 * cancelled one a {@link CancellationException}. Completing a stage obtained from this future
 * never changes this future.
 *
 * <p><b>Memory visibility.</b> Actions of the computation happen-before any thread observes the
 * future done: a return from {@code get}, {@code result} or {@code exception}, a {@code true} from
 * {@code isDone}, and the running of a done callback or dependent stage.
 *
 * @param <T> the type of the result
 */
public interface WeftFuture<T> extends Future<T>, CompletionStage<T> {

    /**
     * Cancels the future if it is still pending: Python's {@code cancel()}, the same as
     * {@link #cancel(boolean) cancel(false)}.
     *
     * @return {@code true} if the future is cancelled when this method returns (also when it was
     *     cancelled before, as in Python); {@code false} if it is running or done
     */
    default boolean cancel() {
        return cancel(false);
    }

    /**
     * Attempts to cancel the future. A pending future is cancelled whatever the argument. A running
     * one is cancelled only if {@code mayInterruptIfRunning} is {@code true} and its producer can
     * stop the computation: a {@link ThreadPoolExecutor} task's thread is interrupted, and the
     * future is cancelled at once (what the task does afterwards cannot change it). Waiters and
     * done callbacks are released when this method cancels the future.
     *
     * @return {@code true} if the future is cancelled when this method returns (also when it was
     *     cancelled before, as in Python and {@link CompletableFuture}); {@code false} if it is done
     *     otherwise, or running and could not be stopped
     */
    @Override
    boolean cancel(boolean mayInterruptIfRunning);

    /** {@return whether the future was cancelled: Python's {@code cancelled()}} */
    default boolean cancelled() {
        return isCancelled();
    }

    /**
     * {@return whether the computation is running now and the future not yet done: Python's
     * {@code running()}} A future whose producer does not report starting (a plain
     * {@link SettableFuture} before {@link SettableFuture#setRunningOrNotifyCancel()}) is never
     * running.
     */
    boolean running();

    /**
     * {@return whether the future is done (with a result, an exception, or cancelled): Python's
     * {@code done()}}
     */
    default boolean done() {
        return isDone();
    }

    /**
     * Waits, without a time limit, for the result: Python's {@code result()}, the same as
     * {@link #get()}.
     *
     * @return the result
     * @throws CancellationException if the future was cancelled
     * @throws ExecutionException if the computation threw; its cause is what it threw
     * @throws InterruptedException if the calling thread is interrupted while waiting; the future
     *     is not affected
     */
    default T result() throws InterruptedException, ExecutionException {
        return get();
    }

    /**
     * Waits at most {@code timeout} for the result: Python's {@code result(timeout)}. A zero
     * timeout does not wait.
     *
     * @param timeout the longest to wait; zero only looks
     * @return the result
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if the future is not done when the timeout elapses; the future is
     *     not affected
     * @throws CancellationException if the future was cancelled
     * @throws ExecutionException if the computation threw; its cause is what it threw
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    T result(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException;

    /**
     * Waits, without a time limit, for the future to be done and returns the exception its
     * computation threw, or {@code null} if it returned normally: Python's {@code exception()}.
     *
     * @return the computation's exception, or null
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Throwable exception() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the future to be done and returns the exception its
     * computation threw, or {@code null} if it returned normally: Python's
     * {@code exception(timeout)}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return the computation's exception, or null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if the future is not done when the timeout elapses
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Throwable exception(Duration timeout) throws InterruptedException, TimeoutException;

    /**
     * Calls {@code callback} with this future once it is done: Python's
     * {@code add_done_callback(fn)}. If the future is already done the callback runs at once, in
     * the calling thread; otherwise it runs in the thread that completes or cancels the future.
     * Callbacks run in the order they were added. An exception thrown by a callback is logged
     * (logger {@code dev.weft.futures}, level {@code ERROR}) and does not affect the future or
     * the other callbacks.
     *
     * <p>A callback runs in the completing thread, often a pool worker, so it should be short and
     * must not block waiting for other work of the same pool.
     *
     * @param callback what to call with this future
     * @throws NullPointerException if {@code callback} is null
     */
    void addDoneCallback(Consumer<? super WeftFuture<T>> callback);

    /**
     * Returns a new {@link CompletableFuture} that completes as this future does. Completing the
     * returned future does not change this one, except that cancelling it cancels this future
     * (as {@link #cancel()}: only while this one is pending).
     */
    @Override
    CompletableFuture<T> toCompletableFuture();
}
