package dev.weft.futures;

/**
 * Serializes the reports to one {@link ProgressListener} and keeps its counts. A listener that
 * throws is logged, not allowed to break the work it watches.
 */
final class ProgressTracker {
    private static final System.Logger LOG = System.getLogger("dev.weft.futures");

    private final ProgressListener listener;
    private long done;
    private long total = -1;

    private ProgressTracker(ProgressListener listener) {
        this.listener = listener;
    }

    /** A tracker for {@code listener}, or {@code null} for {@link ProgressListener#NONE}. */
    static ProgressTracker of(ProgressListener listener) {
        return listener == ProgressListener.NONE ? null : new ProgressTracker(listener);
    }

    synchronized void total(long total) {
        this.total = total;
    }

    synchronized void advance(long items) {
        done += items;
        try {
            listener.progress(done, total);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "progress listener " + listener + " threw", e);
        }
    }
}
