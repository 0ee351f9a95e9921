package dev.weft.process.internal.wire;

import java.io.IOException;

/**
 * The bytes received are not a valid frame or a valid encoding: a length prefix out of bounds, an
 * unknown tag, a declared length larger than the bytes that carry it, nesting too deep, a corrupt
 * Java serialization stream. The peer is broken or hostile, so the usual reaction is to close that
 * one connection and keep serving the others. Not API.
 *
 * <p>It is an {@link IOException} because it is reported by the same reads that report a broken
 * socket, and callers handle both by closing the connection.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which says what was wrong and where. */
    public ProtocolException(String message) {
        super(message);
    }

    /** An exception with {@code message} caused by {@code cause} (kept for the stack trace). */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
