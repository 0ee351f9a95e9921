package dev.weft.actor;

/**
 * Raised by {@link Actor#recv()} once the actor has taken every message sent before
 * {@link Actor#close()}: the Cookbook's {@code ActorExit}, the sentinel that ends an actor's
 * {@code run()}.
 *
 * <p>{@code run()} is expected to let it pass (its {@code finally} blocks run as it unwinds); the
 * actor then stops normally, not as a failure, and its supervisor is not involved. A {@code run()}
 * that catches it and calls {@code recv()} again gets it again at once: a closed actor has nothing
 * more to receive.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, for the reason {@link
 * dev.weft.gen.GeneratorExit} is one: a {@code catch (Exception e)} around a message's handling
 * must not swallow the end of the actor. It carries no stack trace: it is a signal.
 */
public class ActorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Makes one with the message "actor closed". */
    public ActorExit() {
        this("actor closed");
    }

    /**
     * Makes one with a message.
     *
     * @param message the detail message
     */
    public ActorExit(String message) {
        super(message, null, true, false);
    }
}
