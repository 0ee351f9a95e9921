package dev.weft.process;

/**
 * The base of Weft's process errors: Python's {@code multiprocessing.ProcessError}. Each subclass
 * names one thing that went wrong (a worker died, a peer failed to authenticate, a pool broke).
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message what went wrong
     */
    public ProcessException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message}, caused by {@code cause}.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
