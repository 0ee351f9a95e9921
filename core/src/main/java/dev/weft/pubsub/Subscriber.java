package dev.weft.pubsub;

/**
 * What an exchange delivers to: anything with a {@code send(message)} method, as the Python
 * Cookbook's exchange calls {@code subscriber.send(msg)} on whatever was attached. Actors are
 * subscribers (a message sent to one goes to its mailbox), and so is any lambda.
 *
 * <p>An exchange calls {@link #send} on the thread of the exchange's sender; a subscriber that
 * does slow work should hand the message on (an actor's mailbox does exactly that).
 *
 * @param <M> the type of the messages
 */
@FunctionalInterface
public interface Subscriber<M> {
    /** Receives one message. */
    void send(M message);
}
