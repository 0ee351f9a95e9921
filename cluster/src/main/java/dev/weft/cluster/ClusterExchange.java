package dev.weft.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscriber;
import dev.weft.pubsub.Subscription;
import java.util.Objects;
import java.util.UUID;

/**
 * An exchange whose messages reach subscribers in every process of a cluster: the Python
 * Cookbook's exchange (Weft's {@link Exchange}) over a Hazelcast topic. Made by
 * {@link Cluster#exchange(String)}.
 *
 * <pre>{@code
 * ClusterExchange<String> news = cluster.exchange("news");
 * try (Subscription s = news.subscribe(actor)) {     // this process's subscriber
 *     news.send("hello");                            // every process's subscribers get it
 * }
 * }</pre>
 *
 * <p>Each view fans messages out to its own subscribers through a local {@link Exchange}
 * ({@link #local()}): a message {@link #send sent} in any process is published on the topic,
 * and every view of the topic, here and on the other members and clients, delivers it to its
 * subscribers, one message at a time on a Hazelcast event thread. A subscriber that throws is
 * reported by the local exchange's error handler, as in {@code Exchange}.
 *
 * <p><b>Delivery, honestly.</b> Messages from one process arrive in the order it sent them. A
 * message reaches the views that exist when it is published; one published while a process is
 * joining, or in flight when a member dies, may be missed: a topic keeps no history. For messages
 * that must not be lost, use a {@link ClusterQueue}.
 *
 * <p>{@link #close()} stops this view's delivery (its subscribers get nothing more); the topic and
 * the other views go on.
 *
 * @param <M> the type of the messages, serializable
 */
public final class ClusterExchange<M> implements Subscriber<M>, AutoCloseable {
    private final ITopic<M> topic;
    private final Exchange<M> local = new Exchange<>();
    private final UUID listener;

    ClusterExchange(HazelcastInstance hz, String name) {
        this.topic = hz.getTopic(name);
        this.listener = topic.addMessageListener(message -> local.send(message.getMessageObject()));
    }

    /**
     * Publishes {@code message} to every view of this exchange in the cluster. Returns once it is
     * handed to the cluster, without waiting for delivery.
     *
     * @param message the message, serializable
     * @throws NullPointerException if {@code message} is null
     */
    @Override
    public void send(M message) {
        topic.publish(Objects.requireNonNull(message, "message"));
    }

    /**
     * Attaches {@code subscriber} to this view: it gets every message published from now on.
     *
     * @param subscriber the subscriber
     * @return {@code true} if it was not attached already
     */
    public boolean attach(Subscriber<? super M> subscriber) {
        return local.attach(subscriber);
    }

    /**
     * Detaches {@code subscriber} from this view.
     *
     * @param subscriber the subscriber
     * @throws dev.weft.pubsub.SubscriberNotAttachedException if it is not attached
     */
    public void detach(Subscriber<? super M> subscriber) {
        local.detach(subscriber);
    }

    /**
     * Attaches {@code subscribers} until the returned subscription is closed: the Cookbook's
     * {@code with exc.subscribe(*tasks):}.
     *
     * @param subscribers the subscribers
     * @return the subscription that detaches them
     */
    @SafeVarargs
    public final Subscription subscribe(Subscriber<? super M>... subscribers) {
        return local.subscribe(subscribers);
    }

    /**
     * The local exchange that delivers this view's messages: its subscribers, error handler and
     * error count.
     *
     * @return the local exchange
     */
    public Exchange<M> local() {
        return local;
    }

    /**
     * The exchange's name.
     *
     * @return the topic's name in the cluster
     */
    public String name() {
        return topic.getName();
    }

    /** Stops delivering to this view's subscribers. Idempotent; never blocks for long. */
    @Override
    public void close() {
        try {
            topic.removeMessageListener(listener);
        } catch (com.hazelcast.core.HazelcastInstanceNotActiveException ignored) {
            // left the cluster: nothing is delivered anyway
        }
    }

    @Override
    public String toString() {
        return "ClusterExchange[" + name() + ", subscribers=" + local.subscriberCount() + "]";
    }
}
