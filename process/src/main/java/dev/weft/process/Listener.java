package dev.weft.process;

import dev.weft.internal.Timeouts;
import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.hub.Endpoints;
import dev.weft.process.internal.hub.SocketEnd;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server socket that hands out authenticated {@link Connection}s: Python's
 * {@code multiprocessing.connection.Listener}. A {@link Client} connects to its address with the
 * same authkey.
 *
 * <h2>Authentication</h2>
 * Every connection must pass a mutual HMAC-SHA256 challenge-response on the authkey within
 * {@link #HANDSHAKE_TIMEOUT} before anything it sends is read as a message; the authkey itself never
 * travels. A client with the wrong key gets {@link AuthenticationException}; this side closes that
 * connection and goes on listening, so, unlike Python's {@code accept}, which raises, {@link #accept}
 * only ever returns connections that passed. Handshakes run on threads of their own, so a client
 * that connects and says nothing holds up nobody.
 *
 * <h2>Limits</h2>
 * A message may have at most the size bound given at construction ({@link #DEFAULT_MAX_MESSAGE_SIZE}
 * unless told otherwise), in both directions: a peer that announces a larger frame, sends a
 * truncated one or one of an unknown type has its connection closed, and nothing else is affected.
 * Messages are decoded by the receiving process, only into classes its allowlist accepts.
 * Authenticated connections not yet accepted wait in a backlog of {@value #BACKLOG}; beyond that,
 * new ones are closed.
 *
 * <h2>Addresses</h2>
 * {@link #Listener(byte[])} listens on a Unix-domain socket in this process's private directory
 * (mode 0700: only this user's processes can connect). An {@link Address.Tcp} address binds where
 * it says; use loopback ({@link Address#loopback}) unless other machines must connect, and then
 * know that anyone who can reach the port and knows the key can send this process messages.
 *
 * <p>Thread-safe: any number of threads may call {@link #accept} at once.
 */
public final class Listener implements AutoCloseable {
    /** How long a new connection may take to authenticate before it is closed: 10 seconds. */
    public static final Duration HANDSHAKE_TIMEOUT = dev.weft.process.internal.hub.Hub.HANDSHAKE_TIMEOUT;

    /** The default bound on one message, in bytes: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = FrameWriter.DEFAULT_MAX_FRAME_SIZE;

    /** How many authenticated connections may wait for {@link #accept}. */
    public static final int BACKLOG = 128;

    private static final AtomicLong NEXT = new AtomicLong();
    private static final Object CLOSED = new Object();

    private final Address address;
    private final Address requested;
    private final byte[] key;
    private final int maxMessageSize;
    private final ServerSocketChannel server;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BACKLOG + 1);
    private volatile boolean closed;

    /**
     * Listens on a new Unix-domain socket in this process's private directory.
     *
     * @param authkey the key clients must know, not empty
     * @throws IllegalArgumentException if {@code authkey} is empty
     * @throws IOException if it cannot listen
     */
    public Listener(byte[] authkey) throws IOException {
        this(Address.unix(PrivateDirectory.socket("listener-" + NEXT.incrementAndGet() + ".sock")), authkey);
    }

    /**
     * Listens on {@code address} with messages of at most {@link #DEFAULT_MAX_MESSAGE_SIZE} bytes.
     *
     * @param address where to listen
     * @param authkey the key clients must know, not empty
     * @throws IllegalArgumentException if {@code authkey} is empty
     * @throws IOException if it cannot listen there (the address is in use, not local...)
     */
    public Listener(Address address, byte[] authkey) throws IOException {
        this(address, authkey, DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * Listens on {@code address} with messages of at most {@code maxMessageSize} bytes.
     *
     * @param address where to listen
     * @param authkey the key clients must know, not empty
     * @param maxMessageSize the bound on one message either way, in bytes
     * @throws IllegalArgumentException if {@code authkey} is empty or {@code maxMessageSize} is
     *     negative
     * @throws IOException if it cannot listen there
     */
    public Listener(Address address, byte[] authkey, int maxMessageSize) throws IOException {
        Objects.requireNonNull(address, "address");
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
        }
        this.key = Handshake.fromAuthkey(authkey);
        this.requested = address;
        this.maxMessageSize = maxMessageSize;
        this.server = Endpoints.bind(address);
        this.address = Endpoints.bound(address, server);
        Thread.ofPlatform().daemon().name("weft-listener-accept").start(this::acceptLoop);
    }

    /** {@return the address clients connect to (with the port the system chose, if 0 was asked for)} */
    public Address address() {
        return address;
    }

    /**
     * Waits for the next authenticated connection: Python's {@code accept()}. Waits without limit.
     *
     * @return the connection, authenticated
     * @throws IOException if this listener is closed, or closes while waiting
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public Connection accept() throws IOException, InterruptedException {
        return take(ready.take());
    }

    /**
     * Waits at most {@code timeout} for the next authenticated connection.
     *
     * @param timeout the longest to wait
     * @return the connection, or null if none came in time
     * @throws IOException if this listener is closed
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Connection accept(Duration timeout) throws IOException, InterruptedException {
        Object next = ready.poll(Timeouts.toNanos(timeout), TimeUnit.NANOSECONDS);
        return next == null ? null : take(next);
    }

    private Connection take(Object next) throws IOException {
        if (next == CLOSED) {
            ready.offer(CLOSED); // for the next caller
            throw new IOException("the listener at " + address + " is closed");
        }
        return new Connection(new EndBackend.Socket((SocketEnd) next));
    }

    /**
     * Stops listening: Python's {@code close()}. Waiting and later {@link #accept} calls throw
     * {@link IOException}; connections already accepted stay open. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        Endpoints.unlink(requested);
        for (Object o; (o = ready.poll()) != null; ) {
            if (o instanceof SocketEnd end) {
                end.close();
            }
        }
        ready.offer(CLOSED);
    }

    /** {@return whether {@link #close} was called} */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Listener[" + address + (closed ? ", closed" : "") + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pause(); // a transient failure, such as too many open files: go on a little later
                continue;
            }
            Thread.ofVirtual().name("weft-listener-handshake").start(() -> authenticate(channel));
        }
    }

    private void authenticate(SocketChannel channel) {
        if (!Endpoints.serveHandshake(channel, key)) {
            return;
        }
        String peer;
        try {
            peer = String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            Endpoints.closeQuietly(channel);
            return;
        }
        SocketEnd end;
        try {
            end = new SocketEnd(channel, peer.isEmpty() ? "a client" : "a client at " + peer, maxMessageSize);
        } catch (IOException e) {
            Endpoints.closeQuietly(channel);
            return;
        }
        if (closed || !ready.offer(end)) {
            end.close();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
