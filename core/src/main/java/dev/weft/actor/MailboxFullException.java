package dev.weft.actor;

import dev.weft.queue.QueueFullException;

/**
 * A bounded mailbox was full: thrown by {@link Actor#send} and {@link Actor#ask} when the
 * mailbox's policy is {@link Overflow#FAIL} (the message was not taken), and the failure of an
 * asked message's reply future when {@link Overflow#DROP_OLDEST} dropped that message to make room.
 *
 * <p>A mailbox is the seed's {@code Queue}, and a full one raises Python's {@code queue.Full}; so
 * this is a {@link QueueFullException} (an {@link IllegalStateException}).
 */
public class MailboxFullException extends QueueFullException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one with a message.
     *
     * @param message the detail message, naming the actor and the capacity
     */
    public MailboxFullException(String message) {
        super(message);
    }
}
