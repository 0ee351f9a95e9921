package dev.weft.process.internal.pool;

import dev.weft.futures.WeftFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The result of a map, filled chunk by chunk as chunks finish in any order; the first failure
 * fails it. While every chunk comes back as ints (a worker sends a chunk whose results are all
 * {@code Integer}s as an {@code int[]}), they are kept in one {@code int[]} and the map returns an
 * {@link IntList}: no million boxes kept alive, and copied by the collector, while the map runs.
 * Not API.
 *
 * @param <R> the type of the results
 */
public final class MapResult<R> extends TaskFuture<List<R>> {
    private final int n;
    private int[] ints; // guarded by this; while every chunk so far was ints
    private Object[] values; // guarded by this; once a chunk was not
    private int missing; // guarded by this

    private MapResult(int n) {
        this.n = n;
        missing = n;
    }

    /**
     * Cuts {@code items} into chunks of {@code chunksize}, hands each to {@code submitChunk} (which
     * sends it and returns the future of its results, an {@code Object[]} or an {@code int[]}), and
     * returns the map's result, filled as the chunks finish: the one way every pool runs a map.
     * {@code callback} or {@code errorCallback} (either may be null) run as {@link TaskFuture#callbacks} says.
     *
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    @SuppressWarnings("unchecked")
    public static <R> MapResult<R> map(List<Object> items, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback, Function<List<Object>, ? extends WeftFuture<?>> submitChunk) {
        MapSupport.checkChunksize(chunksize);
        MapResult<R> result = new MapResult<>(items.size());
        result.callbacks((Consumer<Object>) (Consumer<?>) callback, errorCallback);
        int size = items.size();
        if (size == 0) {
            result.complete();
        }
        for (int start = 0; start < size; start += chunksize) {
            int from = start;
            // A view: a submitter encodes it, or copies it, before it returns.
            submitChunk.apply(items.subList(start, Math.min(size, start + chunksize)))
                    .addDoneCallback(done -> result.chunkDone(from, done));
        }
        return result;
    }

    /** Records {@code chunk}, the finished task of the items from index {@code from} on. */
    private void chunkDone(int from, WeftFuture<?> chunk) {
        if (chunk.state() != Future.State.SUCCESS) {
            fail(chunk.isCancelled() ? new CancellationException("a chunk of the map was cancelled") : chunk.exceptionNow());
            return;
        }
        Object part = chunk.resultNow();
        boolean last;
        synchronized (this) {
            if (part instanceof int[] p && values == null) {
                if (ints == null) {
                    ints = new int[n];
                }
                System.arraycopy(p, 0, ints, from, p.length);
                missing -= p.length;
            } else {
                if (values == null) {
                    values = new Object[n];
                    if (ints != null) {
                        for (int i = 0; i < n; i++) {
                            values[i] = ints[i]; // the ints so far (and zeros where nothing came yet)
                        }
                        ints = null;
                    }
                }
                Object[] p = MapSupport.boxed(part);
                System.arraycopy(p, 0, values, from, p.length);
                missing -= p.length;
            }
            last = missing == 0;
        }
        if (last) {
            complete();
        }
    }

    /** Completes with the results recorded so far: called when the last chunk is in, or at once for no items. */
    @SuppressWarnings("unchecked")
    private void complete() {
        List<?> out;
        synchronized (this) {
            out = ints != null ? new IntList(ints) : values != null ? new ArrayList<>(Arrays.asList(values)) : new ArrayList<>();
        }
        succeed((List<R>) out);
    }
}
