package dev.weft.subprocess;

/**
 * The base of every exception that {@code dev.weft.subprocess} throws about a child process, as
 * Python's {@code subprocess.SubprocessError}. Catch it to handle any of them.
 */
public class SubprocessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubprocessException(String message) {
        super(message);
    }

    public SubprocessException(String message, Throwable cause) {
        super(message, cause);
    }
}
