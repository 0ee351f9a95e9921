package dev.weft.pubsub;

import java.util.NoSuchElementException;

/**
 * {@link Exchange#detach} of a subscriber that is not attached to that exchange: Python's
 * {@code KeyError} from the Cookbook's {@code self._subscribers.remove(task)}. It is a
 * {@link NoSuchElementException}, what Java throws for a missing element.
 *
 * <p>The usual cause is a lambda or method reference evaluated twice: {@code this::onMessage}
 * makes a new object each time, so the one given to {@code detach} is not the one attached.
 */
public class SubscriberNotAttachedException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the subscriber and the exchange.
     *
     * @param message what was detached, from where
     */
    public SubscriberNotAttachedException(String message) {
        super(message);
    }
}
