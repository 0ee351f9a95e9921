package dev.weft.process.internal.hub;

import dev.weft.process.Address;
import dev.weft.process.ProcessException;
import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server of shared objects: an address, a key, and a registry of the objects it serves to other
 * processes. Each JVM has one for the queues and pipes it hands out ({@link #local()}: a
 * Unix-domain socket in the JVM's private directory and a random key); a
 * {@link dev.weft.process.Manager}'s server is another, at the manager's address and with its
 * authkey. Not API.
 *
 * <p>The hub of a JVM ({@link #local()}) is made on first use and listens only once an object is
 * first {@linkplain #export exported} (handed to another process). Every connection must pass
 * {@link Handshake#serve} within {@link #HANDSHAKE_TIMEOUT}, or it is closed; a failed
 * handshake, or anything but well-formed frames afterwards, closes that one connection and the hub
 * goes on serving the others.
 *
 * <p>Objects stay registered as long as the hub is open: a queue or pipe that was once handed to
 * another process lives until this JVM exits or the hub is closed.
 *
 * <p><b>Transfers.</b> An object whose holders are counted (a pipe end) is handed out with a
 * <i>transfer token</i> ({@link #newTransfer}): the copy in transit counts as a holder until the
 * receiving process claims the token ({@link #claim}) or the grace period
 * ({@link #DEFAULT_TRANSFER_GRACE}, 60 seconds) passes, after which the copy is presumed lost (its
 * receiver died before decoding it) and released.
 */
public final class Hub implements AutoCloseable {
    /** How long a new connection may take to authenticate before it is closed. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** How long a copy in transit counts as a holder if nobody claims it. */
    public static final Duration DEFAULT_TRANSFER_GRACE = Duration.ofSeconds(60);

    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("weft-hub-timer").factory());

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Hub current; // guarded by Hub.class
    private static volatile Duration transferGrace = DEFAULT_TRANSFER_GRACE;

    private final Address requested;
    private final byte[] key;
    private final int maxFrameSize;
    private final int refFlags;
    private volatile Address address; // where it listens, once it does
    private final ConcurrentHashMap<Long, HubObject> objects = new ConcurrentHashMap<>();
    private final Map<HubObject, Long> ids = new IdentityHashMap<>(); // guarded by this
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap<Long, Transfer> transfers = new ConcurrentHashMap<>();
    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server; // guarded by this
    private volatile boolean closed;

    private record Transfer(HubObject object, Runnable onExpire, ScheduledFuture<?> timer) {}

    /** A hub at {@code path} with a new random key; it listens from the first export. */
    Hub(java.nio.file.Path path) {
        this(Address.unix(path), Handshake.newKey(), FrameWriter.DEFAULT_MAX_FRAME_SIZE, 0);
    }

    /**
     * A hub at {@code address} that admits clients knowing {@code key}, whose frames may carry at
     * most {@code maxFrameSize} bytes, and whose refs carry {@code refFlags}. It listens from the
     * first export or {@link #listen()}.
     */
    public Hub(Address address, byte[] key, int maxFrameSize, int refFlags) {
        this.requested = address;
        this.address = address;
        this.key = key.clone();
        this.maxFrameSize = maxFrameSize;
        this.refFlags = refFlags;
    }

    /** This JVM's hub, made on first use (again after {@link #close()}). */
    public static synchronized Hub local() {
        if (current == null || current.closed) {
            current = new Hub(PrivateDirectory.socket("hub.sock"));
        }
        return current;
    }

    /** The hub of this JVM if it exists and is open, else null. Does not make one. */
    public static synchronized Hub localIfOpen() {
        return current == null || current.closed ? null : current;
    }

    /** How long a copy in transit counts as a holder if nobody claims it. */
    public static Duration transferGrace() {
        return transferGrace;
    }

    /** Changes the transfer grace period of later transfers (tests shorten it). */
    public static void transferGrace(Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace must be positive: " + grace);
        }
        transferGrace = grace;
    }

    /** Where the hub listens (with the port the system chose, once it listens on TCP port 0). */
    public Address address() {
        return address;
    }

    /** The largest frame a connection of this hub carries. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether {@code ref} names an object of this hub (same address and key) and this hub is open. */
    public boolean owns(RemoteRef ref) {
        return !closed && ref.address().equals(address.toString()) && java.security.MessageDigest.isEqual(ref.key(), key);
    }

    /**
     * Registers {@code control} as object 0, the object a client may call before it holds any ref
     * (a manager's server: create, shut down), and starts listening.
     *
     * @throws ProcessException if the hub is closed or cannot listen
     */
    public synchronized void serveControl(HubObject control) {
        if (closed) {
            throw new ProcessException("the object hub is closed");
        }
        objects.put(0L, control);
        ids.put(control, 0L);
        listen();
    }

    /**
     * Registers {@code object} (once; later calls return the same id) and starts listening if this
     * is the first export.
     *
     * @return the object's id in this hub
     * @throws ProcessException if the hub is closed or cannot listen
     */
    public synchronized long export(HubObject object) {
        if (closed) {
            throw new ProcessException("this process's object hub is closed");
        }
        listen();
        Long id = ids.get(object);
        if (id == null) {
            id = nextId.incrementAndGet();
            ids.put(object, id);
            objects.put(id, object);
        }
        return id;
    }

    /** A reference to object {@code id} of this hub. */
    public RemoteRef ref(long id, String kind, long param, long token) {
        return new RemoteRef(address.toString(), key.clone(), ProcessHandle.current().pid(), id, kind, param, token,
                refFlags);
    }

    /** The object registered as {@code id}, or null. */
    public HubObject lookup(long id) {
        return objects.get(id);
    }

    /**
     * Starts a transfer of a copy of {@code object}: a token that {@link #claim} takes back, or
     * that expires after the transfer grace period and then runs {@code onExpire}.
     */
    public long newTransfer(HubObject object, Runnable onExpire) {
        long token;
        do {
            token = RANDOM.nextLong();
        } while (token == 0 || transfers.containsKey(token));
        long t = token;
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            Transfer expired = transfers.remove(t);
            if (expired != null) {
                expired.onExpire().run();
            }
        }, transferGrace.toNanos(), TimeUnit.NANOSECONDS);
        transfers.put(token, new Transfer(object, onExpire, timer));
        return token;
    }

    /**
     * Claims transfer {@code token} of a copy of {@code object}: true if it was pending (it will not
     * expire now), false if unknown, expired, claimed already, or a transfer of another object.
     */
    public boolean claim(long token, HubObject object) {
        Transfer t = transfers.get(token);
        if (t == null || t.object() != object || !transfers.remove(token, t)) {
            return false;
        }
        t.timer().cancel(false);
        return true;
    }

    private void listen() {
        if (server != null) {
            return;
        }
        try {
            ServerSocketChannel s = Endpoints.bind(requested); // replaces a socket file left by an earlier hub
            address = Endpoints.bound(requested, s);
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + requested, e);
        }
        ServerSocketChannel s = server;
        Thread.ofPlatform().daemon().name("weft-hub-accept").start(() -> acceptLoop(s));
    }

    private void acceptLoop(ServerSocketChannel s) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = s.accept();
            } catch (IOException e) {
                if (!closed) {
                    // A transient failure (too many open files): keep serving, a little later.
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    continue;
                }
                return;
            }
            Thread.ofVirtual().name("weft-hub-handshake").start(() -> authenticate(channel));
        }
    }

    private void authenticate(SocketChannel channel) {
        if (!Endpoints.serveHandshake(channel, key)) {
            return;
        }
        Peer peer;
        try {
            peer = new Peer(this, new Link(channel, "weft-hub-peer", maxFrameSize, Link.SERVE_SPIN_NANOS));
        } catch (IOException e) {
            Endpoints.closeQuietly(channel);
            return;
        }
        peers.add(peer);
        if (closed) {
            peer.close();
            return;
        }
        peer.start();
    }

    void forget(Peer peer) {
        peers.remove(peer);
    }

    /** The number of authenticated connections now open (for tests). */
    int connectionCount() {
        return peers.size();
    }

    /**
     * Stops serving: closes the socket and every connection (their clients then see the owner as
     * gone) and forgets every object. Objects keep working inside this process.
     */
    @Override
    public void close() {
        ServerSocketChannel s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
            objects.clear();
            ids.clear();
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            Endpoints.unlink(requested);
        }
        for (Peer p : peers) {
            p.close();
        }
        for (Long token : transfers.keySet()) {
            Transfer t = transfers.remove(token);
            if (t != null) {
                t.timer().cancel(false);
                t.onExpire().run(); // nobody can claim it any more
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
