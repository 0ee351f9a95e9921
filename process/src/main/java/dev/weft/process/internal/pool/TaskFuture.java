package dev.weft.process.internal.pool;

import dev.weft.process.AsyncResult;

/**
 * The future of one engine task. {@code cancel(true)} on a running task kills its worker (which
 * the engine replaces); a task not yet sent is simply dropped. Not API.
 *
 * @param <T> the type of the result
 */
public class TaskFuture<T> extends AsyncResult<T> {
    private volatile Engine engine;
    private volatile Task task;
    private boolean running; // guarded by the engine's lock

    public TaskFuture() {}

    void bind(Engine engine, Task task) {
        this.engine = engine;
        this.task = task;
    }

    /** The task has reached the head of its worker's queue. Called under the engine's lock. */
    void markRunning() {
        if (!running) {
            running = true;
            setRunningOrNotifyCancel();
        }
    }

    private static final System.Logger LOG = System.getLogger("dev.weft.process");
    private volatile java.util.function.Consumer<Object> callback;
    private volatile java.util.function.Consumer<? super Throwable> errorCallback;

    /**
     * Python's {@code callback} and {@code error_callback}: run on the completing thread just
     * before the result becomes ready, so a caller whose {@code get()} returns sees what its
     * callback did. An exception a callback throws is logged, and the result is set anyway.
     */
    public void callbacks(java.util.function.Consumer<Object> callback,
            java.util.function.Consumer<? super Throwable> errorCallback) {
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    /** Runs the callback, then completes with {@code value}, unless already done. */
    @SuppressWarnings("unchecked")
    public void succeed(Object value) {
        if (isDone()) {
            return;
        }
        run(callback, value);
        setResult((T) value);
    }

    /** Runs the error callback, then completes with {@code failure}, unless already done (a cancelled task stays cancelled). */
    public void fail(Throwable failure) {
        if (isDone()) {
            return;
        }
        run(errorCallback, failure);
        setException(failure);
    }

    private static <V> void run(java.util.function.Consumer<V> c, V value) {
        if (c == null) {
            return;
        }
        try {
            c.accept(value);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "exception in a pool callback", e);
        }
    }

    @Override
    protected boolean interruptRunning() {
        Engine e = engine;
        Task t = task;
        return e != null && t != null && e.interrupt(t);
    }
}
