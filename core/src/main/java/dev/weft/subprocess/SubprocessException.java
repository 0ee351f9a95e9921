package dev.weft.subprocess;

/**
 * The base of every exception that {@code dev.weft.subprocess} throws about a child process, as
 * Python's {@code subprocess.SubprocessError}. Catch it to handle any of them.
 */
public class SubprocessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying what failed.
     *
     * @param message what failed
     */
    public SubprocessException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message saying what failed, and its cause.
     *
     * @param message what failed
     * @param cause the underlying error
     */
    public SubprocessException(String message, Throwable cause) {
        super(message, cause);
    }
}
