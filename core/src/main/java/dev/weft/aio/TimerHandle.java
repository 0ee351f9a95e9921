package dev.weft.aio;

/**
 * A callback scheduled for a point in the loop's time by {@link EventLoop#callLater callLater} or
 * {@link EventLoop#callAt callAt}: Python's {@code asyncio.TimerHandle}.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    final long deadline; // System.nanoTime() scale
    final long sequence; // FIFO among equal deadlines, as Python's heap of (when, seq)
    private final EventLoop loop;

    TimerHandle(EventLoop loop, Runnable callback, long deadline, long sequence) {
        super(callback);
        this.loop = loop;
        this.deadline = deadline;
        this.sequence = sequence;
    }

    /** Also lets the loop drop cancelled timers from its heap before they are due. */
    @Override
    public void cancel() {
        if (!cancelled()) {
            super.cancel();
            loop.timerCancelled();
        }
    }

    /** {@return when the callback is due, in the seconds of {@link EventLoop#time()}} */
    public double when() {
        return EventLoop.seconds(deadline);
    }

    @Override
    public int compareTo(TimerHandle o) {
        int c = Long.compare(deadline - o.deadline, 0); // nanoTime may wrap: compare differences
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
