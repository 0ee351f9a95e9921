package dev.weft.process.internal.pool;

import dev.weft.process.AsyncResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What every {@link dev.weft.process.TaskPool} does the same way whoever runs its tasks: Python's
 * chunk size rule, cutting the input, waiting as the synchronous calls do, and boxing a chunk's
 * results. Not API.
 */
public final class MapSupport {
    private MapSupport() {}

    /** Python's rule: {@code divmod(size, 4 * processes)}, rounded up, at least 1. */
    public static int chunksize(int size, int processes) {
        int per = Math.max(1, processes) * 4;
        int chunk = size / per;
        return size % per != 0 ? chunk + 1 : Math.max(chunk, 1);
    }

    /** Returns {@code chunksize}, or throws {@link IllegalArgumentException} if it is less than 1. */
    public static int checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize);
        }
        return chunksize;
    }

    /**
     * {@code items} as a list to cut into chunks. A list with fast random access is used as it is:
     * every chunk is taken before {@code mapAsync} returns, so the caller's list is read only
     * during the call, and copying it would only keep its elements alive (and copied by the
     * collector) for the whole map.
     */
    @SuppressWarnings("unchecked")
    public static List<Object> randomAccess(Iterable<?> items) {
        Objects.requireNonNull(items, "items");
        if (items instanceof List<?> l && l instanceof RandomAccess) {
            return (List<Object>) l;
        }
        if (items instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        List<Object> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    /** The pairs of a {@code starmap} as two-element arrays, the form a task takes them in. */
    public static List<Object> pairs(Iterable<? extends Map.Entry<?, ?>> pairs) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : Objects.requireNonNull(pairs, "pairs")) {
            out.add(new Object[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    /**
     * Waits for {@code result} as the synchronous calls do.
     *
     * @throws CompletionException if it failed; the cause is the failure
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> T await(AsyncResult<T> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause().toString(), e.getCause());
        }
    }

    /** A chunk's results as a worker sends them, an {@code Object[]} or an {@code int[]} when all are ints, boxed. */
    public static Object[] boxed(Object chunk) {
        if (chunk instanceof int[] ints) {
            Object[] out = new Object[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        return (Object[]) chunk;
    }
}
