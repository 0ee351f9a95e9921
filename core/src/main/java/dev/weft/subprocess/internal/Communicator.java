package dev.weft.subprocess.internal;

/**
 * Moves bytes between the parent and a child's pipes without deadlock: it writes the input to
 * stdin while it reads stdout and stderr, so that a child blocked writing one stream never waits
 * on a parent blocked on another. State survives a timeout: the bytes read so far are kept and
 * the input already written is not written again, so {@link #pump} can be called again, as
 * Python's {@code communicate} can after {@code TimeoutExpired}. Not thread-safe: the caller
 * serialises calls. Not API.
 */
public interface Communicator {
    /**
     * Writes {@code input} (honoured on the first call only; null for none) to stdin and closes
     * stdin, while reading stdout and stderr to end-of-file. Streams that are not pipes are
     * skipped; stdin is closed even when there is no input, as Python does.
     *
     * <p>If the child has ended but a pipe stays open longer than {@code orphanGraceNanos}
     * (because a descendant it left behind still holds it), the child's tree is killed and the
     * pipes are drained and closed, so an orphan cannot make the caller hang.
     *
     * @param deadline the {@link System#nanoTime()} at which to give up, or {@link Long#MAX_VALUE}
     *     for no deadline
     * @return true when all is written and read; false when the deadline came first
     * @throws InterruptedException if interrupted; state is kept as on a timeout
     */
    boolean pump(byte[] input, long deadline, long orphanGraceNanos) throws InterruptedException;

    /**
     * The bytes read from stdout so far, as one array the caller must not change (empty when
     * stdout is not a pipe). Implementations keep the joined array, so asking again without new
     * bytes does not copy again.
     */
    byte[] stdout();

    /** As {@link #stdout()}, for stderr. */
    byte[] stderr();
}
