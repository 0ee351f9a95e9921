package dev.weft.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches futures for one waiting thread, which takes them as they complete: the engine of
 * {@link Futures#wait} and {@link Futures#asCompleted}.
 *
 * <p>A {@link SettableFuture} reports its completion through a callback that {@link #close()}
 * removes again, so waiting repeatedly on a long-lived future leaves nothing behind. Any other
 * {@link Future} has no way to report, so it is polled, first after 10 microseconds and then at
 * intervals doubling up to {@link #MAX_POLL_NANOS}. Futures already done are taken first, in the
 * order given.
 */
final class CompletionWatcher<F extends Future<?>> implements AutoCloseable {
    /** The longest a completion of a polled future goes unnoticed: one millisecond. */
    static final long MAX_POLL_NANOS = 1_000_000L;
    private static final long FIRST_POLL_NANOS = 10_000L;

    private final ConcurrentLinkedQueue<F> completed = new ConcurrentLinkedQueue<>();
    private final List<F> polled = new ArrayList<>();
    private final List<SettableFuture<?>> watched = new ArrayList<>();
    private final List<Object> handles = new ArrayList<>();
    private final ProgressTracker progress;
    private volatile Thread waiter;

    CompletionWatcher(Collection<F> futures, ProgressTracker progress) {
        this.progress = progress;
        for (F f : futures) {
            if (f instanceof SettableFuture<?> sf) {
                Object handle = sf.addRemovableCallback(done -> arrived(f));
                if (handle == null) {
                    arrived(f);
                } else {
                    watched.add(sf);
                    handles.add(handle);
                }
            } else if (f.isDone()) {
                arrived(f);
            } else {
                polled.add(f);
            }
        }
    }

    private void arrived(F f) {
        completed.add(f);
        if (progress != null) {
            progress.advance(1);
        }
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Returns the next completed future, waiting for one; {@code null} if {@code timed} and the
     * {@link System#nanoTime()} {@code deadline} passes first.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    F take(boolean timed, long deadline) throws InterruptedException {
        long backoff = FIRST_POLL_NANOS;
        for (;;) {
            F f = completed.poll();
            if (f != null) {
                return f;
            }
            if (!polled.isEmpty()) {
                pollOnce();
                if ((f = completed.poll()) != null) {
                    return f;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long park = Long.MAX_VALUE;
            if (timed && (park = deadline - System.nanoTime()) <= 0L) {
                return null;
            }
            if (!polled.isEmpty()) {
                park = Math.min(park, backoff);
                backoff = Math.min(backoff * 2, MAX_POLL_NANOS);
            }
            waiter = Thread.currentThread();
            if (completed.isEmpty()) { // checked after publishing waiter: a completion now unparks us
                if (park == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, park);
                }
            }
            waiter = null;
        }
    }

    private void pollOnce() {
        for (Iterator<F> it = polled.iterator(); it.hasNext(); ) {
            F f = it.next();
            if (f.isDone()) {
                it.remove();
                arrived(f);
            }
        }
    }

    /** Removes the callbacks of the futures still watched. */
    @Override
    public void close() {
        for (int i = 0; i < watched.size(); i++) {
            watched.get(i).removeCallback(handles.get(i));
        }
        watched.clear();
        handles.clear();
        polled.clear();
    }
}
