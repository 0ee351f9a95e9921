package dev.weft.process.internal.hub;

import dev.weft.process.ProcessException;
import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * This JVM's server of shared objects: a Unix-domain socket in the JVM's private directory, a
 * random key, and a registry of the objects it serves to other processes. Not API.
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

    private final Path path;
    private final byte[] key = Handshake.newKey();
    private final ConcurrentHashMap<Long, HubObject> objects = new ConcurrentHashMap<>();
    private final Map<HubObject, Long> ids = new IdentityHashMap<>(); // guarded by this
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap<Long, Transfer> transfers = new ConcurrentHashMap<>();
    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server; // guarded by this
    private volatile boolean closed;

    private record Transfer(HubObject object, Runnable onExpire, ScheduledFuture<?> timer) {}

    /** A hub at {@code path}; it listens from the first export. */
    Hub(Path path) {
        this.path = path;
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

    /** The socket path. */
    public Path path() {
        return path;
    }

    /** Whether {@code ref} names an object of this hub (same socket and key) and this hub is open. */
    public boolean owns(RemoteRef ref) {
        return !closed && ref.socketPath().equals(path.toString()) && java.security.MessageDigest.isEqual(ref.key(), key);
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
        return new RemoteRef(path.toString(), key.clone(), ProcessHandle.current().pid(), id, kind, param, token);
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
            Files.deleteIfExists(path); // left by an earlier hub of this JVM
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(path));
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + path, e);
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
        ScheduledFuture<?> deadline = TIMER.schedule(() -> closeQuietly(channel),
                HANDSHAKE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        try {
            Handshake.serve(channel, key);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel); // wrong key, silence, garbage: this connection only
            return;
        } finally {
            deadline.cancel(false);
        }
        if (!channel.isOpen()) {
            return; // the deadline fired just as the handshake ended
        }
        Peer peer = new Peer(this, new Link(channel, "weft-hub-peer"));
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

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
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
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // removed at exit with the directory
            }
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
