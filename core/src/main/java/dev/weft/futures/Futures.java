package dev.weft.futures;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Waiting on many futures at once: Python's {@code concurrent.futures.wait} and
 * {@code as_completed}.
 *
 * <pre>{@code
 * DoneAndNotDone<WeftFuture<Integer>> r = Futures.wait(fs, Duration.ofSeconds(5), ReturnWhen.FIRST_COMPLETED);
 * for (WeftFuture<Integer> f : Futures.asCompleted(fs, Duration.ofSeconds(60))) { use(f.resultNow()); }
 * }</pre>
 *
 * <p>Both accept any {@link Future}: a {@link WeftFuture} made by Weft is watched through a
 * callback, removed again when the wait ends; any other future (a {@link
 * java.util.concurrent.CompletableFuture}, a {@link java.util.concurrent.FutureTask}) is polled
 * and its completion noticed within a millisecond. As in Python, a future given more than once is
 * waited for, and returned, once; futures are told apart by {@code equals}, which is identity for
 * every future of the JDK and Weft.
 */
public final class Futures {
    private Futures() {}

    /**
     * Waits until every one of {@code futures} is done: Python's {@code wait(fs)}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to wait for
     * @return the done futures (all of them) and the not done ones (none)
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code futures} or one of them is null
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures)
            throws InterruptedException {
        return await(futures, false, 0L, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits, without a time limit, until {@code returnWhen} is met: Python's
     * {@code wait(fs, return_when=...)}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param returnWhen when to return: the first completion, the first exception, or all done
     * @return the futures that are done and those that are not
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures, ReturnWhen returnWhen)
            throws InterruptedException {
        return await(futures, false, 0L, Objects.requireNonNull(returnWhen, "returnWhen"));
    }

    /**
     * Waits at most {@code timeout} until every one of {@code futures} is done: Python's
     * {@code wait(fs, timeout)}, the same as {@code wait(futures, timeout, ALL_COMPLETED)}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to wait for
     * @param timeout the longest to wait
     * @return the futures that are done and those that are not
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures, Duration timeout)
            throws InterruptedException {
        return wait(futures, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits at most {@code timeout} until {@code returnWhen} is met, then returns which futures
     * are done and which are not: Python's {@code wait(fs, timeout, return_when)}. Returns at once
     * if the condition already holds; a zero timeout only looks. Running out of time is not an
     * error: the futures not done are in {@link DoneAndNotDone#notDone()}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param timeout the longest to wait; zero only looks
     * @param returnWhen when to return: the first completion, the first exception, or all done
     * @return the futures that are done and those that are not
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<? extends F> futures, Duration timeout,
            ReturnWhen returnWhen) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        return await(futures, true, Timeouts.deadline(nanos), Objects.requireNonNull(returnWhen, "returnWhen"));
    }

    private static <F extends Future<?>> DoneAndNotDone<F> await(Collection<? extends F> futures, boolean timed,
            long deadline, ReturnWhen returnWhen) throws InterruptedException {
        Set<F> distinct = distinct(futures);
        List<F> pending = new ArrayList<>();
        for (F f : distinct) {
            if (!f.isDone()) {
                pending.add(f);
            } else if (returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && failed(f))) {
                return split(distinct);
            }
        }
        if (!pending.isEmpty() && (!timed || deadline - System.nanoTime() > 0L)) {
            try (CompletionWatcher<F> watcher = new CompletionWatcher<>(pending, null)) {
                for (int left = pending.size(); left > 0; left--) {
                    F f = watcher.take(timed, deadline);
                    if (f == null
                            || returnWhen == ReturnWhen.FIRST_COMPLETED
                            || (returnWhen == ReturnWhen.FIRST_EXCEPTION && failed(f))) {
                        break;
                    }
                }
            }
        }
        return split(distinct);
    }

    private static boolean failed(Future<?> done) {
        return done.state() == Future.State.FAILED;
    }

    private static <F extends Future<?>> DoneAndNotDone<F> split(Set<F> distinct) {
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F f : distinct) {
            (f.isDone() ? done : notDone).add(f);
        }
        return new DoneAndNotDone<>(done, notDone);
    }

    /**
     * {@return {@code futures} in the order they complete, without a time limit: Python's
     * {@code as_completed(fs)}} See {@link AsCompleted}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @throws NullPointerException if {@code futures} or one of them is null
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<? extends F> futures) {
        return new AsCompleted<>(distinct(futures), null, 0L, null);
    }

    /**
     * {@return {@code futures} in the order they complete, without a time limit, reporting progress to
     * {@code listener} as each completes}
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param listener told of each completion
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<? extends F> futures,
            ProgressListener listener) {
        return new AsCompleted<>(distinct(futures), null, 0L,
                ProgressTracker.of(Objects.requireNonNull(listener, "listener")));
    }

    /**
     * {@return {@code futures} in the order they complete: Python's {@code as_completed(fs, timeout)}} The
     * timeout runs from this call; when it elapses, {@code next()} throws
     * {@link UncheckedTimeoutException}. See {@link AsCompleted}.
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param timeout how long, from this call, the iteration may take
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<? extends F> futures, Duration timeout) {
        return new AsCompleted<>(distinct(futures), timeout, Timeouts.deadline(Timeouts.toNanos(timeout)), null);
    }

    /**
     * As {@link #asCompleted(Collection, Duration)}, reporting progress to {@code listener} as each
     * future completes.
     *
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param timeout how long, from this call, the iteration may take
     * @param listener told of each completion
     * @return the futures, in the order they complete
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Collection<? extends F> futures, Duration timeout,
            ProgressListener listener) {
        long deadline = Timeouts.deadline(Timeouts.toNanos(timeout));
        return new AsCompleted<>(distinct(futures), timeout, deadline,
                ProgressTracker.of(Objects.requireNonNull(listener, "listener")));
    }

    private static <F extends Future<?>> Set<F> distinct(Collection<? extends F> futures) {
        Set<F> distinct = new LinkedHashSet<>();
        for (F f : Objects.requireNonNull(futures, "futures")) {
            distinct.add(Objects.requireNonNull(f, "futures must not contain null"));
        }
        return distinct;
    }
}
