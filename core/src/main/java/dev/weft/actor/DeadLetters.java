package dev.weft.actor;

import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscriber;
import dev.weft.pubsub.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where dead letters go: an office that counts every {@link DeadLetter}, keeps the most recent
 * ones, and shows each to its subscribers. Every mailbox reports to one office, the
 * {@linkplain #global() global} one unless its {@link Mailbox} names another (an application, or a
 * test, can give a group of actors an office of its own).
 *
 * <pre>{@code
 * try (var s = DeadLetters.global().subscribe(d -> log.warn("undelivered: " + d))) {
 *     ...
 * }
 * long lost = DeadLetters.global().count();
 * }</pre>
 *
 * <p>Subscribers run on the thread that made the letter dead: the sender's for a message sent to
 * a stopped actor or dropped from a full mailbox, the actor's own for messages left in its mailbox
 * when it stopped. They should be quick; what one throws is logged ({@code System.Logger}
 * "dev.weft.actor", WARNING) and does not stop the others. Thread-safe; no method blocks except
 * briefly on the lock that guards the recent list.
 *
 * <p>Memory visibility: the actions of a thread before it made a letter dead happen-before a
 * subscriber's handling of it in that same thread, and before another thread's reading of it from
 * {@link #recent()}.
 */
public final class DeadLetters {
    private static final DeadLetters GLOBAL = new DeadLetters();

    /** How many recent letters an office keeps unless told otherwise. */
    public static final int DEFAULT_RECENT = 100;

    private final LongAdder count = new LongAdder();
    /** The listeners: an exchange, which isolates and reports a listener's failure. */
    private final Exchange<DeadLetter> listeners = new Exchange<>();
    private final DeadLetter[] recent;
    /** Letters ever added to {@link #recent}; guarded by {@code recent}. */
    private long added;

    /** Makes an office that keeps the {@value #DEFAULT_RECENT} most recent letters. */
    public DeadLetters() {
        this(DEFAULT_RECENT);
    }

    /**
     * Makes an office that keeps the {@code recentCapacity} most recent letters.
     *
     * @param recentCapacity how many recent letters {@link #recent()} returns at most; 0 keeps none
     * @throws IllegalArgumentException if {@code recentCapacity} is negative
     */
    public DeadLetters(int recentCapacity) {
        if (recentCapacity < 0) {
            throw new IllegalArgumentException("recentCapacity must not be negative: " + recentCapacity);
        }
        this.recent = new DeadLetter[recentCapacity];
    }

    /** {@return the office of every mailbox that does not name another} */
    public static DeadLetters global() {
        return GLOBAL;
    }

    /** {@return how many dead letters this office has received} Never blocks. */
    public long count() {
        return count.sum();
    }

    /**
     * The most recent dead letters, oldest first: at most the capacity given at construction.
     *
     * @return a snapshot; later letters do not change it
     */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            int n = (int) Math.min(added, recent.length);
            List<DeadLetter> out = new ArrayList<>(n);
            for (long i = added - n; i < added; i++) {
                out.add(recent[(int) (i % recent.length)]);
            }
            return out;
        }
    }

    /**
     * Adds a listener that is shown every later dead letter, on the thread that made it dead.
     *
     * @param listener what to call with each letter
     * @return the subscription; close it to remove the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public Subscription subscribe(Subscriber<? super DeadLetter> listener) {
        Objects.requireNonNull(listener, "listener");
        return listeners.subscribe(listener);
    }

    /** Counts, keeps and shows one dead letter. */
    void post(DeadLetter letter) {
        count.increment();
        if (recent.length > 0) {
            synchronized (recent) {
                recent[(int) (added % recent.length)] = letter;
                added++;
            }
        }
        listeners.send(letter); // a failing listener is reported by the exchange and skipped
    }

    @Override
    public String toString() {
        return (this == GLOBAL ? "DeadLetters[global, " : "DeadLetters[") + count() + " letters]";
    }
}
