package dev.weft.process.internal.wire;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A byte buffer that grows as a {@link Codec} encodes into it, reusable across messages with
 * {@link #clear()}. Backed by a heap array so that strings and byte arrays go in with one copy.
 * Not API.
 *
 * <p>Not thread-safe: one thread at a time (a sender typically owns one).
 */
public final class GrowableBuffer {
    /** Arrays a little short of {@code Integer.MAX_VALUE} are the largest every JVM can allocate. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private ByteBuffer buffer;

    /** An empty buffer with room for 256 bytes before it first grows. */
    public GrowableBuffer() {
        this(256);
    }

    /**
     * An empty buffer with room for {@code initialCapacity} bytes before it first grows.
     *
     * @throws IllegalArgumentException if {@code initialCapacity} is negative
     */
    public GrowableBuffer(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative: " + initialCapacity);
        }
        buffer = ByteBuffer.allocate(initialCapacity);
    }

    /** Forgets the contents, keeping the memory for the next message. */
    public void clear() {
        buffer.clear();
    }

    /** The number of bytes written since the last {@link #clear()}. */
    public int size() {
        return buffer.position();
    }

    /**
     * A new read view of the bytes written so far (position 0, limit {@link #size()}). The view
     * shares memory with this buffer, so it is valid until the next write or {@link #clear()}.
     */
    public ByteBuffer contents() {
        return buffer.duplicate().flip();
    }

    /**
     * The underlying buffer, in write mode, with at least {@code bytes} bytes remaining; it may be
     * a new buffer, so callers must not keep it across calls.
     *
     * @throws IllegalStateException if the contents would pass about 2 GiB
     */
    /** Appends {@code value}, 8 bytes big-endian: for fixed-width frame headers. */
    public void writeLong(long value) {
        ensure(Long.BYTES).putLong(value);
    }

    /** Appends the bytes of {@code bytes} from its position to its limit; its position is unchanged. */
    public void write(ByteBuffer bytes) {
        ensure(bytes.remaining()).put(bytes.duplicate());
    }

    /** Appends {@code value}, 4 bytes big-endian. */
    public void writeInt(int value) {
        ensure(Integer.BYTES).putInt(value);
    }

    ByteBuffer ensure(int bytes) {
        if (buffer.remaining() >= bytes) {
            return buffer;
        }
        long needed = (long) buffer.position() + bytes;
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("encoding would exceed " + MAX_CAPACITY + " bytes");
        }
        // Doubling keeps the amortized cost of a byte constant.
        long grown = Math.max(needed, Math.min((long) MAX_CAPACITY, Math.max(64L, buffer.capacity() * 2L)));
        ByteBuffer bigger = ByteBuffer.allocate((int) grown);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        return buffer;
    }

    /** Drops everything written after the first {@code size} bytes (undoes a failed encode). */
    void truncate(int size) {
        buffer.position(size);
    }

    /** Skips {@code bytes} bytes, to be filled in later, and returns the position where they start. */
    int reserve(int bytes) {
        ByteBuffer b = ensure(bytes);
        int at = b.position();
        b.position(at + bytes);
        return at;
    }

    /** An output stream that appends to this buffer, for Java serialization. */
    OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                ensure(1).put((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                ensure(len).put(b, off, len);
            }
        };
    }
}
