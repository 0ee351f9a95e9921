package dev.weft.futures;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link WeftExecutor#map} runs: Python's {@code timeout}, {@code chunksize} and (from
 * Python 3.14) {@code buffersize} arguments, and a progress listener. Immutable; each
 * {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * executor.map(this::fetch, urls, MapOptions.defaults().withTimeout(Duration.ofSeconds(60)).withChunksize(16))
 * }</pre>
 */
public final class MapOptions {
    private static final MapOptions DEFAULTS = new MapOptions(null, 1, 0, ProgressListener.NONE);

    private final Duration timeout;
    private final int chunksize;
    private final int buffersize;
    private final ProgressListener progress;

    private MapOptions(Duration timeout, int chunksize, int buffersize, ProgressListener progress) {
        this.timeout = timeout;
        this.chunksize = chunksize;
        this.buffersize = buffersize;
        this.progress = progress;
    }

    /**
     * No timeout, a chunk size of 1, every item submitted at once, no progress reports.
     *
     * @return the default options
     */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Limits the whole map to {@code timeout}, measured from the call of {@code map}, as in Python:
     * the iterator's {@code next()} throws {@link UncheckedTimeoutException} when the result it
     * waits for is not ready by then.
     *
     * @param timeout the longest the whole map may take
     * @return new options with this timeout; these are unchanged
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public MapOptions withTimeout(Duration timeout) {
        Timeouts.toNanos(timeout);
        return new MapOptions(timeout, chunksize, buffersize, progress);
    }

    /**
     * Sends items to the executor {@code chunksize} at a time, one task per chunk, which saves
     * the per-task cost when each item is cheap. Results still come one by one and in order, and
     * a failure still surfaces at the item that failed. (Python's thread pool ignores
     * {@code chunksize}; Weft's honours it.)
     *
     * @param chunksize items per task, at least 1
     * @return new options with this chunk size; these are unchanged
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    public MapOptions withChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1: " + chunksize);
        }
        return new MapOptions(timeout, chunksize, buffersize, progress);
    }

    /**
     * Reads the input lazily: at most {@code buffersize} tasks (chunks) are submitted and not yet
     * consumed at any time, and one more is submitted each time the iterator moves past one. This
     * makes an endless input work. Without it, as in Python, {@code map} reads the whole input and
     * submits every task before it returns.
     *
     * @param buffersize the most tasks submitted and not yet consumed, at least 1
     * @return new options with this buffer size; these are unchanged
     * @throws IllegalArgumentException if {@code buffersize} is less than 1
     */
    public MapOptions withBuffersize(int buffersize) {
        if (buffersize < 1) {
            throw new IllegalArgumentException("buffersize must be at least 1: " + buffersize);
        }
        return new MapOptions(timeout, chunksize, buffersize, progress);
    }

    /**
     * Reports progress to {@code listener} as items finish, in whatever order they finish.
     *
     * @param listener told as items finish
     * @return new options with this listener; these are unchanged
     * @throws NullPointerException if {@code listener} is null
     */
    public MapOptions withProgress(ProgressListener listener) {
        return new MapOptions(timeout, chunksize, buffersize, Objects.requireNonNull(listener, "listener"));
    }

    /** {@return the timeout, measured from the call of {@code map}, if any} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** {@return items per task; 1 unless set} */
    public int chunksize() {
        return chunksize;
    }

    /** {@return the bound on tasks submitted ahead of the consumer, if any} */
    public OptionalInt buffersize() {
        return buffersize == 0 ? OptionalInt.empty() : OptionalInt.of(buffersize);
    }

    /** {@return the progress listener; {@link ProgressListener#NONE} unless set} */
    public ProgressListener progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "MapOptions[timeout=" + timeout + ", chunksize=" + chunksize + ", buffersize="
                + (buffersize == 0 ? "unbounded" : buffersize) + "]";
    }
}
