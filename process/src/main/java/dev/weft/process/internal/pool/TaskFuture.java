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

    /** Completes with {@code failure} unless already done (a cancelled task stays cancelled). */
    void fail(Throwable failure) {
        setException(failure);
    }

    @Override
    protected boolean interruptRunning() {
        Engine e = engine;
        Task t = task;
        return e != null && t != null && e.interrupt(t);
    }
}
