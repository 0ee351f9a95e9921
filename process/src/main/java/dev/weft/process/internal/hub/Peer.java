package dev.weft.process.internal.hub;

import dev.weft.process.internal.wire.FrameTooLargeException;
import dev.weft.process.internal.wire.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated client connection of a {@link Hub}: parses its requests, dispatches them to the
 * objects, and sends the replies. When it closes (the client closed it, its process died, or it
 * sent something that is not a frame), its waiting calls are cancelled and the objects' close
 * hooks run, such as a pipe end forgetting the copies that process held. Not API.
 */
public final class Peer {
    private final Hub hub;
    private final Link link;
    final ConcurrentHashMap<Long, Call> inflight = new ConcurrentHashMap<>();
    private final Map<Object, Runnable> closeHooks = new IdentityHashMap<>(); // guarded by itself
    private boolean closed; // guarded by closeHooks
    /** Set as the connection closes, before its waiting calls are cancelled. */
    private volatile boolean closing;

    /** The hub this connection belongs to. */
    public Hub hub() {
        return hub;
    }

    Peer(Hub hub, Link link) {
        this.hub = hub;
        this.link = link;
    }

    void start() {
        link.start(new Link.Handler() {
            @Override
            public void frame(int type, ByteBuffer payload) throws IOException {
                Peer.this.frame(type, payload);
            }

            @Override
            public void closed(Throwable cause) {
                Peer.this.closed();
            }
        });
    }

    /**
     * Runs {@code hook} when this connection closes, unless {@link #removeCloseHook} removes it
     * first; runs it at once if the connection is closed already. One hook per key.
     */
    public void onClose(Object key, Runnable hook) {
        synchronized (closeHooks) {
            if (!closed) {
                closeHooks.put(key, hook);
                return;
            }
        }
        hook.run();
    }

    /** Forgets the hook registered under {@code key}. */
    public void removeCloseHook(Object key) {
        synchronized (closeHooks) {
            closeHooks.remove(key);
        }
    }

    void close() {
        link.close(null);
    }

    private void frame(int type, ByteBuffer payload) throws IOException {
        switch (type) {
            case Protocol.REQUEST -> request(payload);
            case Protocol.CANCEL -> {
                if (payload.remaining() != Protocol.CANCEL_SIZE) {
                    throw new ProtocolException("CANCEL frame of " + payload.remaining() + " bytes");
                }
                Call call = inflight.get(payload.getLong());
                if (call != null) {
                    call.cancel();
                }
            }
            default -> throw new ProtocolException("unknown frame type " + type);
        }
    }

    private void request(ByteBuffer payload) throws ProtocolException {
        if (payload.remaining() < Protocol.REQUEST_HEADER) {
            throw new ProtocolException("REQUEST frame of " + payload.remaining() + " bytes, shorter than its header");
        }
        long id = payload.getLong();
        long objectId = payload.getLong();
        int op = payload.get() & 0xFF;
        int flags = payload.get() & 0xFF;
        long arg1 = payload.getLong();
        long arg2 = payload.getLong();
        byte[] body = Protocol.rest(payload);
        Call call = new Call(this, id, objectId, op, flags, arg1, arg2, body);
        Result r;
        if (op == Protocol.OP_SYNC) {
            r = Result.ok();
        } else {
            HubObject target = hub.lookup(objectId);
            if (target == null) {
                r = Result.failure(Result.NO_SUCH_OBJECT, "object " + objectId + " is not served by process (pid "
                        + ProcessHandle.current().pid() + "): there is no object " + objectId
                        + " (it was never exported, or its hub was closed)");
            } else {
                try {
                    r = target.handle(call);
                } catch (Exception | Error e) {
                    r = Result.failure(e);
                }
            }
        }
        if (r != null) {
            reply(call, r, true);
        }
    }

    /** Sends {@code r} for {@code call}, through the writer thread (for a call's own thread). */
    void reply(Call call, Result r) {
        reply(call, r, false);
    }

    /** {@code now}: write in this thread, which must be the reader thread (never interrupted). */
    private void reply(Call call, Result r, boolean now) {
        Runnable undelivered = call.undelivered();
        if (undelivered != null && r.status() == Result.OK && closing) {
            undelivered.run(); // the caller left: whatever the result hands out goes back
            return;
        }
        if (!r.failed() && (call.flags & Protocol.FLAG_NO_REPLY_ON_SUCCESS) != 0) {
            return;
        }
        try {
            ByteBuffer frame = Protocol.reply(call.id, call.objectId, r);
            boolean sent = now ? link.sendNow(Protocol.REPLY, frame) : link.send(Protocol.REPLY, frame);
            if (!sent && undelivered != null && r.status() == Result.OK) {
                undelivered.run();
            }
        } catch (FrameTooLargeException e) {
            try {
                link.send(Protocol.REPLY, Protocol.reply(call.id, call.objectId,
                        Result.failure(Result.FAILED, "the reply is too large for one frame: " + e.getMessage())));
            } catch (FrameTooLargeException impossible) {
                throw new AssertionError(impossible);
            }
        }
    }

    /** Whether the connection is closed or closing: calls started now are cancelled at once. */
    public boolean closing() {
        return closing;
    }

    private void closed() {
        closing = true; // before anything else: a result made from now on is not delivered
        for (Call call : inflight.values()) {
            call.cancel();
        }
        hub.forget(this);
        List<Runnable> hooks;
        synchronized (closeHooks) {
            closed = true;
            hooks = new ArrayList<>(closeHooks.values());
            closeHooks.clear();
        }
        for (Runnable hook : hooks) {
            hook.run();
        }
    }
}
