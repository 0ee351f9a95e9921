package dev.weft.subprocess.internal;

import dev.weft.subprocess.SubprocessException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes read from one of a child's output pipes: chunks that grow geometrically (so a gigabyte
 * costs a few dozen allocations, not a copy per doubling), joined once when asked for and kept
 * joined. Thread-safe: a reader thread may append while another thread takes a snapshot. Not API.
 */
public final class OutputBuffer {
    private static final int FIRST_CHUNK = 64 * 1024;
    private static final int LARGEST_CHUNK = 16 * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final String name;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = EMPTY;
    private int used;
    private long size;
    private byte[] joined = EMPTY;

    /** @param name what the bytes are, for messages: {@code "stdout of pid 42"} */
    public OutputBuffer(String name) {
        this.name = name;
    }

    /** What the bytes are, as given. */
    public String name() {
        return name;
    }

    /**
     * The array to read into next, with at least one free byte from {@link #writeOffset()}: for a
     * reader that reads straight into the buffer. {@link #bytes()} moves chunks, so this,
     * {@link #writeOffset()} and {@link #advance} must not interleave with it; a reader that runs
     * beside other threads taking snapshots uses {@link #append} instead.
     */
    public synchronized byte[] writeArray() {
        if (used == current.length) {
            if (current.length > 0) {
                full.add(current);
            }
            current = new byte[current.length == 0 ? FIRST_CHUNK : Math.min(current.length * 2, LARGEST_CHUNK)];
            used = 0;
        }
        return current;
    }

    /** Where in {@link #writeArray()} the next bytes go. */
    public synchronized int writeOffset() {
        return used;
    }

    /** Records that {@code n} bytes were read into {@link #writeArray()} at {@link #writeOffset()}. */
    public synchronized void advance(int n) {
        used += n;
        size += n;
    }

    /** Appends {@code n} bytes of {@code bytes} from {@code off}. */
    public synchronized void append(byte[] bytes, int off, int n) {
        while (n > 0) {
            byte[] into = writeArray();
            int k = Math.min(n, into.length - used);
            System.arraycopy(bytes, off, into, used, k);
            advance(k);
            off += k;
            n -= k;
        }
    }

    /** How many bytes have been read. */
    public synchronized long size() {
        return size;
    }

    /**
     * Everything read so far as one array, which the caller must not change. Joins the chunks
     * only when new bytes came since the last call; a single full chunk is returned as is.
     *
     * @throws SubprocessException if the output is larger than one Java array can hold
     */
    public synchronized byte[] bytes() {
        if (joined.length == size) {
            return joined;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new SubprocessException(name + " holds " + size + " bytes, more than one Java array can; read the stream instead");
        }
        if (full.isEmpty() && used == current.length) {
            joined = current;
            return joined;
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        System.arraycopy(current, 0, all, at, used);
        // Keep the joined array as the only full chunk, so the next join copies only what is new.
        full.clear();
        full.add(all);
        current = EMPTY;
        used = 0;
        joined = all;
        return joined;
    }

    @Override
    public synchronized String toString() {
        return name + ": " + size + " bytes";
    }
}
