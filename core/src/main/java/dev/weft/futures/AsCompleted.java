package dev.weft.futures;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The futures given to {@link Futures#asCompleted}, each once, in the order they complete: those
 * already done first (in the order given), then each as it finishes. Python's
 * {@code as_completed} iterator. It is an {@link Iterator}, and an {@link Iterable} for one
 * for-each loop.
 *
 * <p>{@code hasNext()} never blocks. {@code next()} blocks until another future is done and
 * throws, ending the iteration:
 * <ul>
 *   <li>{@link UncheckedTimeoutException} if the timeout, measured from the call of
 *       {@code asCompleted}, elapses first; its message says how many futures are unfinished;
 *   <li>{@link CancellationException} if the thread is interrupted while waiting; the cause is
 *       the {@link InterruptedException} and the interrupt status is set again.
 * </ul>
 * The futures themselves are never cancelled or otherwise changed. {@link #close()} ends the
 * iteration early and forgets the futures.
 *
 * <p>Not thread-safe: one thread iterates.
 *
 * @param <F> the type of the futures
 */
public final class AsCompleted<F extends Future<?>> implements Iterator<F>, Iterable<F>, AutoCloseable {
    private final CompletionWatcher<F> watcher;
    private final int total;
    private final Duration timeout;
    private final long deadline;
    private int yielded;
    private boolean finished;
    private boolean iterated;

    AsCompleted(Collection<F> distinct, Duration timeout, long deadline, ProgressTracker progress) {
        this.total = distinct.size();
        this.timeout = timeout;
        this.deadline = deadline;
        if (progress != null) {
            progress.total(total);
        }
        this.watcher = new CompletionWatcher<>(distinct, progress);
        this.finished = total == 0;
    }

    @Override
    public boolean hasNext() {
        return !finished;
    }

    @Override
    public F next() {
        if (finished) {
            throw new NoSuchElementException("every future has been returned");
        }
        F f;
        try {
            f = watcher.take(timeout != null, deadline);
        } catch (InterruptedException e) {
            close();
            throw Interrupts.cancelledBy(e, "waiting for " + (total - yielded) + " (of " + total + ") futures");
        }
        if (f == null) {
            close();
            throw new UncheckedTimeoutException(new TimeoutException(
                    (total - yielded) + " (of " + total + ") futures unfinished after " + timeout));
        }
        if (++yielded == total) {
            close();
        }
        return f;
    }

    /** Ends the iteration and stops watching the futures. Does not block. Idempotent. */
    @Override
    public void close() {
        finished = true;
        watcher.close();
    }

    /**
     * Returns this iterator, for one for-each loop.
     *
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<F> iterator() {
        if (iterated) {
            throw new IllegalStateException("asCompleted can be iterated only once");
        }
        iterated = true;
        return this;
    }
}
