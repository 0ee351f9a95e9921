package dev.weft.pubsub;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The subscribers that one {@link Exchange#subscribe} call attached, detached again by
 * {@link #close()}: the Cookbook's {@code with exc.subscribe(*tasks):} as a try-with-resources.
 *
 * <pre>{@code
 * try (Subscription s = exchange.subscribe(taskA, taskB)) {
 *     exchange.send("msg1");        // taskA and taskB get it
 * }
 * exchange.send("msg2");            // they do not
 * }</pre>
 *
 * <p>Thread-safe: {@code close} may be called from any thread, any number of times; only the
 * first call detaches.
 */
public final class Subscription implements AutoCloseable {
    private final Exchange<?> exchange;
    private final Subscriber<?>[] attached;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(Exchange<?> exchange, Subscriber<?>[] attached) {
        this.exchange = exchange;
        this.attached = attached;
    }

    /** {@return the exchange this subscription is on} */
    public Exchange<?> exchange() {
        return exchange;
    }

    /**
     * {@return the subscribers this subscription attached, in order: those given to {@code subscribe} that
     * were not attached already, each once} Unmodifiable.
     */
    public List<Subscriber<?>> subscribers() {
        return List.of(attached);
    }

    /** {@return whether {@link #close()} has been called} */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Detaches, in one step, the subscribers this subscription attached that are still attached;
     * a send on another thread delivers to all of them or to none. Subscribers that were detached
     * meanwhile are skipped without error, and a send already under way may still deliver to the
     * detached ones after this returns (see {@link Exchange}). Only the first call does anything.
     * Never throws and never blocks on a send in progress.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            exchange.detachIfAttached(attached);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + attached.length + " on " + exchange + (closed.get() ? ", closed]" : "]");
    }
}
