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

    /**
     * A new object of {@code kind} made by the same server (a condition a lock proxy makes).
     *
     * @return its id and the reply's body, if any
     */
    Result createSibling(String kind, long arg1, long arg2) {
        RemoteRef control = new RemoteRef(ref.address(), ref.key(), ref.ownerPid(), 0, "Manager", 0, 0, RemoteRef.MANAGED);
        return client.callQuick(control, dev.weft.process.internal.manager.ManagerServer.CREATE, arg1, arg2,
                kind.getBytes(java.nio.charset.StandardCharsets.UTF_8)).rethrow("the manager at " + ref.address());
    }

    /** A ref to another object {@code id} of the same server. */
    RemoteRef sibling(long id, String kind, long param) {
        return new RemoteRef(ref.address(), ref.key(), ref.ownerPid(), id, kind, param, 0, RemoteRef.MANAGED);
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

    /** Waits at most {@code nanos} (negative: no limit) for op; a Python-style timed wait's result. */
    static long nanos(java.time.Duration timeout) {
        return dev.weft.internal.Timeouts.toNanos(timeout);
    }

    /** A guard that runs {@code release} once, for try-with-resources. */
    static dev.weft.sync.Guard guard(Runnable release) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release.run();
            }
        };
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
