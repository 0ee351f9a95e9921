package dev.weft.subprocess.internal;

import dev.weft.subprocess.Signal;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * A running (or finished) child as a launcher sees it. All methods are thread-safe. Exit statuses
 * are Python's returncodes: the exit code, or minus the signal number when a signal ended the
 * child. Not API.
 */
public interface Child {
    /** The operating system's process id. */
    long pid();

    /** The write end of the child's stdin pipe, or null when stdin is not {@code PIPE}. */
    OutputStream stdin();

    /** The read end of the child's stdout pipe, or null when stdout is not {@code PIPE}. */
    InputStream stdout();

    /** The read end of the child's stderr pipe, or null when stderr is not {@code PIPE}. */
    InputStream stderr();

    /**
     * The returncode if the child has ended (reaping it the first time), else empty. Never
     * blocks.
     */
    OptionalInt poll();

    /**
     * Waits up to {@code nanos} nanoseconds ({@link Long#MAX_VALUE}: without limit) for the child
     * to end.
     *
     * @return the returncode, or empty if the time ran out
     * @throws InterruptedException if interrupted while waiting; the child is not touched
     */
    OptionalInt await(long nanos) throws InterruptedException;

    /**
     * Sends {@code signal} to the child alone. Does nothing once the child has been reaped, so a
     * recycled process id is never signalled.
     */
    void signal(Signal signal);

    /**
     * Kills the child's whole tree with {@code SIGKILL}: every descendant first, deepest first,
     * then the child, then (when it leads its own process group) whatever is left in the group,
     * which catches descendants orphaned by a parent that already exited. Does not wait.
     */
    void killTree();

    /**
     * Sends {@code signal} to the child's whole tree: the child, every descendant found now, and
     * (when the child leads its own process group) the whole group, which catches descendants
     * orphaned earlier; after the child has been reaped, only what is left in its group. Unlike
     * {@link #killTree()} nothing is stopped first: a signal that can be caught is for processes
     * to act on. Does not wait.
     */
    void signalTree(Signal signal);

    /**
     * Gives up the parent's stdout pipe so that it can feed another child: returns the stream
     * (null when stdout is not a pipe or was given up already) and forgets it, so that
     * {@link #stdout()} returns null and the communicator skips stdout from then on.
     */
    InputStream detachStdout();

    /**
     * Lets go of the child: its owner was closed or became unreachable. Releases the process
     * handle once the child has been reaped (at once, or later by a sweep of abandoned children
     * at the next launch, so no zombie is left). Does not close the pipes, which may still be in
     * a caller's hands (each stream closes its own descriptor when it becomes unreachable), and
     * does not signal or wait for the child. Idempotent.
     */
    void close();

    /**
     * The single {@link Communicator} of this child, made on first use. Callers serialise their
     * use of it.
     */
    Communicator communicator();
}
