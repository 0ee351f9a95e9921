package dev.weft.actor;

import java.util.List;

/**
 * One actor's queue of messages: many senders, one receiver (the actor's thread). Parking and
 * waking the receiver is the actor's business; the queue only holds messages, refuses them once
 * closed, and (bounded) makes senders wait, fail or drop. Not API.
 */
abstract sealed class MailboxQueue permits LinkedMailboxQueue, BoundedMailboxQueue {
    /** What {@link #offer} returns when the message is in the queue. */
    static final Object ACCEPTED = new Object();
    /** What {@link #offer} returns when the queue is closed: the message was not taken. */
    static final Object REJECTED = new Object();
    /** What {@link #offer} returns when a timed wait for room ended: the message was not taken. */
    static final Object TIMED_OUT = new Object();

    final Mailbox kind;

    MailboxQueue(Mailbox kind) {
        this.kind = kind;
    }

    /**
     * Adds a message at the tail.
     *
     * @param nanos how long a BLOCK mailbox waits for room: negative for as long as it takes
     * @return {@link #ACCEPTED}, {@link #REJECTED}, {@link #TIMED_OUT}, or (DROP_OLDEST) the message
     *     dropped to make room, after this one was accepted
     * @throws MailboxFullException if full with policy FAIL (the owner's name is filled in by the
     *     caller)
     * @throws InterruptedException if interrupted while waiting for room
     */
    abstract Object offer(Object message, long nanos) throws InterruptedException;

    /** Adds a control item that does not count against the capacity; false if closed. */
    abstract boolean offerControl(Object item);

    /** Takes the head, or returns null if there is none yet. Receiver only. */
    abstract Object poll();

    /** Whether the queue may hold something; exact only when no receiver runs yet. */
    abstract boolean maybeNonEmpty();

    /**
     * Closes the queue for good (later offers are {@link #REJECTED}, waiting senders are woken) and
     * returns what it still held, oldest first. Receiver only.
     */
    abstract List<Object> close();
}
