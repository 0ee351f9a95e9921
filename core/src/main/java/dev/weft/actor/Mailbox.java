package dev.weft.actor;

import java.util.Objects;

/**
 * What kind of mailbox an actor gets: unbounded (the default, as the seed's {@code Queue()}), or
 * bounded with an {@link Overflow} policy; and which {@link DeadLetters} office its undeliverable
 * messages go to. Immutable; one {@code Mailbox} may describe the mailboxes of many actors, each of
 * which gets its own queue.
 *
 * <pre>{@code
 * new Worker(Mailbox.bounded(1_000, Overflow.BLOCK)).start();
 * Actor.spawn(Mailbox.bounded(16, Overflow.DROP_OLDEST).deadLettersTo(office), Supervisor.escalating(), handler);
 * }</pre>
 *
 * <p>An unbounded mailbox is a lock-free linked queue: {@code send} never blocks and costs one
 * small node and one compare-and-set. A bounded one keeps its messages under a lock, so that a full
 * one can wait, refuse or drop; it allocates room as messages arrive, not up front.
 */
public final class Mailbox {
    private static final Mailbox UNBOUNDED = new Mailbox(Integer.MAX_VALUE, null, DeadLetters.global());

    private final int capacity;
    private final Overflow overflow;
    private final DeadLetters deadLetters;

    private Mailbox(int capacity, Overflow overflow, DeadLetters deadLetters) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.deadLetters = deadLetters;
    }

    /** {@return an unbounded mailbox reporting to {@link DeadLetters#global()}: {@code send} never blocks} */
    public static Mailbox unbounded() {
        return UNBOUNDED;
    }

    /**
     * {@return a mailbox that holds at most {@code capacity} messages ({@link Actor#close()}'s end marker
     * does not count, so closing never waits), doing what {@code overflow} says when full}
     *
     * @param capacity the most messages it holds, at least 1
     * @param overflow what a send to a full mailbox does
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     * @throws NullPointerException if {@code overflow} is null
     */
    public static Mailbox bounded(int capacity, Overflow overflow) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return new Mailbox(capacity, Objects.requireNonNull(overflow, "overflow"), DeadLetters.global());
    }

    /**
     * {@return this kind of mailbox, reporting its dead letters to {@code office}}
     *
     * @param office where the messages that can no longer be delivered go
     * @throws NullPointerException if {@code office} is null
     */
    public Mailbox deadLettersTo(DeadLetters office) {
        return new Mailbox(capacity, overflow, Objects.requireNonNull(office, "office"));
    }

    /** {@return whether the mailbox has a capacity} */
    public boolean isBounded() {
        return overflow != null;
    }

    /** {@return the most messages it holds: {@link Integer#MAX_VALUE} if unbounded} */
    public int capacity() {
        return capacity;
    }

    /** {@return what a send does when it is full; {@code null} if it is unbounded} */
    public Overflow overflow() {
        return overflow;
    }

    /** {@return the office its dead letters go to} */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** A fresh queue of this kind, for one actor. */
    MailboxQueue newQueue() {
        return overflow == null ? new LinkedMailboxQueue(this) : new BoundedMailboxQueue(this);
    }

    @Override
    public String toString() {
        return overflow == null ? "Mailbox[unbounded]" : "Mailbox[" + capacity + ", " + overflow + "]";
    }
}
