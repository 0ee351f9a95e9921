package dev.weft.process;

import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.wire.ProtocolException;

/**
 * What every manager proxy holds: the object's ref and the connection to its server, with the
 * calls, encodings and failures all proxies share. Not API.
 */
final class ManagedRef {
    final RemoteRef ref;
    private final HubClient client;

    ManagedRef(RemoteRef ref) {
        this.ref = ref;
        this.client = HubClient.of(ref);
    }

    /** Calls an op that does not wait in the server, and throws its failure. */
    Result quick(int op, long arg1, long arg2, byte[] body) {
        return client.callQuick(ref, op, arg1, arg2, body).rethrow(ref.describe());
    }

    /** Calls an op that may wait in the server (interruptibly), and throws its failure. */
    Result call(int op, long arg1, long arg2, byte[] body) throws InterruptedException {
        return client.call(ref, op, arg1, arg2, body).rethrow(ref.describe());
    }

    /** Calls an op that may wait, returning its result even when it is a failure. */
    Result callRaw(int op, long arg1, long arg2, byte[] body) throws InterruptedException {
        return client.call(ref, op, arg1, arg2, body);
    }

    /** The calling thread, as locks of the server know their owners. */
    static long thread() {
        return Thread.currentThread().threadId();
    }

    /**
     * {@code value}, encoded.
     *
     * @throws IllegalArgumentException if it cannot be encoded (the message names the class)
     */
    static byte[] encode(Object value, String what) {
        try {
            return ItemCodec.encode(value);
        } catch (NotEncodableException e) {
            throw new IllegalArgumentException("cannot store " + what + " in a manager's object: " + e.getMessage(), e);
        }
    }

    /**
     * {@code bytes}, decoded in this process.
     *
     * @throws ProcessException if it holds a class this process's allowlist refuses (named)
     */
    @SuppressWarnings("unchecked")
    <T> T decode(byte[] bytes) {
        try {
            return (T) ItemCodec.decode(bytes);
        } catch (ClassNotAllowedException | ProtocolException e) {
            throw new ProcessException("cannot decode a value of " + ref.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The value of a reply that may be {@link Result#none()}: null then. */
    <T> T decodeOrNull(Result r) {
        return r.status() == Result.NONE ? null : decode(r.body());
    }

    @Override
    public String toString() {
        return ref.describe() + " of the manager at " + ref.address();
    }
}
