package dev.weft.process;

/**
 * The peer of a connection did not prove that it knows the shared key: Python's
 * {@code multiprocessing.AuthenticationError}. The connection is closed before anything else is
 * read from it.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which says which peer failed and how.
     *
     * @param message which peer failed to authenticate, and how
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
