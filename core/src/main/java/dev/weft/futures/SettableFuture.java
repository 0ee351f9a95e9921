package dev.weft.futures;

import dev.weft.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link WeftFuture} completed by whoever holds it: the future an executor returns, and
 * Python's {@code Future} as used by executor implementations and tests, whose
 * {@code set_running_or_notify_cancel}, {@code set_result} and {@code set_exception} are
 * {@link #setRunningOrNotifyCancel()}, {@link #setResult} and {@link #setException}.
 *
 * <pre>{@code
 * SettableFuture<String> f = new SettableFuture<>();
 * f.addDoneCallback(done -> log(done));
 * ...                                    // in the producing thread
 * if (f.setRunningOrNotifyCancel()) {    // false: cancelled before it started
 *     try { f.setResult(compute()); } catch (Exception e) { f.setException(e); }
 * }
 * }</pre>
 *
 * <p>Waiting threads and done callbacks are kept on one lock-free stack (as
 * {@link java.util.concurrent.FutureTask} keeps its waiters); completing is a single
 * compare-and-set of the outcome followed by one pass that wakes the waiters and then runs the
 * callbacks in the order they were added. A waiter that times out or is interrupted unlinks
 * itself, so repeated timed waits on a long-lived future do not accumulate.
 *
 * <p>Subclasses may stop a running computation on {@link #cancel(boolean) cancel(true)} by
 * overriding {@link #interruptRunning()}.
 *
 * @param <T> the type of the result
 */
public class SettableFuture<T> implements WeftFuture<T> {
    private static final System.Logger LOG = System.getLogger("dev.weft.futures");

    /** Outcome while the computation runs (after {@link #setRunningOrNotifyCancel()}). */
    private static final Object RUNNING = new Marker("running");
    /** Outcome while {@code cancel(true)} interrupts a running computation; completion waits. */
    private static final Object INTERRUPTING = new Marker("interrupting");
    /** Outcome of a cancelled future. */
    private static final Object CANCELLED = new Marker("cancelled");
    /** Outcome of a computation that returned {@code null}. */
    private static final Object NIL = new Marker("null");
    /** The waiter stack once the future is done: nothing more is pushed. */
    private static final Node DONE = new Node(null, null);

    private static final VarHandle OUTCOME;
    private static final VarHandle WAITERS;
    private static final VarHandle MIRROR;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OUTCOME = l.findVarHandle(SettableFuture.class, "outcome", Object.class);
            WAITERS = l.findVarHandle(SettableFuture.class, "waiters", Node.class);
            MIRROR = l.findVarHandle(SettableFuture.class, "mirror", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * {@code null} while pending, then {@link #RUNNING} (or {@link #INTERRUPTING}), then for good
     * one of: the result ({@link #NIL} for null), a {@link Failure}, or {@link #CANCELLED}.
     */
    private volatile Object outcome;

    /** Threads waiting and callbacks to run, newest first; {@link #DONE} once released. */
    private volatile Node waiters;

    /** The {@link CompletableFuture} the {@link CompletionStage} methods delegate to, made on first use. */
    private volatile CompletableFuture<T> mirror;

    /** Creates a pending future. */
    public SettableFuture() {}

    // ---------------------------------------------------------------- producing

    /**
     * Marks the future running, unless it was cancelled: Python's
     * {@code set_running_or_notify_cancel()}. A producer calls it once, before it starts the
     * computation, and skips the computation when it returns {@code false}.
     *
     * @return {@code true} if the future is now running; {@code false} if it was cancelled
     * @throws IllegalStateException if the future is already running or done otherwise
     */
    public boolean setRunningOrNotifyCancel() {
        if (tryStart()) {
            return true;
        }
        if (outcome == CANCELLED) {
            return false;
        }
        throw new IllegalStateException("future is not pending: " + this);
    }

    /** Marks the future running if it is pending; {@code false} if it is not (cancelled, started). */
    boolean tryStart() {
        return outcome == null && OUTCOME.compareAndSet(this, null, RUNNING);
    }

    /**
     * Completes the future with {@code result}, if it is not done yet, waking every waiter and
     * then running the done callbacks in this thread.
     *
     * @param result the result, may be null
     * @return {@code true} if this call completed the future; {@code false} if it was already
     *     done (for example, cancelled)
     */
    public boolean setResult(T result) {
        return finish(result == null ? NIL : result);
    }

    /**
     * Completes the future with the exception {@code failure}, if it is not done yet: its
     * {@code get} will throw an {@link ExecutionException} whose cause is {@code failure}.
     *
     * @param failure the exception of the computation
     * @return {@code true} if this call completed the future; {@code false} if it was already done
     * @throws NullPointerException if {@code failure} is null
     */
    public boolean setException(Throwable failure) {
        return finish(new Failure(Objects.requireNonNull(failure, "failure")));
    }

    /**
     * Stops the running computation for {@link #cancel(boolean) cancel(true)}. Called at most once,
     * while the future is running, with completion held off until it returns. The default cannot
     * stop anything and returns {@code false}, so {@code cancel(true)} leaves the computation
     * running and returns {@code false}.
     *
     * @return {@code true} to cancel the future (the computation was told to stop); {@code false}
     *     to leave it running
     */
    protected boolean interruptRunning() {
        return false;
    }

    private boolean finish(Object terminal) {
        for (;;) {
            Object o = outcome;
            if (o == null || o == RUNNING) {
                if (OUTCOME.compareAndSet(this, o, terminal)) {
                    release();
                    return true;
                }
            } else if (o == INTERRUPTING) {
                Thread.onSpinWait(); // a cancel(true) is deciding; it takes a few instructions
            } else {
                return false;
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        for (;;) {
            Object o = outcome;
            if (o == null) {
                if (OUTCOME.compareAndSet(this, null, CANCELLED)) {
                    release();
                    return true;
                }
            } else if (o == RUNNING && mayInterruptIfRunning) {
                if (OUTCOME.compareAndSet(this, RUNNING, INTERRUPTING)) {
                    boolean stopped = false;
                    try {
                        stopped = interruptRunning();
                    } finally {
                        outcome = stopped ? CANCELLED : RUNNING;
                    }
                    if (stopped) {
                        release();
                    }
                    return stopped;
                }
            } else if (o == INTERRUPTING) {
                Thread.onSpinWait();
            } else {
                return o == CANCELLED;
            }
        }
    }

    /** Wakes every waiting thread, then runs the callbacks in the order they were added. */
    private void release() {
        Node h = (Node) WAITERS.getAndSet(this, DONE);
        if (h == null) {
            return;
        }
        if (h.next == null) { // the common case: one waiter or one callback, nothing to order
            fire(h);
            return;
        }
        // The stack is newest first; collect its live nodes in one walk, then use them oldest
        // first. An unlink that began before the stack was taken may still relink it during the
        // walk, even writing back a link to a dead node another unlink had bypassed, so the stack
        // can look longer on a second walk than on the first; it never unlinks a live one, and
        // every live node stays reachable. (Counting in one walk and copying in another missed
        // the oldest nodes.)
        ArrayList<Node> nodes = new ArrayList<>();
        for (Node q = h; q != null; q = q.next) {
            if (q.live()) {
                nodes.add(q);
            }
        }
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node q = nodes.get(k);
            Thread t = q.thread;
            if (t != null) {
                q.thread = null;
                LockSupport.unpark(t);
            }
        }
        for (int k = nodes.size() - 1; k >= 0; k--) {
            fire(nodes.get(k));
        }
    }

    /** Wakes the node's thread or runs its callback (after the threads of the nodes before it). */
    private void fire(Node q) {
        Thread t = q.thread;
        if (t != null) {
            q.thread = null;
            LockSupport.unpark(t);
        }
        Consumer<? super WeftFuture<T>> cb = q.callback();
        if (cb != null) {
            q.callback = null;
            invoke(cb);
        }
    }

    private void invoke(Consumer<? super WeftFuture<T>> callback) {
        try {
            callback.accept(this);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "exception calling callback for " + this, t);
        }
    }

    // ---------------------------------------------------------------- callbacks

    @Override
    public void addDoneCallback(Consumer<? super WeftFuture<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (push(new Node(null, callback)) == null) {
            invoke(callback);
        }
    }

    /**
     * Adds {@code callback} as {@link #addDoneCallback} does, but returns a handle for
     * {@link #removeCallback} instead of running it when the future is already done.
     *
     * @return the handle, or {@code null} if the future is done (the callback was not added)
     */
    Object addRemovableCallback(Consumer<? super WeftFuture<T>> callback) {
        return push(new Node(null, callback));
    }

    /** Removes a callback added by {@link #addRemovableCallback}, if it has not run. */
    void removeCallback(Object handle) {
        unlink((Node) handle);
    }

    /** Pushes {@code node}; returns it, or {@code null} if the future is done. */
    private Node push(Node node) {
        for (;;) {
            Node h = waiters;
            if (h == DONE) {
                return null;
            }
            node.next = h;
            if (WAITERS.compareAndSet(this, h, node)) {
                return node;
            }
        }
    }

    /** Marks {@code node} dead and unlinks every dead node (FutureTask's algorithm). */
    private void unlink(Node node) {
        node.thread = null;
        node.callback = null;
        retry:
        for (;;) {
            for (Node pred = null, q = waiters, s; q != null && q != DONE; q = s) {
                s = q.next;
                if (q.live()) {
                    pred = q;
                } else if (pred != null) {
                    pred.next = s;
                    if (!pred.live()) {
                        continue retry; // pred died meanwhile: start over
                    }
                } else if (!WAITERS.compareAndSet(this, q, s)) {
                    continue retry;
                }
            }
            return;
        }
    }

    // ---------------------------------------------------------------- waiting

    /** Returns the terminal outcome, waiting for it. */
    private Object awaitDone(boolean timed, long nanos) throws InterruptedException, TimeoutException {
        Object o = outcome;
        if (isTerminal(o)) {
            return o;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        Node node = null;
        for (;;) {
            o = outcome;
            if (isTerminal(o)) {
                return o;
            }
            if (o == INTERRUPTING) {
                Thread.yield(); // a cancel(true) is deciding
                continue;
            }
            long remaining = 0L;
            if (timed && (remaining = deadline - System.nanoTime()) <= 0L) {
                if (node != null) {
                    unlink(node);
                }
                if (isTerminal(o = outcome)) {
                    return o; // completed as time ran out: the outcome, not a timeout
                }
                throw new TimeoutException("future not done within " + Duration.ofNanos(nanos) + ": " + this);
            }
            if (node == null) {
                node = new Node(Thread.currentThread(), null);
                if (push(node) == null) {
                    return outcome; // released while we got ready: done
                }
                continue; // re-check before parking, the completion may have come first
            }
            if (timed) {
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                unlink(node);
                throw new InterruptedException();
            }
        }
    }

    private static boolean isTerminal(Object o) {
        return o != null && o != RUNNING && o != INTERRUPTING;
    }

    @SuppressWarnings("unchecked")
    private T report(Object o) throws ExecutionException {
        if (o == CANCELLED) {
            throw new CancellationException("future was cancelled");
        }
        if (o instanceof Failure f) {
            throw new ExecutionException(f.cause);
        }
        return o == NIL ? null : (T) o;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return report(awaitDone(false, 0L));
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * {@inheritDoc} A negative timeout is treated as zero, as the {@link java.util.concurrent.Future}
     * contract says; {@link #result(Duration)} rejects it.
     */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return report(awaitDone(true, Math.max(0L, unit.toNanos(timeout))));
    }

    @Override
    public T result(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return report(awaitDone(true, Timeouts.toNanos(timeout)));
    }

    @Override
    public Throwable exception() throws InterruptedException {
        try {
            return failureOf(awaitDone(false, 0L));
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public Throwable exception(Duration timeout) throws InterruptedException, TimeoutException {
        return failureOf(awaitDone(true, Timeouts.toNanos(timeout)));
    }

    private static Throwable failureOf(Object o) {
        if (o == CANCELLED) {
            throw new CancellationException("future was cancelled");
        }
        return o instanceof Failure f ? f.cause : null;
    }

    // ---------------------------------------------------------------- state

    @Override
    public boolean isDone() {
        return isTerminal(outcome);
    }

    @Override
    public boolean isCancelled() {
        return outcome == CANCELLED;
    }

    @Override
    public boolean running() {
        Object o = outcome;
        return o == RUNNING || o == INTERRUPTING;
    }

    @Override
    public State state() {
        Object o = outcome;
        if (!isTerminal(o)) {
            return State.RUNNING; // Future.State has no "pending": a not-done task is RUNNING
        }
        return o == CANCELLED ? State.CANCELLED : o instanceof Failure ? State.FAILED : State.SUCCESS;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T resultNow() {
        Object o = outcome;
        if (!isTerminal(o) || o == CANCELLED || o instanceof Failure) {
            throw new IllegalStateException("future has no result: " + this);
        }
        return o == NIL ? null : (T) o;
    }

    @Override
    public Throwable exceptionNow() {
        if (outcome instanceof Failure f) {
            return f.cause;
        }
        throw new IllegalStateException("future did not fail: " + this);
    }

    /**
     * Describes the future as Python's {@code repr} does: {@code SettableFuture[pending]},
     * {@code [running]}, {@code [cancelled]}, {@code [finished returned Integer]} or
     * {@code [finished raised IOException]}.
     */
    @Override
    public String toString() {
        Object o = outcome;
        String state;
        if (o == null) {
            state = "pending";
        } else if (o == RUNNING || o == INTERRUPTING) {
            state = "running";
        } else if (o == CANCELLED) {
            state = "cancelled";
        } else if (o instanceof Failure f) {
            state = "finished raised " + f.cause.getClass().getSimpleName();
        } else {
            state = "finished returned " + (o == NIL ? "null" : o.getClass().getSimpleName());
        }
        return getClass().getSimpleName() + "[" + state + "]";
    }

    // ---------------------------------------------------------------- completion stages

    /** The mirror every {@link CompletionStage} method delegates to. */
    private CompletableFuture<T> stage() {
        CompletableFuture<T> m = mirror;
        if (m == null) {
            CompletableFuture<T> fresh = new CompletableFuture<>();
            if (MIRROR.compareAndSet(this, null, fresh)) {
                addDoneCallback(f -> copyOutcomeTo(fresh));
                return fresh;
            }
            m = mirror;
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private void copyOutcomeTo(CompletableFuture<T> target) {
        Object o = outcome;
        if (o == CANCELLED) {
            target.cancel(false);
        } else if (o instanceof Failure f) {
            target.completeExceptionally(f.cause);
        } else {
            target.complete(o == NIL ? null : (T) o);
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> copy = new CompletableFuture<>();
        addDoneCallback(f -> copyOutcomeTo(copy));
        copy.whenComplete((v, e) -> {
            if (copy.isCancelled()) {
                cancel(false);
            }
        });
        return copy;
    }

    @Override
    public <U> CompletionStage<U> thenApply(Function<? super T, ? extends U> fn) {
        return stage().thenApply(fn);
    }

    @Override
    public <U> CompletionStage<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
        return stage().thenApplyAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
        return stage().thenApplyAsync(fn, executor);
    }

    @Override
    public CompletionStage<Void> thenAccept(Consumer<? super T> action) {
        return stage().thenAccept(action);
    }

    @Override
    public CompletionStage<Void> thenAcceptAsync(Consumer<? super T> action) {
        return stage().thenAcceptAsync(action);
    }

    @Override
    public CompletionStage<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
        return stage().thenAcceptAsync(action, executor);
    }

    @Override
    public CompletionStage<Void> thenRun(Runnable action) {
        return stage().thenRun(action);
    }

    @Override
    public CompletionStage<Void> thenRunAsync(Runnable action) {
        return stage().thenRunAsync(action);
    }

    @Override
    public CompletionStage<Void> thenRunAsync(Runnable action, Executor executor) {
        return stage().thenRunAsync(action, executor);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombine(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
        return stage().thenCombine(other, fn);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
        return stage().thenCombineAsync(other, fn);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, Executor executor) {
        return stage().thenCombineAsync(other, fn, executor);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBoth(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
        return stage().thenAcceptBoth(other, action);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
        return stage().thenAcceptBothAsync(other, action);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action, Executor executor) {
        return stage().thenAcceptBothAsync(other, action, executor);
    }

    @Override
    public CompletionStage<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBoth(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBothAsync(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return stage().runAfterBothAsync(other, action, executor);
    }

    @Override
    public <U> CompletionStage<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return stage().applyToEither(other, fn);
    }

    @Override
    public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return stage().applyToEitherAsync(other, fn);
    }

    @Override
    public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn, Executor executor) {
        return stage().applyToEitherAsync(other, fn, executor);
    }

    @Override
    public CompletionStage<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return stage().acceptEither(other, action);
    }

    @Override
    public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return stage().acceptEitherAsync(other, action);
    }

    @Override
    public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action, Executor executor) {
        return stage().acceptEitherAsync(other, action, executor);
    }

    @Override
    public CompletionStage<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEither(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEitherAsync(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return stage().runAfterEitherAsync(other, action, executor);
    }

    @Override
    public <U> CompletionStage<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
        return stage().thenCompose(fn);
    }

    @Override
    public <U> CompletionStage<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn) {
        return stage().thenComposeAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
        return stage().thenComposeAsync(fn, executor);
    }

    @Override
    public <U> CompletionStage<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
        return stage().handle(fn);
    }

    @Override
    public <U> CompletionStage<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
        return stage().handleAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
        return stage().handleAsync(fn, executor);
    }

    @Override
    public CompletionStage<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        return stage().whenComplete(action);
    }

    @Override
    public CompletionStage<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
        return stage().whenCompleteAsync(action);
    }

    @Override
    public CompletionStage<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
        return stage().whenCompleteAsync(action, executor);
    }

    @Override
    public CompletionStage<T> exceptionally(Function<Throwable, ? extends T> fn) {
        return stage().exceptionally(fn);
    }

    @Override
    public CompletionStage<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
        return stage().exceptionallyAsync(fn);
    }

    @Override
    public CompletionStage<T> exceptionallyAsync(Function<Throwable, ? extends T> fn, Executor executor) {
        return stage().exceptionallyAsync(fn, executor);
    }

    @Override
    public CompletionStage<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
        return stage().exceptionallyCompose(fn);
    }

    @Override
    public CompletionStage<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn) {
        return stage().exceptionallyComposeAsync(fn);
    }

    @Override
    public CompletionStage<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
        return stage().exceptionallyComposeAsync(fn, executor);
    }

    // ---------------------------------------------------------------- internals

    /** The outcome of a computation that threw. */
    private record Failure(Throwable cause) {}

    private record Marker(String name) {}

    /** A waiting thread or a callback, on the waiter stack. */
    private static final class Node {
        volatile Thread thread;
        volatile Consumer<?> callback;
        volatile Node next;

        Node(Thread thread, Consumer<?> callback) {
            this.thread = thread;
            this.callback = callback;
        }

        boolean live() {
            return thread != null || callback != null;
        }

        @SuppressWarnings("unchecked")
        <T> Consumer<? super WeftFuture<T>> callback() {
            return (Consumer<? super WeftFuture<T>>) callback;
        }
    }
}
