package dev.weft.pubsub;

/**
 * What an exchange delivers to: anything with a {@code send(message)} method, as the Python
 * Cookbook's exchange calls {@code subscriber.send(msg)} on whatever was attached. Actors are
 * subscribers (a message sent to one goes to its mailbox), and so is any lambda, and so is an
 * {@link Exchange} (attaching one exchange to another forwards its messages).
 *
 * <p>An exchange calls {@link #send} on the thread of the exchange's sender, and its
 * {@code send} returns only when every subscriber's has; a subscriber that does slow work should
 * hand the message on (an actor's mailbox does exactly that). If the exchange is sent to from
 * several threads at once, {@code send} may run on several threads at once, so such a subscriber
 * must be thread-safe. Messages sent from one thread arrive in the order they were sent.
 *
 * <p>An exception thrown by {@code send} does not reach the exchange's sender: the exchange counts
 * it, hands it to its error handler and goes on with the next subscriber (see {@link Exchange}).
 *
 * <p>An exchange keeps its subscribers in a set, by {@link Object#equals equals} and
 * {@link Object#hashCode hashCode}; a subscriber that overrides them must keep them stable while
 * it is attached.
 *
 * @param <M> the type of the messages
 */
@FunctionalInterface
public interface Subscriber<M> {
    /**
     * Receives one message. Called by an exchange with a message that is never null.
     *
     * @param message the message
     */
    void send(M message);
}
