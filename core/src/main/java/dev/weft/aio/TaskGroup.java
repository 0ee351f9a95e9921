package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import dev.weft.function.ThrowingConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Structured concurrency for the tasks of one loop: Python's {@code asyncio.TaskGroup}.
 * {@link #run} runs a body that starts tasks in the group, and returns only when every one of them
 * is done:
 *
 * <pre>{@code
 * TaskGroup.run(group -> {          // async with asyncio.TaskGroup() as group:
 *     group.createTask(() -> fetch("a"));
 *     group.createTask(() -> fetch("b"));
 * });                               // both are done here, or TaskGroupException was thrown
 * }</pre>
 *
 * <p>When a task of the group fails (with an exception other than a cancellation), every other
 * task of the group is cancelled, and so is the body if it is still waiting at an await point;
 * once all are done, {@link TaskGroupException} is thrown with every failure (the body's own
 * exception among them, if it threw one). When the calling task is cancelled while it waits for
 * the group, the group's tasks are cancelled, awaited, and the {@link CancellationException} is
 * thrown. A task of a group that is done cannot be created.
 *
 * <p>The group is a lambda scope rather than a try-with-resources block because its end must
 * know whether the body threw, which {@link AutoCloseable#close()} cannot.
 */
public final class TaskGroup {
    private final Task<?> parent;
    private final List<Task<?>> tasks = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private int pending;
    private boolean bodyRunning = true;
    private boolean aborting;
    private boolean exited;
    /** Whether this group cancelled its parent (to stop its body): that cancel is not the caller's. */
    private boolean cancelledParent;
    private SettableFuture<Void> allDone;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
    }

    /**
     * Runs {@code body} with a new group, then waits (an await point) until every task of the
     * group is done. See the class comment for failures and cancellation.
     *
     * @param body what runs with the group, creating its tasks
     * @throws TaskGroupException if tasks of the group or the body failed
     * @throws CancellationException if the calling task was cancelled (by someone else than the
     *     group)
     */
    public static void run(ThrowingConsumer<? super TaskGroup> body) {
        Task<?> parent = Aio.requireTask("TaskGroup.run");
        parent.deliverCancel();
        TaskGroup group = new TaskGroup(parent);
        Throwable bodyFailure = null;
        try {
            body.accept(group);
        } catch (Throwable e) {
            bodyFailure = e;
        }
        group.bodyRunning = false;
        CancellationException cancelled = null;
        if (bodyFailure instanceof CancellationException ce) {
            if (group.cancelledParent) {
                group.cancelledParent = false;
                parent.uncancel();
            } else {
                cancelled = ce;
            }
            group.abort();
        } else if (bodyFailure != null) {
            group.errors.addFirst(bodyFailure);
            group.abort();
        }
        while (group.pending > 0) {
            group.allDone = new SettableFuture<>();
            try {
                Aio.awaitDone(parent, group.allDone);
            } catch (CancellationException e) {
                if (group.cancelledParent) {
                    group.cancelledParent = false;
                    parent.uncancel();
                } else {
                    cancelled = e;
                }
                group.abort();
            }
        }
        group.exited = true;
        if (group.cancelledParent) { // a child failed after the body's last await: take that cancel back
            parent.uncancel();
            parent.mustCancel = parent.cancelRequests > 0;
        }
        if (!group.errors.isEmpty()) {
            throw new TaskGroupException(group.errors);
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Starts {@code body} as a task of the group (and of the parent's loop).
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @return the task
     * @throws IllegalStateException if the group is done, or is being cancelled because a task failed
     */
    public <T> Task<T> createTask(Callable<? extends T> body) {
        return add(parent.loop.createTask(body));
    }

    /**
     * As {@link #createTask(Callable)}, with a name.
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @param name the task's name, for {@link Task#getName()} and reports
     * @return the task
     */
    public <T> Task<T> createTask(Callable<? extends T> body, String name) {
        return add(parent.loop.createTask(body, name));
    }

    private <T> Task<T> add(Task<T> task) {
        if (exited) {
            task.cancel();
            throw new IllegalStateException("TaskGroup is done: no new tasks");
        }
        if (aborting) {
            task.cancel();
            throw new IllegalStateException("TaskGroup is shutting down after a failure: no new tasks");
        }
        tasks.add(task);
        pending++;
        task.addDoneCallback(done -> parent.loop.runOnLoop(() -> childDone(task)));
        return task;
    }

    private void childDone(Task<?> task) {
        pending--;
        if (!task.isCancelled()) {
            Throwable failure = task.exceptionNow0();
            if (failure != null) {
                task.markRetrieved();
                errors.add(failure);
                if (!aborting) {
                    abort();
                    if (bodyRunning && !parent.isDone()) {
                        cancelledParent = true;
                        parent.cancel();
                    }
                }
            }
        }
        if (pending == 0 && allDone != null) {
            allDone.setResult(null);
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }
}
