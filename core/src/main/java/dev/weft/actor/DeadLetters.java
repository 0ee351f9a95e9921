package dev.weft.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

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
    private static final System.Logger LOG = System.getLogger("dev.weft.actor");
    private static final DeadLetters GLOBAL = new DeadLetters();

    /** How many recent letters an office keeps unless told otherwise. */
    public static final int DEFAULT_RECENT = 100;

    /** A subscription to an office; closing it stops the deliveries to its listener. */
    public interface Subscription extends AutoCloseable {
        /** Removes the listener; idempotent. Deliveries already under way may still arrive. */
        @Override
        void close();
    }

    private final LongAdder count = new LongAdder();
    private final CopyOnWriteArrayList<Consumer<? super DeadLetter>> listeners = new CopyOnWriteArrayList<>();
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

    /** The office of every mailbox that does not name another. */
    public static DeadLetters global() {
        return GLOBAL;
    }

    /** How many dead letters this office has received. Never blocks. */
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
    public Subscription subscribe(Consumer<? super DeadLetter> listener) {
        Objects.requireNonNull(listener, "listener");
        // Wrapped, so that the same listener subscribed twice is removed once per close.
        Consumer<? super DeadLetter> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
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
        for (Consumer<? super DeadLetter> l : listeners) {
            try {
                l.accept(letter);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "dead-letter listener failed on " + letter, t);
            }
        }
    }

    @Override
    public String toString() {
        return (this == GLOBAL ? "DeadLetters[global, " : "DeadLetters[") + count() + " letters]";
    }
}
