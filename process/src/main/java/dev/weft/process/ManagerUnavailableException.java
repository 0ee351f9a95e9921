package dev.weft.process;

/**
 * A {@link Manager}'s server can no longer be reached: it was shut down, its process exited or was
 * killed, or the connection to it failed. Every call on a proxy of that manager that was waiting,
 * and every later one, throws it at once; none hangs. The message names the manager's address and
 * process id and the object the call was on.
 *
 * <p>In Python the same situation shows as an {@code EOFError}, {@code BrokenPipeError} or
 * {@code ConnectionRefusedError} from the proxy, depending on where it is noticed.
 */
public class ManagerUnavailableException extends ObjectUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the manager and the object.
     *
     * @param message which manager and object could not be reached
     */
    public ManagerUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message}, caused by {@code cause} (the connection's failure).
     *
     * @param message which manager and object could not be reached
     * @param cause the connection's failure
     */
    public ManagerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
