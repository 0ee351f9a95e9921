package dev.weft.actor;

/**
 * The sender was interrupted while {@link Actor#send(Object)} (or {@link Actor#ask}) waited for
 * room in a full bounded mailbox whose policy is {@link Overflow#BLOCK}. The message was not taken:
 * the caller still holds it, and it is not a dead letter.
 *
 * <p>{@code send} is the {@link dev.weft.pubsub.Subscriber} method and cannot throw the checked
 * {@link InterruptedException}; this exception carries one as its cause, and the thread's interrupt
 * status is set again before it is thrown, so code further up still sees the interrupt. The timed
 * {@link Actor#send(Object, java.time.Duration)} throws {@code InterruptedException} itself.
 */
public class SendInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one with a message and the interrupt as its cause.
     *
     * @param message the detail message, naming the actor
     * @param cause the interrupt
     */
    public SendInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
