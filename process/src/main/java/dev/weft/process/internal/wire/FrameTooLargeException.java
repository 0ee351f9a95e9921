package dev.weft.process.internal.wire;

/**
 * A frame's length prefix is negative or above the maximum frame size, found before anything was
 * allocated for its payload; or a caller tried to send such a frame. Not API.
 */
public final class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * An exception for a frame of {@code size} payload bytes against a limit of {@code limit}.
     *
     * @param size the declared (or attempted) payload length; negative when the prefix was negative
     * @param limit the maximum payload length in force
     */
    public FrameTooLargeException(long size, long limit) {
        super(size < 0
                ? "frame length prefix is negative: " + size + " (the limit is " + limit + " bytes)"
                : "frame of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    /** The declared or attempted payload length, negative when the prefix was negative. */
    public long size() {
        return size;
    }

    /** The maximum payload length that was in force. */
    public long limit() {
        return limit;
    }
}
