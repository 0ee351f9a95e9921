package dev.weft.futures;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The results of {@link WeftExecutor#map}, in input order: Python's {@code map} result iterator.
 * It is an {@link Iterator}, and an {@link Iterable} for one for-each loop.
 *
 * <p>{@code hasNext()} never blocks (with {@link MapOptions#withBuffersize buffersize} it may read
 * the input). {@code next()} blocks until the next item's result is ready and throws, each time
 * after cancelling every task that has not started and ending the iteration:
 * <ul>
 *   <li>{@link CompletionException}, whose cause is what the function threw for that item;
 *   <li>{@link CancellationException} if that item's task was cancelled, or if the thread was
 *       interrupted while waiting (then the cause is the {@link InterruptedException} and the
 *       thread's interrupt status is set again);
 *   <li>{@link UncheckedTimeoutException} if the map's timeout, measured from the call of
 *       {@code map}, elapses first;
 *   <li>{@link java.util.concurrent.RejectedExecutionException} if, reading a lazy input, the
 *       executor refused a task (it was shut down).
 * </ul>
 * {@link #close()} ends the iteration early and cancels the tasks that have not started; tasks
 * already running finish. An iterator that is dropped without being closed or read to its end
 * cancels nothing, as in Python: every submitted task still runs.
 *
 * <p>Not thread-safe: one thread reads the results.
 *
 * @param <R> the type of the results
 */
public final class MapResults<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    private final Function<Callable<?>, WeftFuture<?>> submit;
    private final Iterator<? extends Callable<? extends R>> calls;
    private final int chunksize;
    private final int buffersize;
    private final Duration timeout;
    private final long deadline;
    private final ProgressTracker progress;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();

    private long submittedItems;
    /** Index, in the input, of the item whose result {@code next()} returns next. */
    private long index;
    private Object[] chunk;
    private int chunkPos;
    private int chunkEnd;
    private Throwable chunkFailure;
    private boolean finished;
    private boolean iterated;

    MapResults(Function<Callable<?>, WeftFuture<?>> submit, Iterator<? extends Callable<? extends R>> calls,
            MapOptions options) {
        this.submit = submit;
        this.calls = calls;
        this.chunksize = options.chunksize();
        this.buffersize = options.buffersize().orElse(0);
        this.timeout = options.timeout().orElse(null);
        this.deadline = timeout == null ? 0L : dev.weft.internal.Timeouts.deadline(
                dev.weft.internal.Timeouts.toNanos(timeout));
        this.progress = ProgressTracker.of(options.progress());
        try {
            topUp();
        } catch (RuntimeException e) {
            finish();
            throw e;
        }
    }

    /** Submits tasks until the buffer is full or the input ends. */
    private void topUp() {
        int before = pending.size();
        try {
            submitMore();
        } finally {
            if (progress != null) {
                // Listen only now, once the total is known if the input just ended, so that the
                // last report carries the total even if every task finished before the end was read.
                Iterator<Slot> added = pending.descendingIterator();
                for (int n = pending.size() - before; n > 0; n--) {
                    Slot slot = added.next();
                    int items = slot.items;
                    slot.future.addDoneCallback(f -> {
                        for (int i = 0; i < items; i++) {
                            progress.advance(1); // done rises by one from report to report
                        }
                    });
                }
            }
        }
    }

    private void submitMore() {
        while ((buffersize == 0 || pending.size() < buffersize) && calls.hasNext()) {
            Slot slot;
            if (chunksize == 1) {
                slot = new Slot(submit.apply(calls.next()), 1, false);
            } else {
                Callable<?>[] batch = new Callable<?>[chunksize];
                int n = 0;
                while (n < chunksize && calls.hasNext()) {
                    batch[n++] = calls.next();
                }
                if (n < chunksize) {
                    batch = java.util.Arrays.copyOf(batch, n);
                }
                slot = new Slot(submit.apply(new ChunkTask(batch)), n, true);
            }
            pending.addLast(slot);
            submittedItems += slot.items;
        }
        if (progress != null && !calls.hasNext()) {
            progress.total(submittedItems);
        }
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (chunk != null) {
            if (chunkPos < chunkEnd || chunkFailure != null) {
                return true;
            }
            chunk = null;
        }
        if (pending.isEmpty()) {
            topUp();
        }
        if (pending.isEmpty()) {
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results");
        }
        if (chunk == null) {
            Slot slot = pending.pollFirst();
            try {
                topUp();
            } catch (RuntimeException e) {
                pending.addFirst(slot);
                finish();
                throw e;
            }
            Object value = await(slot.future);
            if (!slot.chunked) {
                index++;
                return (R) value;
            }
            Chunk c = (Chunk) value;
            chunk = c.values;
            chunkPos = 0;
            chunkEnd = c.failedAt < 0 ? c.values.length : c.failedAt;
            chunkFailure = c.failure;
        }
        if (chunkPos < chunkEnd) {
            index++;
            return (R) chunk[chunkPos++];
        }
        Throwable failure = chunkFailure;
        finish();
        throw failed(failure);
    }

    private Object await(WeftFuture<?> future) {
        try {
            if (timeout == null) {
                return future.get();
            }
            return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            finish();
            throw failed(e.getCause());
        } catch (CancellationException e) {
            finish();
            throw Interrupts.withCause(new CancellationException("item " + index + " of the map was cancelled"), e);
        } catch (TimeoutException e) {
            future.cancel(false); // if it has not started, it never will
            finish();
            throw new UncheckedTimeoutException(new TimeoutException(
                    "item " + index + " of the map was not done within " + timeout + " of the call"));
        } catch (InterruptedException e) {
            future.cancel(false);
            finish();
            throw Interrupts.cancelledBy(e, "waiting for item " + index + " of the map");
        }
    }

    private CompletionException failed(Throwable cause) {
        return new CompletionException("item " + index + " of the map failed: " + cause, cause);
    }

    /**
     * Ends the iteration: cancels every task that has not started (running ones finish) and makes
     * {@code hasNext()} return {@code false}. Does not block. Idempotent.
     */
    @Override
    public void close() {
        finish();
    }

    private void finish() {
        finished = true;
        chunk = null;
        chunkFailure = null;
        for (Slot s; (s = pending.pollFirst()) != null; ) {
            s.future.cancel(false);
        }
    }

    /**
     * Returns this iterator, for one for-each loop.
     *
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<R> iterator() {
        if (iterated) {
            throw new IllegalStateException("map results can be iterated only once");
        }
        iterated = true;
        return this;
    }

    private record Slot(WeftFuture<?> future, int items, boolean chunked) {}

    /**
     * The outcome of a chunk: values up to {@code failedAt} (or all), and what item failedAt threw.
     *
     * @param values the results of the items before {@code failedAt}, or of every item
     * @param failedAt the index of the item that threw, or -1 if none did
     * @param failure what that item threw, or null
     */
    record Chunk(Object[] values, int failedAt, Throwable failure) implements Serializable {}

    /**
     * Runs several calls in one task, stopping at the first that throws.
     *
     * @param calls the calls, one per item of the chunk
     */
    record ChunkTask(Callable<?>[] calls) implements Callable<Chunk>, Serializable {
        @Override
        public Chunk call() {
            Object[] values = new Object[calls.length];
            for (int i = 0; i < calls.length; i++) {
                try {
                    values[i] = calls[i].call();
                } catch (Throwable t) {
                    return new Chunk(values, i, t);
                }
            }
            return new Chunk(values, -1, null);
        }
    }
}
