package dev.weft.futures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;

/**
 * A task and its future, as an executor queues it: running it runs the task at most once, and a
 * {@code cancel(true)} while it runs interrupts the thread running it.
 *
 * <p>The interrupt is confined to this task: {@link #run()} does not return until a concurrent
 * {@code cancel(true)} has finished interrupting, and then clears the thread's interrupt status,
 * so the interrupt can never land in the next task the thread runs.
 */
class TaskFuture<T> extends SettableFuture<T> implements RunnableFuture<T> {
    private static final VarHandle RUNNER;

    static {
        try {
            RUNNER = MethodHandles.lookup().findVarHandle(TaskFuture.class, "runner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Callable<? extends T> task;
    /** The thread running the task, while it runs; claimed by compare-and-set, as FutureTask's. */
    private volatile Thread runner;

    TaskFuture(Callable<? extends T> task) {
        this.task = task;
    }

    @Override
    public void run() {
        // Claimed before the state says running, so cancel(true) sees it; a run() racing one that
        // runs must not overwrite it, or cancel(true) would interrupt the wrong thread (or none).
        if (!RUNNER.compareAndSet(this, null, Thread.currentThread())) {
            return; // running in another thread: a no-op, as FutureTask's
        }
        if (!tryStart()) { // cancelled, or run before: a no-op, as FutureTask's
            runner = null;
            return;
        }
        try {
            T result;
            try {
                result = task.call();
            } catch (Throwable failure) {
                if (!setException(failure)) {
                    settleInterrupt();
                }
                failed(failure);
                return;
            }
            if (!setResult(result)) {
                settleInterrupt();
            }
        } finally {
            runner = null;
        }
    }

    /** Called after the task threw; {@link Runnable}s given to {@code execute} report it. */
    void failed(Throwable failure) {}

    /**
     * The task's outcome came after a {@code cancel(true)}, which may have interrupted this
     * thread. Setting the outcome waited until that cancel was over, so consuming the interrupt
     * here keeps it out of the next task.
     */
    private static void settleInterrupt() {
        Thread.interrupted();
    }

    @Override
    protected boolean interruptRunning() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
        return true;
    }
}
