package dev.weft.process;

/**
 * A shared object (a process {@link Queue}, a {@link Connection} of a {@link Pipe}) can no longer be
 * reached, because the process that owns it is gone: it exited, was killed, or closed its hub. The
 * message names the object and the owner's process id. Every call on such a handle that was
 * waiting, and every later one, throws it; none hangs.
 *
 * <p>Python has no single counterpart: there the same situation shows as a {@code BrokenPipeError},
 * {@code EOFError} or {@code ConnectionRefusedError}, depending on where it is noticed.
 */
public class ObjectUnavailableException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the object and its owner.
     *
     * @param message which object could not be reached, and its owner
     */
    public ObjectUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message}, caused by {@code cause} (the connection's failure).
     *
     * @param message which object could not be reached, and its owner
     * @param cause the connection's failure
     */
    public ObjectUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
