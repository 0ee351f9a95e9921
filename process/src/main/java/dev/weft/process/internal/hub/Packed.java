package dev.weft.process.internal.hub;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Several byte strings in one body, each as a 4-byte big-endian length and its bytes: how a call
 * carries a key and a value, and a reply a list of items. Not API.
 */
public final class Packed {
    private Packed() {}

    /** {@code parts}, packed. */
    public static byte[] pack(byte[]... parts) {
        return pack(List.of(parts));
    }

    /** {@code parts}, packed. */
    public static byte[] pack(List<byte[]> parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += 4 + part.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            b.putInt(part.length).put(part);
        }
        return b.array();
    }

    /**
     * The byte strings packed in {@code body} (none for null).
     *
     * @throws IllegalArgumentException if {@code body} is not a well-formed packing (a call fails
     *     with it alone; nothing larger than {@code body} is allocated)
     */
    public static List<byte[]> unpack(byte[] body) {
        List<byte[]> parts = new ArrayList<>();
        if (body == null) {
            return parts;
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("malformed body: " + b.remaining() + " stray bytes");
            }
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException("malformed body: a part of " + length + " bytes where "
                        + b.remaining() + " are left");
            }
            byte[] part = new byte[length];
            b.get(part);
            parts.add(part);
        }
        return parts;
    }

    /**
     * Exactly {@code n} byte strings packed in {@code body}.
     *
     * @throws IllegalArgumentException if there are not exactly {@code n}
     */
    public static List<byte[]> unpack(byte[] body, int n) {
        List<byte[]> parts = unpack(body);
        if (parts.size() != n) {
            throw new IllegalArgumentException("malformed body: " + parts.size() + " parts where " + n + " belong");
        }
        return parts;
    }
}
