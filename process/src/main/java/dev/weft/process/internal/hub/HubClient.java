package dev.weft.process.internal.hub;

import dev.weft.process.Address;
import dev.weft.process.AuthenticationException;
import dev.weft.process.ManagerUnavailableException;
import dev.weft.process.ObjectUnavailableException;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.FrameTooLargeException;
import dev.weft.process.internal.wire.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's connection to another process's {@link Hub}: one per owner hub, shared by every
 * proxy and thread, opened on the first call. Not API.
 *
 * <p>Calls carry request ids, so any number of threads may wait on one connection at once. A call
 * ({@link #call}) waits for its reply; a post ({@link #post}) does not (pipelined puts and sends):
 * its failure, if any, is kept and thrown by the next call or post on the same object from this
 * process. A blocked caller that is interrupted sends {@code CANCEL} and then waits up to
 * {@link #CANCEL_WAIT} for the owner's final word, so that an item the owner handed out just before
 * the cancel arrived is returned rather than lost.
 *
 * <p>When the connection fails (the owner died or closed its hub), every waiting and later call
 * throws {@link ObjectUnavailableException}. A new ref to the same socket then makes a new client.
 */
public final class HubClient {
    /** How long an interrupted caller waits for the owner's reply to its cancel. */
    public static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    /** How long the exit hook waits for this process's pipelined puts to reach their owners. */
    public static final Duration EXIT_FLUSH = Duration.ofSeconds(10);

    private static final ConcurrentHashMap<String, HubClient> CLIENTS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Integer> FRAME_LIMITS = new ConcurrentHashMap<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("weft-hub-exit-flush")
                    .unstarted(HubClient::flushAll));
        } catch (IllegalStateException shuttingDown) {
            // nothing to flush at this point
        }
    }

    private final String address;
    private final byte[] key;
    private final int maxFrameSize;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Link link;
    private volatile Throwable broken;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Result> deferred = new ConcurrentHashMap<>();
    private volatile boolean posted;

    private HubClient(String address, byte[] key) {
        this.address = address;
        this.key = key.clone();
        this.maxFrameSize = FRAME_LIMITS.getOrDefault(address, FrameWriter.DEFAULT_MAX_FRAME_SIZE);
    }

    /** The shared client for {@code ref}'s hub; a new one if the last one broke or the key changed. */
    public static HubClient of(RemoteRef ref) {
        return CLIENTS.compute(ref.address(), (a, existing) ->
                existing != null && existing.broken == null && MessageDigest.isEqual(existing.key, ref.key())
                        ? existing
                        : new HubClient(a, ref.key()));
    }

    /**
     * Makes connections opened from now on to the hub at {@code address} send frames of at most
     * {@code maxFrameSize} bytes, the bound that hub enforces, so that an item too large for it
     * fails alone, before it is sent, instead of closing the connection.
     */
    public static void frameLimit(String address, int maxFrameSize) {
        FRAME_LIMITS.put(address, maxFrameSize);
    }

    /**
     * Calls {@code op} on {@code ref}'s object and waits for the reply.
     *
     * @return the result, which may be a failure ({@link Result#rethrow})
     * @throws InterruptedException if interrupted and the owner confirmed it did nothing (or did not
     *     answer the cancel within {@link #CANCEL_WAIT}); if the owner completed the call anyway, its
     *     result is returned with this thread's interrupt status set
     * @throws ObjectUnavailableException if the owner is gone
     * @throws AuthenticationException if the owner's hub refused the key
     */
    public Result call(RemoteRef ref, int op, long arg1, long arg2, byte[] body) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Pending p = start(ref, op, 0, arg1, arg2, body);
        try {
            return p.reply().get();
        } catch (InterruptedException e) {
            return cancelled(ref, p);
        } catch (ExecutionException e) {
            throw unavailable(ref, e.getCause());
        }
    }

    /**
     * Calls an op that does not wait in the owner (a size, a task done): waits for the reply without
     * giving up on interrupt, keeping the interrupt status.
     */
    public Result callQuick(RemoteRef ref, int op, long arg1, long arg2, byte[] body) {
        long started = System.nanoTime();
        CompletableFuture<Result> reply = start(ref, op, 0, arg1, arg2, body).reply();
        Link l = link;
        if (quickNanos < SPIN_WHILE_UNDER_NANOS && l != null) {
            l.pollUntil(reply, SPIN_NANOS);
        }
        reply.whenComplete((r, t) -> quickNanos = (quickNanos * 7 + (System.nanoTime() - started)) / 8);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return reply.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.interrupted(); // CompletableFuture.get leaves the status set: clear it, or get spins
                } catch (ExecutionException e) {
                    throw unavailable(ref, e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * How long a caller of a quick op reads for its reply in its own thread ({@link Link#pollUntil})
     * before it parks: a parked caller costs two more thread wake-ups per round trip (the reader
     * thread's and its own), which on a virtual machine are most of a quick op's time.
     */
    private static final long SPIN_NANOS = 40_000;

    /**
     * Callers spin only while quick calls have lately taken less than this: a parked caller's round
     * trip here is 50 to 70 µs, one on an oversubscribed machine milliseconds.
     */
    private static final long SPIN_WHILE_UNDER_NANOS = 200_000;

    /**
     * How long quick calls to this hub have lately taken, a moving average: spinning for a reply
     * pays only while replies come soon ({@link #SPIN_WHILE_UNDER_NANOS}). When they do not (more
     * processes than CPUs, a busy owner), callers park at once instead of taking the CPU the owner
     * needs.
     */
    private volatile long quickNanos;

    /**
     * Sends {@code op} on {@code ref}'s object without waiting for it to be done; the owner handles
     * it after every earlier request of this process on that connection. A failure comes back
     * later and is thrown by the next call or post on the same object.
     */
    public void post(RemoteRef ref, int op, long arg1, long arg2, byte[] body) {
        throwDeferred(ref);
        Link l = connected(ref);
        posted = true;
        ByteBuffer frame = Protocol.request(ids.incrementAndGet(), ref.objectId(), op,
                Protocol.FLAG_NO_REPLY_ON_SUCCESS, arg1, arg2, body);
        if (!send(ref, l, frame, false)) {
            throw unavailable(ref, broken);
        }
    }

    /**
     * Waits until every post this process made to this hub has been handled (at most
     * {@code timeout}), and throws a post's failure on {@code ref}'s object if there was one.
     *
     * @return false if the timeout elapsed first
     */
    public boolean sync(RemoteRef ref, Duration timeout) throws InterruptedException {
        CompletableFuture<Result> reply = start(ref, Protocol.OP_SYNC, 0, 0, 0, null).reply();
        try {
            reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw unavailable(ref, e.getCause());
        }
        throwDeferred(ref);
        return true;
    }

    /** Throws the failure of an earlier post on {@code ref}'s object, if any. */
    public void throwDeferred(RemoteRef ref) {
        Result failure = deferred.remove(ref.objectId());
        if (failure != null) {
            failure.rethrow(ref.describe());
        }
    }

    private record Pending(long id, CompletableFuture<Result> reply) {}

    private Pending start(RemoteRef ref, int op, int flags, long arg1, long arg2, byte[] body) {
        throwDeferred(ref);
        Link l = connected(ref);
        long id = ids.incrementAndGet();
        CompletableFuture<Result> reply = new CompletableFuture<>();
        pending.put(id, reply);
        if (!send(ref, l, Protocol.request(id, ref.objectId(), op, flags, arg1, arg2, body), true)) {
            pending.remove(id);
            throw unavailable(ref, broken);
        }
        return new Pending(id, reply);
    }

    /** {@code direct}: write in this thread if nothing queued is waiting (a call); else queue it (a post). */
    private boolean send(RemoteRef ref, Link l, ByteBuffer frame, boolean direct) {
        try {
            return direct ? l.sendDirect(Protocol.REQUEST, frame) : l.send(Protocol.REQUEST, frame);
        } catch (FrameTooLargeException e) {
            throw new IllegalArgumentException("cannot send to " + ref.describe() + ": the item of "
                    + (frame.remaining() - Protocol.REQUEST_HEADER) + " bytes is over the limit of "
                    + l.maxFrameSize() + " bytes a frame may carry", e);
        }
    }

    private Result cancelled(RemoteRef ref, Pending p) throws InterruptedException {
        long id = p.id();
        CompletableFuture<Result> reply = p.reply();
        Link l = link;
        if (l != null) {
            try {
                l.send(Protocol.CANCEL, Protocol.cancel(id));
            } catch (FrameTooLargeException impossible) {
                throw new AssertionError(impossible);
            }
        }
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        Result r = null;
        while (r == null) {
            Thread.interrupted(); // CompletableFuture.get leaves the status set; it is reported below either way
            try {
                r = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                if (System.nanoTime() - deadline >= 0) {
                    pending.remove(id);
                    throw again;
                }
                // keep waiting for the owner's word: the interrupt is reported either way
            } catch (ExecutionException e) {
                Thread.currentThread().interrupt();
                throw unavailable(ref, e.getCause());
            } catch (TimeoutException e) {
                pending.remove(id);
                throw new InterruptedException();
            }
        }
        if (r.status() == Result.CANCELLED) {
            throw new InterruptedException(); // the owner did nothing
        }
        Thread.currentThread().interrupt(); // it completed anyway: return its result
        return r;
    }

    private ObjectUnavailableException unavailable(RemoteRef ref, Throwable cause) {
        if (cause instanceof ManagerUnavailableException u) {
            return new ManagerUnavailableException(u.getMessage(), u);
        }
        if (cause instanceof ObjectUnavailableException u) {
            return new ObjectUnavailableException(u.getMessage(), u);
        }
        if (cause instanceof AuthenticationException a) {
            throw new AuthenticationException(a.getMessage());
        }
        String why = cause == null ? "its connection closed"
                : cause instanceof ProtocolException ? "protocol error: " + cause.getMessage()
                : cause.toString();
        if (ref.managed()) {
            return new ManagerUnavailableException("the manager at " + ref.address() + " (pid " + ref.ownerPid()
                    + ") that owns " + ref.kind() + " " + ref.objectId() + " is gone or stopped serving: " + why, cause);
        }
        return new ObjectUnavailableException("the process that owns " + ref.kind() + " " + ref.objectId()
                + " (pid " + ref.ownerPid() + ") is gone or stopped serving it: " + why, cause);
    }

    private Link connected(RemoteRef ref) {
        Link l = link;
        if (l != null) {
            return l;
        }
        connecting.lock();
        try {
            if (link != null) {
                return link;
            }
            if (broken != null) {
                throw unavailable(ref, broken);
            }
            SocketChannel channel;
            try {
                channel = Endpoints.connect(Address.parse(address));
            } catch (IOException e) {
                broken = e;
                CLIENTS.remove(address, this);
                throw unavailable(ref, e);
            }
            try {
                Endpoints.connectHandshake(channel, key);
            } catch (AuthenticationException e) {
                broken = e;
                CLIENTS.remove(address, this);
                throw e;
            } catch (IOException e) {
                broken = e;
                CLIENTS.remove(address, this);
                throw unavailable(ref, e);
            }
            Link made;
            try {
                made = new Link(channel, "weft-hub-client", maxFrameSize, 0);
            } catch (IOException e) {
                close(channel);
                broken = e;
                CLIENTS.remove(address, this);
                throw unavailable(ref, e);
            }
            made.start(new Link.Handler() {
                @Override
                public void frame(int type, ByteBuffer payload) throws IOException {
                    reply(type, payload);
                }

                @Override
                public void closed(Throwable cause) {
                    lost(cause);
                }
            });
            link = made;
            return made;
        } finally {
            connecting.unlock();
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void reply(int type, ByteBuffer payload) throws ProtocolException {
        if (type != Protocol.REPLY || payload.remaining() < Protocol.REPLY_HEADER) {
            throw new ProtocolException("unexpected frame from a hub: type " + type + ", " + payload.remaining() + " bytes");
        }
        long id = payload.getLong();
        long objectId = payload.getLong();
        int status = payload.get() & 0xFF;
        long value = payload.getLong();
        byte[] body = payload.hasRemaining() ? Protocol.rest(payload) : null;
        Result r = new Result(status, value, body);
        CompletableFuture<Result> waiting = pending.remove(id);
        if (waiting != null) {
            waiting.complete(r);
        } else if (r.failed()) {
            deferred.putIfAbsent(objectId, r); // a post failed: the next call on that object reports it
        }
    }

    private void lost(Throwable cause) {
        broken = cause != null ? cause : new IOException("connection closed by the owner");
        CLIENTS.remove(address, this);
        List<CompletableFuture<Result>> waiting = new ArrayList<>(pending.values());
        pending.clear();
        for (CompletableFuture<Result> f : waiting) {
            f.completeExceptionally(broken);
        }
    }

    /** At exit: waits (bounded) until this process's pipelined puts and sends are with their owners. */
    private static void flushAll() {
        flushPosted(EXIT_FLUSH);
    }

    /**
     * Waits, at most {@code timeout} in all, until every post this process made (pipelined puts and
     * sends, to any owner) has been handled by its owner. Cheap when nothing was posted since the
     * last flush: no message is sent. A worker calls it after each task, before reporting the task
     * done, so that whoever sees the result also finds the task's puts in their queues.
     *
     * @return false if some owner did not confirm in time (or is gone); never throws
     */
    public static boolean flushPosted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (HubClient c : CLIENTS.values()) {
            Link l = c.link;
            if (!c.posted || c.broken != null || l == null) {
                continue;
            }
            c.posted = false; // a post racing with this flush sets it again
            CompletableFuture<Result> reply = new CompletableFuture<>();
            long id = c.ids.incrementAndGet();
            c.pending.put(id, reply);
            boolean interrupted = false;
            try {
                if (!l.send(Protocol.REQUEST, Protocol.request(id, 0, Protocol.OP_SYNC, 0, 0, 0, null))) {
                    all = false;
                    continue;
                }
                while (true) {
                    try {
                        reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        Thread.interrupted();
                    }
                }
            } catch (ExecutionException | TimeoutException | FrameTooLargeException e) {
                all = false; // gone or slow: nothing more to do
                c.pending.remove(id);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return all;
    }
}
