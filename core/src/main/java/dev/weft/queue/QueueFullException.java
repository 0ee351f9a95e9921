package dev.weft.queue;

/**
 * Python's {@code queue.Full}: a non-blocking or timed put found the queue at its maxsize. An
 * {@link IllegalStateException}, so it is also what {@code Collection.add} throws on a full
 * {@link WorkQueue}, as the {@code BlockingQueue} contract asks.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying which queue was full.
     *
     * @param message what was full
     */
    public QueueFullException(String message) {
        super(message);
    }
}
