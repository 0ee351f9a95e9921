package dev.weft.process.internal.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The hub's frame types, header layouts and reply statuses: the numbers are the wire format, so
 * never renumber, only add. Not API.
 *
 * <pre>
 *  REQUEST  (type 1): request id (8) ‖ object id (8) ‖ op (1) ‖ flags (1) ‖ arg1 (8) ‖ arg2 (8) ‖ body
 *  CANCEL   (type 2): request id (8)
 *  REPLY    (type 3): request id (8) ‖ object id (8) ‖ status (1) ‖ value (8) ‖ body
 * </pre>
 * All numbers are big-endian. The body's meaning belongs to the object's kind and the op (for the
 * queues and pipes: an item or message already encoded by the sender's codec, which the hub never
 * decodes). A malformed header closes the connection; a body the object's handler cannot use fails
 * that one call.
 */
final class Protocol {
    private Protocol() {}

    static final int REQUEST = 1;
    static final int CANCEL = 2;
    static final int REPLY = 3;

    static final int REQUEST_HEADER = 8 + 8 + 1 + 1 + 8 + 8;
    static final int CANCEL_SIZE = 8;
    static final int REPLY_HEADER = 8 + 8 + 1 + 8;

    /** Request flag: reply only if the call fails (a pipelined put or send). */
    static final int FLAG_NO_REPLY_ON_SUCCESS = 1;

    /** Op every hub answers for any object id, itself: replies OK once every earlier request is handled. */
    static final int OP_SYNC = 0;

    static ByteBuffer request(long id, long objectId, int op, int flags, long arg1, long arg2, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(REQUEST_HEADER + (body == null ? 0 : body.length));
        b.putLong(id).putLong(objectId).put((byte) op).put((byte) flags).putLong(arg1).putLong(arg2);
        if (body != null) {
            b.put(body);
        }
        return b.flip();
    }

    static ByteBuffer cancel(long id) {
        return ByteBuffer.allocate(CANCEL_SIZE).putLong(id).flip();
    }

    static ByteBuffer reply(long id, long objectId, Result r) {
        byte[] body = r.body();
        ByteBuffer b = ByteBuffer.allocate(REPLY_HEADER + (body == null ? 0 : body.length));
        b.putLong(id).putLong(objectId).put((byte) r.status()).putLong(r.value());
        if (body != null) {
            b.put(body);
        }
        return b.flip();
    }

    static byte[] rest(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }
}
