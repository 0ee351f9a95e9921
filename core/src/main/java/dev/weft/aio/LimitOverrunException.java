package dev.weft.aio;

/**
 * A {@link StreamReader} found no separator within its buffer limit, or found it beyond the
 * limit: Python's {@code asyncio.LimitOverrunError}. After {@link StreamReader#readuntil} the
 * bytes stay in the reader's buffer and can be read with {@link StreamReader#read} or
 * {@link StreamReader#readexactly}; {@link StreamReader#readline} drops them (as Python's does).
 */
public class LimitOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many bytes of the buffer the separator search had looked at. */
    private final int consumed;

    /**
     * Creates the exception.
     *
     * @param message what was exceeded
     * @param consumed how many bytes of the buffer the separator search had looked at
     */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** {@return how many bytes the search had looked at: Python's {@code consumed}} */
    public int consumed() {
        return consumed;
    }
}
