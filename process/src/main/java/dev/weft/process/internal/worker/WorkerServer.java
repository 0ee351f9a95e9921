package dev.weft.process.internal.worker;

import dev.weft.process.internal.PrivateDirectory;
import dev.weft.process.internal.wire.FrameReader;
import dev.weft.process.internal.wire.Handshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The socket this JVM's workers connect back to: one per JVM, started on first use, in the
 * private directory. A connection must pass the {@link Handshake} within {@link #HANDSHAKE_SECONDS}
 * and then say which worker it is ({@link Protocol#HELLO}); only a worker this JVM started and is
 * waiting for is accepted. Anything else is closed. Not API.
 */
final class WorkerServer {
    static final int HANDSHAKE_SECONDS = 30;

    /** A worker that has connected and authenticated. */
    record Connected(SocketChannel channel, FrameReader reader, long pid) {}

    private static volatile WorkerServer instance;

    private final Path socket;
    private final byte[] key = Handshake.newKey();
    private final ServerSocketChannel server;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Connected>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private WorkerServer() throws IOException {
        socket = PrivateDirectory.socket("workers.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("weft-worker-timer").unstarted(r));
        Thread.ofPlatform().daemon().name("weft-worker-accept").start(this::accept);
    }

    static WorkerServer get() {
        WorkerServer s = instance;
        if (s == null) {
            synchronized (WorkerServer.class) {
                if ((s = instance) == null) {
                    try {
                        instance = s = new WorkerServer();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot listen for workers on a Unix-domain socket", e);
                    }
                }
            }
        }
        return s;
    }

    Path socket() {
        return socket;
    }

    byte[] key() {
        return key.clone();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** A new worker id, and the future its connection completes. */
    long expect(CompletableFuture<Connected> connection) {
        long id = ids.incrementAndGet();
        waiting.put(id, connection);
        return id;
    }

    /** Stops waiting for worker {@code id} (it died or took too long). */
    void forget(long id) {
        waiting.remove(id);
    }

    private void accept() {
        for (;;) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return; // closed at exit
            }
            Thread.ofVirtual().name("weft-worker-handshake").start(() -> admit(ch));
        }
    }

    private void admit(SocketChannel ch) {
        var deadline = timer.schedule(() -> closeQuietly(ch), HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        try {
            Handshake.serve(ch, key);
            FrameReader reader = new FrameReader(ch);
            if (reader.next() != Protocol.HELLO) {
                throw new IOException("a worker's first frame must be HELLO");
            }
            ByteBuffer p = reader.payload();
            long id = p.getLong();
            long pid = p.getLong();
            deadline.cancel(false);
            CompletableFuture<Connected> f = waiting.remove(id);
            if (f == null || !f.complete(new Connected(ch, reader, pid))) {
                closeQuietly(ch);
            }
        } catch (IOException | RuntimeException e) {
            deadline.cancel(false);
            closeQuietly(ch);
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing
        }
    }
}
