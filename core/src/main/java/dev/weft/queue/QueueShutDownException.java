package dev.weft.queue;

/**
 * Python 3.13's {@code queue.ShutDown}: a put on a queue that was shut down, or a get on one that
 * was shut down and has no items left. Threads blocked in such calls when
 * {@link WorkQueue#shutdown(boolean)} is called get it too, so none waits forever on a queue
 * nobody will feed.
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying which queue was shut down.
     *
     * @param message what was shut down
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}
