package dev.weft.process.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * Reads frames (a 4-byte big-endian payload length, a 1-byte type, the payload) from a channel
 * through one reusable buffer: with {@link #next()} from a blocking channel, or with {@link #poll()}
 * from a non-blocking one (a reader made by {@link #polling}). Not API.
 *
 * <p>Use: {@code for (int type; (type = reader.next()) != FrameReader.END_OF_STREAM; )
 * handle(type, reader.payload());}. The type comes back from {@link #next()} and the payload from
 * {@link #payload()} rather than in a new object, so that reading a frame allocates nothing unless
 * its payload is larger than the buffer (then a buffer of exactly that size is allocated).
 *
 * <p>The length prefix is checked against the maximum frame size as soon as it is read, before any
 * allocation: this is what bounds the memory an unauthenticated peer can make the receiver use.
 *
 * <p>Not thread-safe: one thread at a time. The reader does not own the channel and never closes
 * it. After any exception the stream is out of step and the connection should be closed.
 */
public final class FrameReader {
    /** What {@link #next()} returns when the stream ended cleanly, between two frames. */
    public static final int END_OF_STREAM = -1;
    /** What {@link #poll()} returns when no whole frame has arrived yet. */
    public static final int NO_FRAME = -2;

    private final ReadableByteChannel channel;
    private final int maxFrameSize;
    /** Read mode between calls: bytes from position to limit are received and not yet consumed. */
    private final ByteBuffer buffer;
    /** A view of {@link #buffer}, re-pointed at each small payload instead of slicing a new one. */
    private final ByteBuffer view;
    private ByteBuffer payload;
    private int type = END_OF_STREAM;
    /** Whether this reader polls a non-blocking channel ({@link #poll()}) rather than blocking in it. */
    private final boolean polling;
    /** For {@link #poll()}: the length of the frame whose header is consumed and payload not yet whole, or -1. */
    private int partLength = -1;
    private int partType;
    /** For {@link #poll()}: the payload being filled of a frame larger than the buffer. */
    private ByteBuffer partLarge;

    /**
     * A reader with a 64 KiB buffer and a 64 MiB frame limit.
     *
     * @throws IllegalArgumentException if {@code channel} is a non-blocking selectable channel
     */
    public FrameReader(ReadableByteChannel channel) {
        this(channel, FrameWriter.DEFAULT_BUFFER_SIZE, FrameWriter.DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * A reader with a buffer of {@code bufferSize} bytes that refuses frames whose payload is
     * longer than {@code maxFrameSize} bytes.
     *
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalArgumentException if {@code bufferSize} is below 16, {@code maxFrameSize} is
     *     negative, or {@code channel} is a non-blocking selectable channel
     */
    public FrameReader(ReadableByteChannel channel, int bufferSize, int maxFrameSize) {
        this(channel, bufferSize, maxFrameSize, false);
        FrameChannels.checkArguments(channel, bufferSize, maxFrameSize);
    }

    private FrameReader(ReadableByteChannel channel, int bufferSize, int maxFrameSize, boolean polling) {
        this.channel = Objects.requireNonNull(channel, "channel");
        FrameChannels.checkSizes(bufferSize, maxFrameSize);
        this.maxFrameSize = maxFrameSize;
        this.polling = polling;
        this.buffer = ByteBuffer.allocateDirect(bufferSize).flip(); // empty, in read mode
        this.view = buffer.duplicate();
    }

    /**
     * A reader of a non-blocking channel, used with {@link #poll()}: it takes what has arrived and
     * never waits, so that the caller decides how to wait (spin, select) and which thread reads.
     *
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalArgumentException if {@code bufferSize} is below 16, {@code maxFrameSize} is
     *     negative, or {@code channel} is a blocking channel (a poll would then block)
     */
    public static FrameReader polling(SelectableChannel channel, int bufferSize, int maxFrameSize) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in non-blocking mode");
        }
        return new FrameReader((ReadableByteChannel) channel, bufferSize, maxFrameSize, true);
    }

    /** The largest payload this reader accepts. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Reads the next frame and returns its type (0 to 255), its payload then being available from
     * {@link #payload()}. Blocks in the channel's {@code read} until the whole frame has arrived.
     *
     * @return the frame's type, or {@link #END_OF_STREAM} if the stream ended exactly between two
     *     frames (the peer closed its end cleanly)
     * @throws FrameTooLargeException if the length prefix is negative or above
     *     {@link #maxFrameSize()}; thrown as soon as the 5-byte header is in, before anything is
     *     allocated or any more is read
     * @throws EOFException if the stream ended inside a frame's header or payload
     * @throws IOException if the channel fails ({@link java.nio.channels.ClosedByInterruptException}
     *     if the thread was interrupted meanwhile)
     */
    public int next() throws IOException {
        if (polling) {
            throw new IllegalStateException("a polling reader reads with poll()");
        }
        payload = null;
        type = END_OF_STREAM;
        if (!fill(FrameWriter.HEADER_SIZE)) {
            if (buffer.hasRemaining()) {
                throw new EOFException("truncated frame header: expected " + FrameWriter.HEADER_SIZE
                        + " bytes, got " + buffer.remaining());
            }
            return END_OF_STREAM;
        }
        int length = buffer.getInt();
        int frameType = buffer.get() & 0xFF;
        if (length < 0 || length > maxFrameSize) {
            throw new FrameTooLargeException(length, maxFrameSize);
        }
        if (length <= buffer.capacity()) {
            if (!fill(length)) {
                throw truncated(length, buffer.remaining());
            }
            int start = buffer.position();
            view.limit(start + length).position(start);
            buffer.position(start + length);
            payload = view;
        } else {
            // Larger than the buffer: the one allocation, exactly the payload's size, read into directly.
            ByteBuffer large = ByteBuffer.allocate(length);
            large.put(buffer);
            while (large.hasRemaining()) {
                if (channel.read(large) < 0) {
                    throw truncated(length, large.position());
                }
            }
            payload = large.flip();
        }
        type = frameType;
        return frameType;
    }

    /**
     * Takes what has arrived on the non-blocking channel and returns the next frame's type if it is
     * whole (its payload then available from {@link #payload()}), without ever waiting: a frame that
     * has partly arrived is kept and completed by later polls. For a reader made by {@link #polling}.
     *
     * @return the frame's type, {@link #NO_FRAME} if no whole frame has arrived yet, or
     *     {@link #END_OF_STREAM} if the stream ended exactly between two frames
     * @throws FrameTooLargeException as {@link #next()} does, as soon as the header is in
     * @throws EOFException if the stream ended inside a frame
     * @throws IOException if the channel fails
     * @throws IllegalStateException if this reader was not made by {@link #polling}
     */
    public int poll() throws IOException {
        if (!polling) {
            throw new IllegalStateException("a blocking reader reads with next()");
        }
        payload = null;
        type = END_OF_STREAM;
        if (partLength < 0) {
            int got = fillNow(FrameWriter.HEADER_SIZE);
            if (got == 0) {
                return NO_FRAME;
            }
            if (got < 0) {
                if (buffer.hasRemaining()) {
                    throw new EOFException("truncated frame header: expected " + FrameWriter.HEADER_SIZE
                            + " bytes, got " + buffer.remaining());
                }
                return END_OF_STREAM;
            }
            int length = buffer.getInt();
            partType = buffer.get() & 0xFF;
            if (length < 0 || length > maxFrameSize) {
                throw new FrameTooLargeException(length, maxFrameSize);
            }
            partLength = length;
            if (length > buffer.capacity()) {
                partLarge = ByteBuffer.allocate(length); // the one allocation, as in next()
                partLarge.put(buffer); // all of it: less than the payload is buffered
            }
        }
        if (partLarge != null) {
            while (partLarge.hasRemaining()) {
                int n = channel.read(partLarge);
                if (n < 0) {
                    throw truncated(partLength, partLarge.position());
                }
                if (n == 0) {
                    return NO_FRAME;
                }
            }
            payload = partLarge.flip();
            partLarge = null;
        } else {
            int got = fillNow(partLength);
            if (got == 0) {
                return NO_FRAME;
            }
            if (got < 0) {
                throw truncated(partLength, buffer.remaining());
            }
            int start = buffer.position();
            view.limit(start + partLength).position(start);
            buffer.position(start + partLength);
            payload = view;
        }
        partLength = -1;
        type = partType;
        return type;
    }

    /**
     * The payload of the frame last returned by {@link #next()}, from position to limit (empty for
     * an empty payload). It may share memory with this reader's buffer: it is valid only until the
     * next call to {@code next()}, so decode or copy it first.
     *
     * @throws IllegalStateException if the last {@code next()} returned no frame or threw
     */
    public ByteBuffer payload() {
        if (payload == null) {
            throw new IllegalStateException("no current frame");
        }
        return payload;
    }

    /**
     * Whether a whole frame is already in this reader's buffer, so that {@link #next()} returns it
     * without reading from the channel (a frame larger than the buffer never counts). Lets a
     * caller batch its reactions to frames that arrived together and act once before it would block.
     */
    public boolean hasBufferedFrame() {
        int left = buffer.remaining();
        if (left < FrameWriter.HEADER_SIZE) {
            return false;
        }
        int length = buffer.getInt(buffer.position());
        return length >= 0 && length <= left - FrameWriter.HEADER_SIZE;
    }

    /** The type of the frame last returned by {@link #next()}, or {@link #END_OF_STREAM}. */
    public int type() {
        return type;
    }

    private static EOFException truncated(int expected, int got) {
        return new EOFException("truncated frame: expected " + expected + " bytes of payload, got " + got);
    }

    /**
     * Reads until at least {@code bytes} bytes are unconsumed (at most {@code bytes} <= capacity),
     * compacting first when they would not fit. Returns false if the stream ended first.
     */
    private boolean fill(int bytes) throws IOException {
        int got;
        while ((got = fillNow(bytes)) == 0) {
            // a blocking channel moved nothing this time (rare, but allowed): read again
        }
        return got > 0;
    }

    /**
     * Reads until at least {@code bytes} bytes are unconsumed (at most {@code bytes} <= capacity),
     * compacting first when they would not fit: 1 once they are, 0 if a read brought nothing (a
     * non-blocking channel with nothing more for now), -1 if the stream ended first.
     */
    private int fillNow(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return 1;
        }
        if (buffer.capacity() - buffer.position() < bytes) {
            buffer.compact().flip();
        }
        int position = buffer.position();
        // Read mode to write mode on the free tail, then back; position stays at the unconsumed start.
        buffer.position(buffer.limit()).limit(buffer.capacity());
        try {
            while (buffer.position() - position < bytes) {
                int n = channel.read(buffer);
                if (n <= 0) {
                    return n < 0 ? -1 : 0;
                }
            }
            return 1;
        } finally {
            buffer.limit(buffer.position()).position(position);
        }
    }
}
