package dev.weft.aio;

import dev.weft.futures.DoneAndNotDone;
import dev.weft.futures.ReturnWhen;
import dev.weft.futures.SettableFuture;
import dev.weft.futures.UncheckedTimeoutException;
import dev.weft.futures.WeftFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The functions of Python's {@code asyncio} module: {@link #run}, and the await points that tasks
 * call ({@link #sleep}, {@link #await}, {@link #gather}, {@link #waitFor}, {@link #wait},
 * {@link #asCompleted}, {@link #timeout}, {@link #blocking}, {@link #toThread}).
 *
 * <p>Every method here that waits is an <em>await point</em>: it may be called only by the body of
 * a {@link Task} while it holds its loop (otherwise it throws {@link IllegalStateException}), and
 * while it waits the loop runs its other tasks and callbacks. An await point first delivers a
 * pending cancel request ({@link CancellationException}), and delivers one that arrives while it
 * waits. None of them reacts to {@link Thread#interrupt()}: cancel the task instead.
 *
 * <p>Outcomes: when an awaited future failed, its exception is thrown as it is if it is unchecked,
 * and wrapped in a {@link CompletionException} if it is checked; a cancelled future throws
 * {@link CancellationException}.
 */
public final class Aio {
    private Aio() {}

    /**
     * Runs {@code main} as a task on a new loop until it is done, then ends the loop's other tasks
     * and closes it: Python's {@code asyncio.run}.
     *
     * @param <T> the type of {@code main}'s result
     * @param main the body of the main task
     * @return what {@code main} returned
     * @throws IllegalStateException if called from a task of a running loop
     */
    public static <T> T run(Callable<? extends T> main) {
        return run(main, false);
    }

    /**
     * As {@link #run(Callable)}, in {@linkplain EventLoop#setDebug debug mode} if {@code debug}.
     *
     * @param <T> the type of {@code main}'s result
     * @param main the body of the main task
     * @param debug whether the loop runs in debug mode
     * @return what {@code main} returned
     */
    public static <T> T run(Callable<? extends T> main, boolean debug) {
        return run(main, () -> {
            EventLoop loop = new EventLoop();
            loop.setDebug(debug);
            return loop;
        });
    }

    /**
     * As {@link #run(Callable)}, on a loop made by {@code loopFactory}: Python 3.12's
     * {@code asyncio.run(main, loop_factory=...)}, for example {@code EventLoop::withOwnCarrier}.
     * The loop must be new (not running, not closed); it is closed at the end.
     *
     * @param <T> the type of {@code main}'s result
     * @param main the body of the main task
     * @param loopFactory makes the loop to run on
     * @return what {@code main} returned
     */
    public static <T> T run(Callable<? extends T> main, java.util.function.Supplier<EventLoop> loopFactory) {
        Objects.requireNonNull(main, "main");
        if (EventLoop.currentOrNull() != null) {
            throw new IllegalStateException("Aio.run cannot be called from a running event loop");
        }
        try (EventLoop loop = loopFactory.get()) {
            return loop.runUntilComplete(loop.createTask(main, "main"));
        }
    }

    /** {@return the task calling this method: Python's {@code current_task()}} */
    public static Task<?> currentTask() {
        return requireTask("currentTask");
    }

    /** {@return the loop running the calling task or callback: Python's {@code get_running_loop()}} */
    public static EventLoop getRunningLoop() {
        return EventLoop.current();
    }

    /**
     * {@link EventLoop#createTask} on the running loop: Python's {@code asyncio.create_task}.
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @return the task, scheduled
     */
    public static <T> Task<T> createTask(Callable<? extends T> body) {
        return EventLoop.current().createTask(body);
    }

    /**
     * As {@link #createTask(Callable)}, with a name.
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @param name the task's name, for {@link Task#getName()} and reports
     * @return the task, scheduled
     */
    public static <T> Task<T> createTask(Callable<? extends T> body, String name) {
        return EventLoop.current().createTask(body, name);
    }

    static Task<?> requireTask(String what) {
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException(what + " is an await point: call it from the body of a task"
                    + " of a running event loop (thread " + Thread.currentThread().getName() + " runs none)");
        }
        return t;
    }

    /** Requires the loop to be held by the calling thread, by a task or a callback; returns it. */
    static EventLoop requireLoop(Object what) {
        EventLoop l = EventLoop.currentOrNull();
        if (l == null) {
            throw new IllegalStateException(what + " may be used only by the tasks and callbacks of a running"
                    + " event loop; from other threads, use loop.callSoonThreadsafe");
        }
        return l;
    }

    // ------------------------------------------------------------------------------ sleeping

    /**
     * Suspends the calling task for {@code delay}: Python's {@code asyncio.sleep}. A zero or
     * negative delay lets every other ready task and callback run once before this task goes on
     * (Python's {@code sleep(0)}).
     *
     * @param delay how long to suspend; zero or negative only yields
     * @throws CancellationException if the task is cancelled
     */
    public static void sleep(Duration delay) {
        Task<?> t = requireTask("sleep");
        EventLoop loop = t.loop;
        t.deliverCancel();
        if (delay.isZero() || delay.isNegative()) {
            loop.yieldNow(t);
        } else {
            loop.suspend(t, null, loop.beginSuspension(t), delay);
        }
        t.deliverCancel();
    }

    // ------------------------------------------------------------------------------ awaiting

    /**
     * Suspends the calling task until {@code future} is done and returns its result: Python's
     * {@code await future}. The future may be a task of this loop or any {@link WeftFuture}
     * completed by any thread. If the calling task is cancelled while it waits, {@code future} is
     * cancelled too (see {@link #shield}).
     *
     * @param <T> the type of the result
     * @param future what to wait for
     * @return the future's result
     * @throws CancellationException if the task is cancelled or the future was
     * @throws CompletionException wrapping the future's checked exception; its unchecked ones are
     *     thrown as they are
     */
    public static <T> T await(WeftFuture<T> future) {
        Task<?> t = requireTask("await");
        t.deliverCancel();
        awaitDone(t, future);
        return outcome(future);
    }

    /** Suspends {@code t} until {@code future} is done or {@code t} is cancelled (which throws). */
    static void awaitDone(Task<?> t, WeftFuture<?> future) {
        awaitDone(t, future, null);
    }

    /**
     * Suspends {@code t} until {@code future} is done, {@code timeout} (if not null) has passed, or
     * {@code t} is cancelled (which throws).
     */
    static void awaitDone(Task<?> t, WeftFuture<?> future, Duration timeout) {
        if (future == t) {
            throw new IllegalStateException("a task cannot await itself: " + t);
        }
        if (!future.isDone()) {
            EventLoop loop = t.loop;
            int id = loop.beginSuspension(t);
            future.addDoneCallback(f -> loop.wake(t, id));
            loop.suspend(t, future, id, timeout);
            t.deliverCancel();
        }
    }

    /** The result of a done future, or its exception thrown as {@link Aio} throws it. */
    static <T> T outcome(Future<T> future) {
        if (future instanceof Task<?> task) {
            task.markRetrieved();
        }
        return switch (future.state()) {
            case SUCCESS -> future.resultNow();
            case FAILED -> throw unchecked(future.exceptionNow());
            case CANCELLED -> throw new CancellationException(future + " was cancelled");
            case RUNNING -> throw new IllegalStateException("not done: " + future);
        };
    }

    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }

    /**
     * Awaits every future and returns their results in the order given: Python's
     * {@code asyncio.gather}. If one fails, that exception is thrown at once and the others go on
     * running (as in Python); if the calling task is cancelled, every future is cancelled.
     *
     * @param <T> the type of the results
     * @param futures the futures to await
     * @return their results, in the order given
     */
    @SafeVarargs
    public static <T> List<T> gather(WeftFuture<? extends T>... futures) {
        return gather(List.of(futures));
    }

    /**
     * As {@link #gather(WeftFuture[])}, for a collection.
     *
     * @param <T> the type of the results
     * @param futures the futures to await
     * @return their results, in the collection's order
     */
    public static <T> List<T> gather(Collection<? extends WeftFuture<? extends T>> futures) {
        Task<?> t = requireTask("gather");
        t.deliverCancel();
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (WeftFuture<? extends T> f : futures) {
                awaitDone(t, f);
                results.add(outcome(f));
            }
        } catch (CancellationException e) {
            if (t.cancelRequests > 0 || t.killed) {
                futures.forEach(f -> f.cancel(false));
            }
            throw e;
        }
        return results;
    }

    /**
     * As {@link #gather(Collection)} with Python's {@code return_exceptions=True}: waits for every
     * future and returns, in order, each one's result or, for one that failed or was cancelled,
     * its exception (a {@link CancellationException} for a cancelled one).
     *
     * @param futures the futures to await
     * @return each future's result or exception, in the collection's order
     */
    public static List<Object> gatherReturnExceptions(Collection<? extends WeftFuture<?>> futures) {
        Task<?> t = requireTask("gather");
        t.deliverCancel();
        List<Object> results = new ArrayList<>(futures.size());
        try {
            for (WeftFuture<?> f : futures) {
                awaitDone(t, f);
            }
        } catch (CancellationException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        for (WeftFuture<?> f : futures) {
            try {
                results.add(outcome(f));
            } catch (CancellationException e) {
                results.add(e);
            } catch (CompletionException e) {
                results.add(e.getCause());
            } catch (RuntimeException e) {
                results.add(e);
            }
        }
        return results;
    }

    /**
     * Awaits {@code future} for at most {@code timeout}: Python's {@code asyncio.wait_for}. On
     * timeout the future is cancelled and, if it is a task, awaited until its body has ended
     * (its {@code finally} blocks have run); then {@link UncheckedTimeoutException} is thrown.
     *
     * @param timeout null to wait without a limit
     * @param <T> the type of the result
     * @param future what to wait for, cancelled on timeout
     * @return the future's result
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <T> T waitFor(WeftFuture<T> future, Duration timeout) {
        Task<?> t = requireTask("waitFor");
        if (timeout == null) {
            return await(future);
        }
        requireNonNegative(timeout);
        t.deliverCancel();
        if (!future.isDone()) {
            awaitDone(t, future, timeout);
            if (!future.isDone()) {
                future.cancel(true);
                if (future instanceof Task<?> inner) {
                    awaitUncancellably(t, inner);
                }
                throw new UncheckedTimeoutException(new TimeoutException(
                        future + " did not complete within " + timeout));
            }
        }
        return outcome(future);
    }

    /** Waits for {@code inner} to end even if {@code t} is cancelled meanwhile (then re-delivered). */
    private static void awaitUncancellably(Task<?> t, Task<?> inner) {
        boolean cancelled = false;
        while (!inner.isDone()) {
            try {
                awaitDone(t, shield(inner));
            } catch (CancellationException e) {
                cancelled = true;
            }
        }
        if (cancelled) {
            t.mustCancel = true;
        }
    }

    /**
     * Waits until {@code returnWhen} holds for {@code futures}, or {@code timeout} has passed, and
     * returns which are done: Python's {@code asyncio.wait}. Cancels nothing, also on timeout; if
     * the calling task is cancelled, the futures are left running.
     *
     * @param timeout null to wait without a limit
     * @param <F> the type of the futures
     * @param futures the futures to watch
     * @param returnWhen when to return: the first completion, the first exception, or all done
     * @return the futures that are done and those that are not
     * @throws IllegalArgumentException if {@code futures} is empty or {@code timeout} is negative
     */
    public static <F extends WeftFuture<?>> DoneAndNotDone<F> wait(
            Collection<F> futures, Duration timeout, ReturnWhen returnWhen) {
        Task<?> t = requireTask("wait");
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("the set of futures to wait for is empty");
        }
        if (timeout != null) {
            requireNonNegative(timeout);
        }
        t.deliverCancel();
        Set<F> all = new LinkedHashSet<>(futures);
        if (!holds(all, returnWhen)) {
            EventLoop loop = t.loop;
            int id = loop.beginSuspension(t);
            Runnable check = () -> {
                if (holds(all, returnWhen)) {
                    loop.wake(t, id);
                }
            };
            for (F f : all) {
                f.addDoneCallback(x -> loop.runOnLoop(check));
            }
            loop.suspend(t, null, id, timeout);
            t.deliverCancel();
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F f : all) {
            (f.isDone() ? done : notDone).add(f);
        }
        return new DoneAndNotDone<>(done, notDone);
    }

    private static boolean holds(Collection<? extends WeftFuture<?>> fs, ReturnWhen when) {
        boolean all = true;
        for (WeftFuture<?> f : fs) {
            if (f.isDone()) {
                if (when == ReturnWhen.FIRST_COMPLETED) {
                    return true;
                }
                if (when == ReturnWhen.FIRST_EXCEPTION && f.state() == Future.State.FAILED) {
                    return true;
                }
            } else {
                all = false;
            }
        }
        return all;
    }

    /**
     * {@return the futures in the order they complete: Python's {@code asyncio.as_completed}} Each
     * {@code next()} of the iterator is an await point that returns the next future to be done
     * (done already: {@link #await} it, or read it, without waiting). Once {@code timeout} has
     * passed since this call, {@code next()} throws {@link UncheckedTimeoutException}.
     *
     * @param timeout null to wait without a limit
     * @param <F> the type of the futures
     * @param futures the futures to watch
     */
    public static <F extends WeftFuture<?>> Iterable<F> asCompleted(Collection<F> futures, Duration timeout) {
        Task<?> t = requireTask("asCompleted");
        if (timeout != null) {
            requireNonNegative(timeout);
        }
        EventLoop loop = t.loop;
        long deadline = timeout == null ? 0 : System.nanoTime() + EventLoop.saturatedNanos(timeout);
        List<F> pending = List.copyOf(new LinkedHashSet<>(futures));
        ArrayDeque<F> completed = new ArrayDeque<>();
        int[] waitingTask = {-1}; // the suspension id of the task waiting in next(), or -1
        for (F f : pending) {
            f.addDoneCallback(x -> loop.runOnLoop(() -> {
                completed.add(f);
                if (waitingTask[0] >= 0) {
                    loop.wake(t, waitingTask[0]);
                }
            }));
        }
        return () -> new Iterator<>() {
            int returned;

            @Override
            public boolean hasNext() {
                return returned < pending.size();
            }

            @Override
            public F next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Task<?> me = requireTask("asCompleted's next()");
                if (me != t) {
                    throw new IllegalStateException("asCompleted's iterator belongs to " + t);
                }
                me.deliverCancel();
                while (completed.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (timeout != null && left <= 0) {
                        throw new UncheckedTimeoutException(new TimeoutException(
                                (pending.size() - returned) + " of " + pending.size()
                                        + " futures not done within " + timeout));
                    }
                    int id = loop.beginSuspension(me);
                    waitingTask[0] = id;
                    try {
                        loop.suspend(me, null, id, timeout == null ? null : Duration.ofNanos(left));
                    } finally {
                        waitingTask[0] = -1;
                    }
                    me.deliverCancel();
                }
                returned++;
                return completed.poll();
            }
        };
    }

    /**
     * {@return a future that completes as {@code future} does but whose cancellation does not cancel it:
     * Python's {@code asyncio.shield}} Awaiting the shield in a task that is then cancelled
     * leaves {@code future} running.
     *
     * @param <T> the type of the result
     * @param future the future to protect from cancellation
     */
    public static <T> WeftFuture<T> shield(WeftFuture<T> future) {
        if (future.isDone()) {
            return future;
        }
        SettableFuture<T> outer = new SettableFuture<>();
        future.addDoneCallback(f -> {
            switch (f.state()) {
                case SUCCESS -> outer.setResult(f.resultNow());
                case FAILED -> outer.setException(f.exceptionNow());
                default -> outer.cancel(false);
            }
        });
        return outer;
    }

    /**
     * Runs {@code body} in the calling task and cancels it if it has not finished within
     * {@code timeout}: Python's {@code async with asyncio.timeout(delay)}. The cancellation
     * arrives at the await point {@code body} is in; if it comes out of {@code body}, it is turned
     * into an {@link UncheckedTimeoutException} (whose cause's cause is the cancellation). A
     * cancel request from elsewhere is not turned into a timeout.
     *
     * @param <T> the type of {@code body}'s result
     * @param timeout how long {@code body} may run
     * @param body what to run, in the calling task
     * @return what {@code body} returned
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <T> T timeout(Duration timeout, Callable<? extends T> body) {
        Task<?> t = requireTask("timeout");
        requireNonNegative(timeout);
        boolean[] expired = {false};
        int cancelsBefore = t.cancelRequests;
        TimerHandle timer = t.loop.callLater(timeout, () -> {
            if (!t.isDone()) {
                expired[0] = true;
                t.cancel();
            }
        });
        try {
            return body.call();
        } catch (CancellationException e) {
            if (expired[0] && t.uncancel() <= cancelsBefore) {
                TimeoutException te = new TimeoutException("timed out after " + timeout);
                te.initCause(e);
                throw new UncheckedTimeoutException(te);
            }
            throw e;
        } catch (Exception e) {
            throw unchecked(e);
        } finally {
            timer.cancel();
        }
    }

    // ------------------------------------------------------------------------------ off the loop

    /**
     * Runs blocking code as an await point: the calling task lets go of the loop, runs
     * {@code call} on its own (virtual) thread while the loop runs its other tasks, then waits for
     * the loop again. {@code call} must not touch state that the loop's tasks share without
     * synchronization (it runs beside them) and must not call await points.
     *
     * <p>If the task is cancelled meanwhile, its thread is interrupted, and a
     * {@link CancellationException} is thrown once {@code call} returns.
     *
     * @param <T> the type of {@code call}'s result
     * @param call the blocking code
     * @return what {@code call} returned
     * @throws CompletionException wrapping a checked exception of {@code call}; unchecked ones are
     *     thrown as they are
     */
    public static <T> T blocking(Callable<? extends T> call) {
        Task<?> t = requireTask("blocking");
        t.deliverCancel();
        EventLoop loop = t.loop;
        if (loop.hasOwnCarrier()) {
            return blockingElsewhere(t, loop, call);
        }
        int id = loop.leave(t);
        T result = null;
        Throwable failure = null;
        try {
            result = call.call();
        } catch (Throwable e) {
            failure = e;
        }
        loop.reenter(t, id);
        t.deliverCancel();
        if (failure != null) {
            throw unchecked(failure);
        }
        return result;
    }

    /**
     * {@link #blocking} for a loop with its own carrier: the call runs on a virtual thread of the
     * shared scheduler, since one blocked in a native call on the loop's only carrier would stall
     * the loop. The task's thread waits, off the loop, for the call to end.
     */
    private static <T> T blockingElsewhere(Task<?> t, EventLoop loop, Callable<? extends T> call) {
        Object[] outcome = new Object[2]; // result, failure; published by the hand-over of the wake
        int[] id = new int[1];
        Thread helper = LoopCarrier.sharedThreads().unstarted(() -> {
            try {
                outcome[0] = call.call();
            } catch (Throwable e) {
                outcome[1] = e;
            } finally {
                loop.wakeOffLoop(t, id[0]);
            }
        });
        t.offLoopThread = helper;
        try {
            id[0] = loop.leave(t);
            helper.start();
            loop.awaitReentry(t);
        } finally {
            t.offLoopThread = null;
        }
        t.deliverCancel();
        if (outcome[1] != null) {
            throw unchecked((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }

    /**
     * Runs {@code call} on the loop's default executor (a virtual thread) and awaits it: Python's
     * {@code asyncio.to_thread}. Unlike {@link #blocking}, cancelling the task does not interrupt
     * the call, which runs to its end (as in Python).
     *
     * @param <T> the type of {@code call}'s result
     * @param call the blocking code
     * @return what {@code call} returned
     */
    public static <T> T toThread(Callable<? extends T> call) {
        Task<?> t = requireTask("toThread");
        return await(t.loop.runInExecutor(null, call));
    }

    static void requireNonNegative(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
    }
}
