package dev.weft.process.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * Writes frames (a 4-byte big-endian payload length, a 1-byte type, the payload) to a blocking
 * channel, batching them: small frames are copied into a direct buffer that goes out in one
 * {@code write} when it fills or on {@link #flush()}; a large payload is not copied but sent with
 * one gathering write together with what is buffered. Not API.
 *
 * <p>A frame written with {@link #write} may sit in the buffer until the next {@link #flush()}, so
 * a sender that waits for a reply must flush first.
 *
 * <p>Not thread-safe: one thread at a time (callers serialize access, typically by having one
 * sending thread per connection). The writer does not own the channel and never closes it.
 */
public final class FrameWriter {
    /** The default maximum payload length: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 << 20;
    /** The default batching buffer size: 64 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 64 << 10;
    /** Bytes before each payload: the length and the type. */
    public static final int HEADER_SIZE = 5;

    private final WritableByteChannel channel;
    private final int maxFrameSize;
    /** Write mode between calls: position = bytes waiting to go out. */
    private final ByteBuffer buffer;
    /** Reused for gathering writes, so a large frame allocates nothing. */
    private final ByteBuffer[] pair = new ByteBuffer[2];

    /**
     * A writer with a 64 KiB buffer and a 64 MiB frame limit.
     *
     * @throws IllegalArgumentException if {@code channel} is a non-blocking selectable channel
     */
    public FrameWriter(WritableByteChannel channel) {
        this(channel, DEFAULT_BUFFER_SIZE, DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * A writer with a buffer of {@code bufferSize} bytes that refuses payloads longer than
     * {@code maxFrameSize} bytes (the peer's reader would refuse them anyway).
     *
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalArgumentException if {@code bufferSize} is below 16, {@code maxFrameSize} is
     *     negative, or {@code channel} is a non-blocking selectable channel (a write could then
     *     send nothing, and this writer would have to spin)
     */
    public FrameWriter(WritableByteChannel channel, int bufferSize, int maxFrameSize) {
        this.channel = Objects.requireNonNull(channel, "channel");
        FrameChannels.checkArguments(channel, bufferSize, maxFrameSize);
        this.maxFrameSize = maxFrameSize;
        this.buffer = ByteBuffer.allocateDirect(bufferSize);
    }

    /** The largest payload this writer sends. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Queues a frame of type {@code type} carrying the bytes of {@code payload} from its position to
     * its limit, and consumes them (the position moves to the limit). Blocks in the channel's
     * {@code write} when the buffer must be emptied first or the payload is large; otherwise the
     * frame waits for {@link #flush()}.
     *
     * @param type the message type, 0 to 255
     * @throws FrameTooLargeException if the payload is longer than {@link #maxFrameSize()}; nothing
     *     is written
     * @throws IllegalArgumentException if {@code type} is out of range
     * @throws IOException if the channel fails; the connection is then unusable, since part of a
     *     frame may have been sent ({@link java.nio.channels.ClosedByInterruptException} if the
     *     thread was interrupted meanwhile)
     */
    public void write(int type, ByteBuffer payload) throws IOException {
        if ((type & ~0xFF) != 0) {
            throw new IllegalArgumentException("frame type must be 0 to 255: " + type);
        }
        int length = payload.remaining();
        if (length > maxFrameSize) {
            throw new FrameTooLargeException(length, maxFrameSize);
        }
        int frame = HEADER_SIZE + length;
        if (frame > buffer.remaining() && (frame <= buffer.capacity() / 4 || buffer.remaining() < HEADER_SIZE)) {
            // A small frame that does not fit: send what is there, then it fits. (Copying a small
            // payload is cheaper than a second buffer in the gathering write.)
            drain();
        }
        buffer.putInt(length).put((byte) type);
        if (length <= buffer.remaining()) {
            buffer.put(payload);
            return;
        }
        // Large payload: header (and whatever was batched) plus the payload in one gathering write.
        buffer.flip();
        pair[0] = buffer;
        pair[1] = payload;
        try {
            if (channel instanceof GatheringByteChannel gathering) {
                while (buffer.hasRemaining() || payload.hasRemaining()) {
                    gathering.write(pair);
                }
            } else {
                writeFully(buffer);
                writeFully(payload);
            }
        } finally {
            pair[0] = null;
            pair[1] = null; // do not keep the caller's payload reachable
            buffer.clear();
        }
    }

    /**
     * Sends every queued frame. Blocks in the channel's {@code write} until all of it is written.
     *
     * @throws IOException if the channel fails
     */
    public void flush() throws IOException {
        drain();
    }

    /** The number of bytes queued and not yet sent. */
    public int buffered() {
        return buffer.position();
    }

    private void drain() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
