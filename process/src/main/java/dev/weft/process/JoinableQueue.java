package dev.weft.process;

import dev.weft.internal.Timeouts;
import dev.weft.process.internal.hub.QueueObject;
import java.io.Serial;
import java.time.Duration;

/**
 * A process {@link Queue} that also counts unfinished tasks: Python's
 * {@code multiprocessing.JoinableQueue}. Every item handed out by a get, in any process, is a task
 * that its consumer marks finished with {@link #taskDone()}; {@link #join()}, in any process, waits
 * until every item ever put has been got and marked done. The count is kept by the owner, so
 * {@code taskDone()} in one process releases a {@code join()} waiting in another.
 *
 * <p>An item got but not decodable in the getting process (see {@link Queue}) still counts as
 * handed out: mark it done too. Calling {@code taskDone()} more times than items were handed out
 * throws {@link IllegalStateException} (Python's {@code ValueError}) and changes nothing.
 *
 * <p>Memory visibility within the owner: actions before {@code taskDone()} happen-before the return
 * of a {@code join()} that it releases. Between processes, {@code join()} returns only after the
 * owner has handled the last {@code taskDone()}.
 *
 * @param <E> the type of the items
 */
public final class JoinableQueue<E> extends Queue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "JoinableQueue";

    /** An unbounded joinable queue owned by this process: Python's {@code JoinableQueue()}. */
    public JoinableQueue() {
        this(0);
    }

    /**
     * A joinable queue of at most {@code maxsize} items owned by this process.
     *
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if {@code maxsize} is negative (0 means unbounded)
     */
    public JoinableQueue(int maxsize) {
        super(new QueueBackend.Local(new QueueObject(maxsize)));
    }

    JoinableQueue(QueueBackend backend) {
        super(backend);
    }

    @Override
    String kind() {
        return KIND;
    }

    /**
     * Marks one handed-out item as finished: Python's {@code task_done()}. Does not wait beyond a
     * round trip to the owner.
     *
     * @throws IllegalStateException if every item handed out so far is already marked done
     * @throws ObjectUnavailableException if the owner is gone
     */
    public void taskDone() {
        backend.taskDone();
    }

    /**
     * Waits until every item put has been got and marked done: Python's {@code join()}. Returns at
     * once if that is so already.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ObjectUnavailableException if the owner is gone (also while waiting)
     */
    public void join() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        backend.join(-1);
    }

    /**
     * Waits at most {@code timeout} until every item put has been got and marked done.
     *
     * @param timeout the longest to wait
     * @return whether all were done before the timeout elapsed
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ObjectUnavailableException if the owner is gone
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return backend.join(nanos);
    }
}
