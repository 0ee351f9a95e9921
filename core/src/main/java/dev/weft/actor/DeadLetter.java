package dev.weft.actor;

import java.util.Objects;

/**
 * A message that no actor will handle: sent to an actor that was closed or had stopped, left in
 * an actor's mailbox when it stopped, or dropped from a full mailbox. Nothing is lost silently:
 * each one is counted and shown to the {@link DeadLetters} office of the recipient's
 * {@link Mailbox}.
 *
 * @param recipient the actor the message was sent to
 * @param message the message (for an asked message, the message itself, not its reply handle)
 * @param reason why it was not delivered
 */
public record DeadLetter(Actor<?> recipient, Object message, Reason reason) {

    /** Why a message became a dead letter. */
    public enum Reason {
        /** Sent (or asked) after the actor was {@linkplain Actor#close() closed} or had stopped. */
        CLOSED,
        /** Still in the mailbox when the actor stopped (it returned, failed, or was closed). */
        STOPPED,
        /** The oldest message of a full mailbox with policy {@link Overflow#DROP_OLDEST}. */
        DROPPED
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException if any component is null
     */
    public DeadLetter {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }
}
