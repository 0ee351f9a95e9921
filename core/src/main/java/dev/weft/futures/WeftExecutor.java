package dev.weft.futures;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link ExecutorService} with Python's {@code concurrent.futures.Executor} API: every
 * submission returns a {@link WeftFuture}, {@link #map} runs a function over inputs and yields
 * the results in input order, and {@link #shutdown(boolean, boolean)} takes Python's two
 * arguments.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code submit(fn, *args)}</td>
 *       <td>{@link #submit(Callable)}, {@link #submit(ThrowingFunction, Object)},
 *       {@link #submit(ThrowingBiFunction, Object, Object)}; a lambda captures more arguments</td></tr>
 *   <tr><td>{@code map(fn, *iterables, timeout, chunksize, buffersize)}</td>
 *       <td>{@link #map(ThrowingFunction, Iterable, MapOptions)} and the two-input
 *       {@link #map(ThrowingBiFunction, Iterable, Iterable, MapOptions)}</td></tr>
 *   <tr><td>{@code shutdown(wait, cancel_futures)}</td>
 *       <td>{@link #shutdown(boolean, boolean)}; {@link #shutdown()} does not wait</td></tr>
 *   <tr><td>{@code with executor:}</td><td>try-with-resources; {@link #close()} waits</td></tr>
 *   <tr><td>{@code RuntimeError} after shutdown, {@code BrokenExecutor}</td>
 *       <td>{@link RejectedExecutionException}, {@link BrokenExecutorException}</td></tr>
 * </table>
 *
 * <p>{@link #close()} is {@link ExecutorService#close()}: it shuts down and waits for every
 * submitted task to finish, like Python's {@code with} block (if interrupted while waiting, it
 * cancels what is left with {@link #shutdownNow()}, keeps waiting for running tasks, and returns
 * with the interrupt status set).
 *
 * <p>Memory visibility: actions in a thread before it submits a task happen-before the task runs;
 * the task's actions happen-before its future is seen done.
 */
public interface WeftExecutor extends ExecutorService {

    /**
     * Submits {@code task}.
     *
     * @return a future of what {@code task} returns or throws
     * @throws RejectedExecutionException if the executor is shut down ({@link
     *     BrokenExecutorException} if it is broken)
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    <T> WeftFuture<T> submit(Callable<T> task);

    /**
     * Submits {@code task}; its future's result is {@code null}.
     *
     * @throws RejectedExecutionException if the executor is shut down or broken
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    WeftFuture<?> submit(Runnable task);

    /**
     * Submits {@code task}; its future's result is {@code result}.
     *
     * @throws RejectedExecutionException if the executor is shut down or broken
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    <T> WeftFuture<T> submit(Runnable task, T result);

    /**
     * Submits {@code fn(argument)}: Python's {@code submit(fn, arg)}.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function to run
     * @param argument its argument
     * @return the future of the result
     * @throws RejectedExecutionException if the executor is shut down or broken
     * @throws NullPointerException if {@code fn} is null
     */
    default <A, R> WeftFuture<R> submit(ThrowingFunction<? super A, ? extends R> fn, A argument) {
        return submit(new Calls.Apply1<A, R>(Objects.requireNonNull(fn, "fn"), argument));
    }

    /**
     * Submits {@code fn(first, second)}: Python's {@code submit(fn, a, b)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <R> the type of the result
     * @param fn the function to run
     * @param first its first argument
     * @param second its second argument
     * @return the future of the result
     * @throws RejectedExecutionException if the executor is shut down or broken
     * @throws NullPointerException if {@code fn} is null
     */
    default <A, B, R> WeftFuture<R> submit(ThrowingBiFunction<? super A, ? super B, ? extends R> fn, A first,
            B second) {
        return submit(new Calls.Apply2<A, B, R>(Objects.requireNonNull(fn, "fn"), first, second));
    }

    /**
     * Runs {@code fn} over {@code items} with the default options: the same as
     * {@link #map(ThrowingFunction, Iterable, MapOptions) map(fn, items, MapOptions.defaults())}.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function to run on each item
     * @param items the items
     * @return the results, in input order
     */
    default <A, R> MapResults<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /**
     * Runs {@code fn} on every item of {@code items} and returns the results in input order:
     * Python's {@code map(fn, items, timeout=, chunksize=, buffersize=)}.
     *
     * <p>Unless {@code options} set a buffer size, this method reads all of {@code items} and
     * submits every task before it returns, as in Python (the tasks run whether or not the
     * results are read). The returned iterator blocks in {@code next()} until the next result is
     * ready, and throws at the first item, in input order, whose call threw; see
     * {@link MapResults} for what it throws.
     *
     * @param <A> the type of the items
     * @param <R> the type of the results
     * @param fn the function to run on each item
     * @param items the items
     * @param options timeout, chunk size, buffer size and progress listener
     * @return the results, in input order
     * @throws RejectedExecutionException if the executor is shut down or broken; tasks already
     *     submitted by this call are cancelled
     * @throws NullPointerException if an argument is null
     */
    default <A, R> MapResults<R> map(ThrowingFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
            MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Iterator<? extends A> it = Objects.requireNonNull(items, "items").iterator();
        Iterator<Calls.Apply1<A, R>> calls = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Calls.Apply1<A, R> next() {
                return new Calls.Apply1<>(fn, it.next());
            }
        };
        return new MapResults<>(this::submit, calls, Objects.requireNonNull(options, "options"));
    }

    /**
     * Runs {@code fn} over pairs of {@code first} and {@code second} with the default options: the
     * same as {@link #map(ThrowingBiFunction, Iterable, Iterable, MapOptions)} with
     * {@link MapOptions#defaults()}.
     *
     * @param <A> the type of the first items
     * @param <B> the type of the second items
     * @param <R> the type of the results
     * @param fn the function to run on each pair
     * @param first the first items
     * @param second the second items
     * @return the results, in input order
     */
    default <A, B, R> MapResults<R> map(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends A> first, Iterable<? extends B> second) {
        return map(fn, first, second, MapOptions.defaults());
    }

    /**
     * Runs {@code fn(a, b)} for the pairs taken in step from {@code first} and {@code second},
     * stopping at the end of the shorter, and returns the results in order: Python's
     * {@code map(fn, xs, ys)}. Otherwise as {@link #map(ThrowingFunction, Iterable, MapOptions)}.
     *
     * @param <A> the type of the first items
     * @param <B> the type of the second items
     * @param <R> the type of the results
     * @param fn the function to run on each pair
     * @param first the first items
     * @param second the second items
     * @param options timeout, chunk size, buffer size and progress listener
     * @return the results, in input order
     */
    default <A, B, R> MapResults<R> map(ThrowingBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends A> first, Iterable<? extends B> second, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Iterator<? extends A> as = Objects.requireNonNull(first, "first").iterator();
        Iterator<? extends B> bs = Objects.requireNonNull(second, "second").iterator();
        Iterator<Calls.Apply2<A, B, R>> calls = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return as.hasNext() && bs.hasNext();
            }

            @Override
            public Calls.Apply2<A, B, R> next() {
                return new Calls.Apply2<>(fn, as.next(), bs.next());
            }
        };
        return new MapResults<>(this::submit, calls, Objects.requireNonNull(options, "options"));
    }

    /**
     * Shuts the executor down: Python's {@code shutdown(wait, cancel_futures)}. Later submissions
     * throw {@link RejectedExecutionException}. Tasks already submitted still run, unless
     * {@code cancelFutures} is {@code true}: then every task that has not started is cancelled
     * (its future reports {@link java.util.concurrent.CancellationException}). If {@code wait}
     * is {@code true}, blocks until every running (and, without {@code cancelFutures}, queued)
     * task has finished and the workers have ended. Calling it again is allowed; it can still
     * cancel or wait.
     *
     * @param wait whether to wait until every submitted task has ended
     * @param cancelFutures whether to cancel the tasks that have not started
     * @throws InterruptedException if interrupted while waiting; the executor stays shut down
     *     and its tasks go on
     */
    void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException;

    /**
     * Starts an orderly shutdown without waiting, as {@link ExecutorService#shutdown()} must: the
     * same as {@code shutdown(false, false)}. Python's {@code shutdown()}, which waits, is
     * {@link #close()} or {@code shutdown(true, false)}.
     */
    @Override
    void shutdown();

    /**
     * Cancels every task that has not started, interrupts the running ones, and returns the
     * cancelled tasks. Unlike the JDK's executors, the returned tasks' futures are cancelled, so
     * nothing waits for them forever; running one of them does nothing.
     */
    @Override
    List<Runnable> shutdownNow();
}
