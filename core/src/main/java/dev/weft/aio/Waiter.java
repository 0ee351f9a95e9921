package dev.weft.aio;

/**
 * A task waiting in one of this package's synchronizers or queues: what asyncio makes a future for,
 * in fewer bytes (a waiting task is most of what an idle loop holds). Used only by the holder of the
 * loop. Its task is woken once, when the waiter is granted or failed; a cancel of the task marks it
 * cancelled and wakes the task itself.
 */
final class Waiter {
    private static final byte PENDING = 0;
    private static final byte GRANTED = 1;
    private static final byte CANCELLED = 2;
    private static final byte FAILED = 3;

    final Task<?> task;
    /** The task's suspension while it waits here, for {@link EventLoop#wake}. */
    private int suspension;
    private byte state;
    private Throwable failure;

    Waiter(Task<?> task) {
        this.task = task;
    }

    /** Whether the waiter was granted, failed or cancelled. */
    boolean done() {
        return state != PENDING;
    }

    boolean cancelled() {
        return state == CANCELLED;
    }

    /** The failure given to {@link #fail}, or null. */
    Throwable failure() {
        return failure;
    }

    /** Grants what the task waits for and wakes it; false if the waiter is already done. */
    boolean grant() {
        if (state != PENDING) {
            return false;
        }
        state = GRANTED;
        task.loop.wake(task, suspension);
        return true;
    }

    /** Ends the wait with {@code e} (read back with {@link #failure()}) and wakes the task. */
    boolean fail(Throwable e) {
        if (state != PENDING) {
            return false;
        }
        state = FAILED;
        failure = e;
        task.loop.wake(task, suspension);
        return true;
    }

    /** Marks the waiter cancelled; called by {@link Task}'s cancel, which wakes the task itself. */
    void cancel() {
        if (state == PENDING) {
            state = CANCELLED;
        }
    }

    /**
     * Suspends the task until the waiter is done, then delivers a pending cancel.
     *
     * @throws java.util.concurrent.CancellationException if the task was cancelled, also when it
     *     was granted at the same time (the caller then hands the grant on)
     */
    void await() {
        if (state == PENDING) {
            EventLoop loop = task.loop;
            suspension = loop.beginSuspension(task);
            loop.suspend(task, this, suspension, null);
        }
        task.deliverCancel();
    }
}
