package dev.weft.actor;

/**
 * What {@link Actor#send} does when a bounded {@link Mailbox} is full.
 */
public enum Overflow {
    /**
     * The sender waits until the actor takes a message and makes room, as Python's
     * {@code Queue.put} on a full queue. {@link Actor#send(Object, java.time.Duration)} waits at
     * most its timeout. If the actor stops while the sender waits, the message becomes a dead
     * letter and the sender returns.
     */
    BLOCK,
    /**
     * The sender gets a {@link MailboxFullException} at once, as Python's {@code put_nowait} raises
     * {@code queue.Full}; the message is not taken (and is not a dead letter: the sender still has
     * it).
     */
    FAIL,
    /**
     * The oldest message waiting in the mailbox is dropped to make room, and becomes a
     * {@link DeadLetter} with reason {@link DeadLetter.Reason#DROPPED}; the sender never waits. Good
     * for a stream of readings where only the latest ones matter.
     */
    DROP_OLDEST
}
