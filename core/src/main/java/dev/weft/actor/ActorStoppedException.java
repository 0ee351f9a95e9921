package dev.weft.actor;

/**
 * The actor an {@link Actor#ask asked} message went to had been closed or had stopped, so the
 * message was never handled: it became a {@link DeadLetter} and its reply future failed with this
 * exception. Thrown in the asker's thread by the future's {@code get} (wrapped in an
 * {@link java.util.concurrent.ExecutionException}) or {@code result}.
 */
public class ActorStoppedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one with a message.
     *
     * @param message the detail message, naming the actor
     */
    public ActorStoppedException(String message) {
        super(message);
    }
}
