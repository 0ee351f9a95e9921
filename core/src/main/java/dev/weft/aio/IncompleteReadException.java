package dev.weft.aio;

import java.util.OptionalInt;

/**
 * End-of-file came before a {@link StreamReader} could return what was asked:
 * {@link StreamReader#readexactly} before {@code n} bytes, or {@link StreamReader#readuntil}
 * before the separator. Python's {@code asyncio.IncompleteReadError}. The bytes that were read
 * are in {@link #partial()}; they are no longer in the reader.
 */
public class IncompleteReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The bytes read before end-of-file. */
    private final byte[] partial;
    /** How many bytes were asked for, or -1 when a separator was. */
    private final int expected;

    /**
     * Creates the exception, with a message saying how many bytes were read of how many.
     *
     * @param partial the bytes read before end-of-file (kept, not copied)
     * @param expected how many bytes were asked for, or -1 when a separator was
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of "
                + (expected < 0 ? "undefined" : Integer.toString(expected)) + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** {@return the bytes read before end-of-file: Python's {@code partial}} Not a copy. */
    public byte[] partial() {
        return partial;
    }

    /**
     * {@return how many bytes were asked for, or empty for a read up to a separator: Python's
     * {@code expected}}
     */
    public OptionalInt expected() {
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }
}
