package dev.weft.futures;

/**
 * Told how far a {@link WeftExecutor#map} or a {@link Futures#asCompleted} has come, for example
 * to draw a progress bar.
 *
 * <p>Calls are never concurrent, and {@code done} rises by one from call to call. They come from
 * the threads that finish the work (often pool workers), so a listener must be quick and must not
 * block.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * Reports that {@code done} items are finished, out of {@code total}.
     *
     * @param done how many items have finished, counting failed and cancelled ones; at least 1
     * @param total how many items there are, or {@code -1} while that is not known yet (a lazy
     *     input not read to its end)
     */
    void progress(long done, long total);
}
