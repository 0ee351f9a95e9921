package dev.weft.aio;

/**
 * A callback scheduled on an {@link EventLoop} by {@link EventLoop#callSoon callSoon} or
 * {@link EventLoop#callSoonThreadsafe callSoonThreadsafe}: Python's {@code asyncio.Handle}.
 * Cancelling it before it runs stops it from running; cancelling it later does nothing.
 *
 * <p>{@link #cancel()} and {@link #cancelled()} may be called from any thread; a cancel made in
 * another thread while the loop is about to run the callback may come too late, as in Python.
 */
public sealed class Handle permits TimerHandle {
    final Runnable callback;
    private volatile boolean cancelled;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Keeps the callback from running, if it has not run yet. */
    public void cancel() {
        cancelled = true;
    }

    /** {@return whether {@link #cancel()} was called} */
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? ", cancelled" : "") + "]";
    }
}
