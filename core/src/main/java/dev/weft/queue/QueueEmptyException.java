package dev.weft.queue;

import java.util.NoSuchElementException;

/**
 * Python's {@code queue.Empty}: a non-blocking or timed get found no item. A
 * {@link NoSuchElementException}, so it is also what {@code Queue.remove()} and
 * {@code element()} throw on an empty {@link WorkQueue}.
 */
public class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying which queue was empty.
     *
     * @param message what was empty
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
