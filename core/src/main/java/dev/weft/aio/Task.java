package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A body of plain sequential Java run by an {@link EventLoop}, one step at a time: Python's
 * {@code asyncio.Task}. Made by {@link EventLoop#createTask} or {@link Aio#createTask}.
 *
 * <p>The body runs on a virtual thread of its own, but only while it holds its loop: the loop
 * lets exactly one of its tasks or callbacks run at a time, and a task lets go only at an await
 * point ({@link Aio#sleep}, {@link Aio#await}, the waits of this package's queue and
 * synchronizers, stream I/O, {@link Aio#blocking}). The code between two await points is therefore
 * atomic with respect to the loop's other tasks, and whatever a task wrote before an await point is
 * visible to the tasks and callbacks that run after it (the hand-over of the loop is a volatile
 * write read by the next holder).
 *
 * <p><b>Cancellation.</b> {@link #cancel()} asks, as Python's {@code Task.cancel()} does: it returns
 * {@code true} if the task was not done, and the body gets a {@link CancellationException} at the
 * await point it is waiting in, or at its next one; its {@code finally} blocks run. The task is
 * cancelled once its body ends with that exception; a body that catches it and returns normally
 * completes normally. Unlike {@link java.util.concurrent.Future#cancel}, {@code isDone()} is
 * therefore not yet {@code true} when {@code cancel} returns; await the task to see it end. If the
 * task is waiting for a future when it is cancelled, that future is cancelled too (so cancelling a
 * task that awaits another task cancels both, as in Python; use {@link Aio#shield} to prevent it).
 * A task inside {@link Aio#blocking} is interrupted.
 *
 * <p>As a {@link dev.weft.futures.WeftFuture} a task can be awaited by other tasks, waited for by
 * other threads, and given done callbacks; its result cannot be set from outside
 * ({@link #setResult} and {@link #setException} throw). A task that failed and whose exception was
 * never retrieved (by awaiting it, {@code get}, {@code exception} or {@code resultNow}) is reported
 * to the loop's exception handler when the loop closes, as Python reports it.
 *
 * @param <T> the type of the body's result
 */
public final class Task<T> extends SettableFuture<T> {

    final EventLoop loop;
    private final Callable<? extends T> body;
    /** Null until asked for or set: a default name is made from {@link #number} on demand. */
    private volatile String name;
    private final int number;
    /** Neighbours in the loop's list of tasks not done. */
    Task<?> prev;
    Task<?> next;

    // Touched only by the holder of the loop (hand-overs order them), except where noted.
    Thread thread;
    /** Increments at each suspension; a wake-up for an older suspension is ignored. */
    int suspension;
    /** Whether the task waits in a suspension nobody has woken yet. */
    boolean suspended;
    /** What the suspended task waits for (a {@link Waiter} or a future), cancelled with the task. */
    Object waiter;
    /** A cancel request not yet delivered to the body. */
    boolean mustCancel;
    int cancelRequests;
    /** Set while the body runs off the loop in {@link Aio#blocking}; read by cancel from the loop. */
    volatile boolean offLoop;
    /** The thread that runs the blocking call for the task, if not its own (own-carrier loops). */
    volatile Thread offLoopThread;
    /** Set by {@link EventLoop#close()}: every await throws at once. */
    boolean killed;
    private volatile boolean exceptionRetrieved;

    Task(EventLoop loop, Callable<? extends T> body, String name, int number) {
        this.loop = loop;
        this.body = body;
        this.name = name;
        this.number = number;
    }

    /** {@return the task whose body is running on the current thread: Python's {@code current_task()}} */
    public static Task<?> current() {
        EventLoop loop = EventLoop.currentOrNull();
        return loop == null || loop.inCallback ? null : loop.currentTask;
    }

    /** {@return the task's name (Python's {@code get_name()})} */
    public String getName() {
        String n = name;
        return n != null ? n : "Task-" + number;
    }

    /**
     * Renames the task (Python's {@code set_name()}).
     *
     * @param name the new name
     */
    public void setName(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /** {@return the loop that runs this task (Python's {@code get_loop()})} */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Asks the task to stop: see the class comment. May be called from any thread; from a thread
     * that does not hold the loop, the request is handed to the loop with
     * {@link EventLoop#callSoonThreadsafe} and takes effect when the loop runs it.
     *
     * @param mayInterruptIfRunning ignored: a task is always stopped at an await point, and a task
     *     in {@link Aio#blocking} is always interrupted
     * @return {@code false} if the task is already done; {@code true} otherwise
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return false;
        }
        if (loop.holdsLoop()) {
            requestCancel();
        } else {
            try {
                loop.callSoonThreadsafe(this::requestCancel);
            } catch (IllegalStateException closed) {
                return false; // a closed loop has ended all its tasks
            }
        }
        return true;
    }

    /** {@return how many cancel requests are pending: Python's {@code cancelling()}} */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Withdraws one cancel request, as Python's {@code uncancel()}: used by scopes that cancel a
     * task and then handle the cancellation themselves (as {@link Aio#timeout} does).
     *
     * @return the number of cancel requests left
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
        }
        return cancelRequests;
    }

    private void requestCancel() {
        if (isDone()) {
            return;
        }
        cancelRequests++;
        mustCancel = true;
        if (offLoop) {
            interruptOffLoop();
            return;
        }
        Object w = waiter;
        if (w instanceof Waiter x) {
            x.cancel();
        } else if (w instanceof java.util.concurrent.Future<?> f) {
            f.cancel(false);
        }
        loop.wake(this, suspension);
    }

    /** Interrupts the thread running the task's blocking call. */
    void interruptOffLoop() {
        Thread t = offLoopThread;
        if (t == null) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Throws the pending cancellation, if any, at an await point. */
    void deliverCancel() {
        if (killed) {
            throw new CancellationException("task " + getName() + " cancelled: its event loop was closed");
        }
        if (mustCancel) {
            mustCancel = false;
            throw new CancellationException("task " + getName() + " cancelled");
        }
    }

    /** The body, on the task's own thread, which holds the loop. */
    void runBody() {
        T result = null;
        Throwable failure = null;
        try {
            loop.enteredStep(this);
            if (mustCancel || killed) {
                mustCancel = false;
                throw new CancellationException("task " + getName() + " cancelled before it started");
            }
            result = body.call();
        } catch (Throwable t) {
            failure = t;
        }
        try {
            if (failure == null) {
                super.setResult(result);
            } else if (failure instanceof CancellationException) {
                super.cancel(false);
            } else {
                super.setException(failure);
                loop.failedTask(this);
            }
        } finally {
            loop.taskEnded(this);
        }
    }

    /** Python's {@code set_result}: refused, a task's result is what its body returns. */
    @Override
    public boolean setResult(T result) {
        throw new UnsupportedOperationException("a task's result is what its body returns: " + this);
    }

    /** Python's {@code set_exception}: refused, a task fails when its body throws. */
    @Override
    public boolean setException(Throwable failure) {
        throw new UnsupportedOperationException("a task fails when its body throws: " + this);
    }

    /** The exception of a task that failed, else null; does not count as retrieving it. */
    Throwable exceptionNow0() {
        return state() == State.FAILED ? super.exceptionNow() : null;
    }

    void markRetrieved() {
        if (!exceptionRetrieved) {
            exceptionRetrieved = true;
        }
    }

    boolean exceptionRetrieved() {
        return exceptionRetrieved;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        markRetrieved();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        markRetrieved();
        return super.get(timeout, unit);
    }

    @Override
    public T result(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        markRetrieved();
        return super.result(timeout);
    }

    @Override
    public Throwable exception() throws InterruptedException {
        markRetrieved();
        return super.exception();
    }

    @Override
    public Throwable exception(Duration timeout) throws InterruptedException, TimeoutException {
        markRetrieved();
        return super.exception(timeout);
    }

    @Override
    public T resultNow() {
        markRetrieved();
        return super.resultNow();
    }

    @Override
    public Throwable exceptionNow() {
        markRetrieved();
        return super.exceptionNow();
    }

    @Override
    public String toString() {
        return "Task[" + getName() + ", " + state() + "]";
    }
}
