package dev.weft.process;

import dev.weft.futures.UncheckedTimeoutException;
import dev.weft.futures.WeftFuture;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.pool.MapSupport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The results of {@link TaskPool#imap} or {@link TaskPool#imapUnordered}: Python's {@code IMapIterator}.
 * An {@link Iterator}, and an {@link Iterable} for one for-each loop.
 *
 * <p>The input is read lazily: a chunk is submitted only while fewer than a fixed number of
 * chunks are in flight (submitted and not yet consumed), so an endless input works and memory
 * stays bounded. Reading the input happens in {@code hasNext} and {@code next}, on the caller's
 * thread.
 *
 * <p>{@code next()} blocks until the next result is ready. A chunk whose task failed throws
 * {@link CompletionException} (cause: the failure) from the {@code next()} that reaches it, as
 * Python's iterator raises there; iteration may go on with the following chunks. {@link #next(Duration)}
 * bounds the wait. {@link #close()} stops reading the input and cancels chunks not yet started.
 *
 * <p>Not thread-safe: one thread reads the results.
 *
 * @param <R> the type of the results
 */
public final class PoolIterator<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    private final Function<List<Object>, ? extends WeftFuture<?>> submitChunk;
    private final Iterator<?> input;
    private final int chunksize;
    private final boolean ordered;
    private final int maxInFlight;
    private final ArrayDeque<WeftFuture<?>> inOrder = new ArrayDeque<>();
    private final LinkedBlockingQueue<WeftFuture<?>> finished = new LinkedBlockingQueue<>();
    private int inFlight;
    private Object[] chunk;
    private int chunkPos;
    private boolean closed;
    private boolean iterated;

    /**
     * Results of chunks that {@code submitChunk} sends: for implementations of {@link TaskPool}.
     *
     * @param submitChunk sends one chunk of items (a list it may keep) and returns the future of its
     *     results, an {@code Object[]} or an {@code int[]}; cancelling the future should cancel the chunk
     * @param input the items, read lazily on the thread that reads the results
     * @param chunksize how many items one chunk takes, at least 1
     * @param ordered whether results come in input order ({@code imap}) or as they finish
     *     ({@code imap_unordered})
     * @param maxInFlight how many chunks may be submitted and not yet consumed, at least 1
     * @throws IllegalArgumentException if {@code chunksize} or {@code maxInFlight} is less than 1
     */
    public PoolIterator(Function<List<Object>, ? extends WeftFuture<?>> submitChunk, Iterator<?> input, int chunksize,
            boolean ordered, int maxInFlight) {
        if (chunksize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("chunksize and maxInFlight must be at least 1: " + chunksize + ", " + maxInFlight);
        }
        this.submitChunk = Objects.requireNonNull(submitChunk, "submitChunk");
        this.input = input;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.maxInFlight = maxInFlight;
        fill();
    }

    private void fill() {
        while (!closed && inFlight < maxInFlight && input.hasNext()) {
            List<Object> items = new ArrayList<>(chunksize);
            while (items.size() < chunksize && input.hasNext()) {
                items.add(input.next());
            }
            WeftFuture<?> f = submitChunk.apply(items);
            if (ordered) {
                inOrder.addLast(f);
            } else {
                f.addDoneCallback(finished::add);
            }
            inFlight++;
        }
    }

    /** Whether there is another result; reads the input if needed. Does not wait for results. */
    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (chunk != null && chunkPos < chunk.length) {
            return true;
        }
        fill();
        return inFlight > 0;
    }

    /**
     * The next result, waiting without limit.
     *
     * @throws CompletionException if this result's chunk failed (the cause says how)
     * @throws CancellationException if it was cancelled, or the thread was interrupted while waiting
     *     (then the interrupt status is set again)
     * @throws NoSuchElementException if there are no more
     */
    @Override
    public R next() {
        return next(-1);
    }

    /**
     * {@return the next result, waiting at most {@code timeout}: Python's {@code next(timeout)}}
     *
     * @param timeout the longest to wait
     * @throws UncheckedTimeoutException if none is ready in time (the iterator stays usable)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public R next(Duration timeout) {
        return next(Timeouts.toNanos(timeout));
    }

    @SuppressWarnings("unchecked")
    private R next(long nanos) {
        if (chunk != null && chunkPos < chunk.length) {
            return (R) chunk[chunkPos++];
        }
        if (!hasNext()) {
            throw new NoSuchElementException("no more results");
        }
        WeftFuture<?> f;
        try {
            if (ordered) {
                f = inOrder.peekFirst();
                if (nanos < 0) {
                    f.get();
                } else {
                    f.get(nanos, TimeUnit.NANOSECONDS);
                }
                inOrder.pollFirst();
            } else {
                f = nanos < 0 ? finished.take() : finished.poll(nanos, TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException();
                }
            }
        } catch (TimeoutException e) {
            throw new UncheckedTimeoutException(new TimeoutException("no result within " + Duration.ofNanos(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for an imap result");
            c.initCause(e);
            throw c;
        } catch (ExecutionException | CancellationException e) {
            f = ordered ? inOrder.pollFirst() : null; // consumed: the failure is this chunk's result
        }
        inFlight--;
        WeftFuture<?> done = f;
        fill();
        if (done == null || done.state() != java.util.concurrent.Future.State.SUCCESS) {
            Throwable cause = done == null || done.isCancelled() ? new CancellationException("chunk cancelled") : done.exceptionNow();
            throw new CompletionException("an imap chunk failed: " + cause, cause);
        }
        chunk = MapSupport.boxed(done.resultNow());
        chunkPos = 0;
        if (chunk.length == 0) {
            return next(nanos);
        }
        return (R) chunk[chunkPos++];
    }

    /** Stops reading the input and cancels chunks not yet started; {@code hasNext()} becomes false. */
    @Override
    public void close() {
        closed = true;
        for (WeftFuture<?> f : inOrder) {
            f.cancel(false);
        }
        inOrder.clear();
    }

    /**
     * Returns this iterator, for one for-each loop.
     *
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<R> iterator() {
        if (iterated) {
            throw new IllegalStateException("imap results can be iterated only once");
        }
        iterated = true;
        return this;
    }
}
