package dev.weft.aio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link StreamReader} reads from and a {@link StreamWriter} writes to: a connected socket,
 * or one end of a child's pipe. Its blocking methods are called inside {@link Aio#blocking}, on
 * the calling task's thread, and only by one task at a time (the stream classes see to that);
 * {@link #close()} may be called by any thread at any time and makes a blocked call return.
 * Not API.
 */
sealed interface StreamTransport permits StreamTransport.Breakable {

    /** Reads up to {@code into.length} bytes, blocking until one is there; -1 at end-of-file. */
    int read(byte[] into) throws IOException;

    /** Writes every remaining byte of {@code buffers}, blocking while the peer does not read. */
    void write(ByteBuffer[] buffers) throws IOException;

    /** Whether {@link #writeEof()} is supported. */
    boolean canWriteEof();

    /** Ends the output direction (the peer reads end-of-file); the input stays open. */
    void writeEof() throws IOException;

    /** Closes the transport, quietly and idempotently; a blocked call on it then returns or throws. */
    void close();

    /** Whether {@link #close()} was called here (not merely whether the operating system closed it). */
    boolean closedLocally();

    /** The peer's address, or null when it is not a socket. */
    SocketAddress remoteAddress();

    /** The local address, or null when it is not a socket. */
    SocketAddress localAddress();

    /**
     * Notes why the transport can no longer be used (a read or drain of it was cancelled), for
     * the messages of later errors. The first reason given is kept.
     */
    void markBroken(String reason);

    /** What {@link #markBroken} was told, or null. */
    String brokenReason();

    /** Describes {@code e} for an exception message, with the broken reason if there is one. */
    default String describe(IOException e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String why = brokenReason();
        return why != null ? m + " (" + why + ")" : m;
    }

    /** Whether {@code e} only says that this side closed the transport (a read then means EOF). */
    default boolean isLocalClose(IOException e) {
        return closedLocally() && !(e instanceof ClosedByInterruptException);
    }

    /** What both transports keep: whether this side closed them, and why they were broken. */
    abstract sealed class Breakable implements StreamTransport permits Socket, Pipe {
        /** Set by {@link #close()} before it closes the streams. */
        volatile boolean closed;
        private volatile String brokenReason;

        @Override
        public boolean closedLocally() {
            return closed;
        }

        @Override
        public void markBroken(String reason) {
            if (brokenReason == null) {
                brokenReason = reason;
            }
        }

        @Override
        public String brokenReason() {
            return brokenReason;
        }
    }

    /**
     * A connected {@link SocketChannel} in blocking mode. Blocking channel I/O on a virtual thread
     * parks it (the JDK polls the socket), so it costs no carrier thread. The JDK closes the
     * channel when a thread blocked in it is interrupted, which is how cancelling a task in a read
     * or a drain ends the call.
     */
    final class Socket extends Breakable {
        private final SocketChannel channel;
        private final SocketAddress remote;
        private final SocketAddress local;

        Socket(SocketChannel channel) {
            this.channel = channel;
            this.remote = address(channel, true);
            this.local = address(channel, false);
        }

        private static SocketAddress address(SocketChannel c, boolean remote) {
            try {
                return remote ? c.getRemoteAddress() : c.getLocalAddress();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public int read(byte[] into) throws IOException {
            return channel.read(ByteBuffer.wrap(into));
        }

        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            int from = 0;
            while (from < buffers.length) {
                channel.write(buffers, from, buffers.length - from);
                while (from < buffers.length && !buffers[from].hasRemaining()) {
                    from++;
                }
            }
        }

        @Override
        public boolean canWriteEof() {
            return true;
        }

        @Override
        public void writeEof() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public void close() {
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is all we want; there is nothing left to flush at this level.
            }
        }


        @Override
        public SocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public SocketAddress localAddress() {
            return local;
        }

        @Override
        public String toString() {
            return "socket " + local + " -> " + remote;
        }
    }

    /**
     * One end of a child's pipe: an {@link InputStream} to read, or an {@link OutputStream} to
     * write. The streams of {@code dev.weft.subprocess} may block in a native call, which would
     * pin the carrier of a virtual thread (on a machine with two cores, two such reads would stop
     * every virtual thread, the loop's tasks among them), so each call runs on a platform thread
     * of a shared pool while the task's virtual thread waits for it. An interrupt of the waiting
     * thread (a cancelled task) is passed on to the platform thread, and the call is waited for
     * to its end, so that what it read is not lost.
     */
    final class Pipe extends Breakable {
        private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
        private static final ExecutorService IO = Executors.newCachedThreadPool(r -> Thread.ofPlatform()
                .daemon()
                .name("weft-aio-pipe-" + THREAD_NUMBERS.incrementAndGet())
                .unstarted(r));

        private final InputStream in;
        private final OutputStream out;
        private final String name;

        private Pipe(InputStream in, OutputStream out, String name) {
            this.in = in;
            this.out = out;
            this.name = name;
        }

        static Pipe reading(InputStream in, String name) {
            return new Pipe(in, null, name);
        }

        static Pipe writing(OutputStream out, String name) {
            return new Pipe(null, out, name);
        }

        @Override
        public int read(byte[] into) throws IOException {
            if (in == null) {
                throw new IOException(name + " is not readable");
            }
            return onPlatformThread(() -> {
                int n;
                do {
                    n = in.read(into, 0, into.length);
                } while (n == 0);
                return n;
            });
        }

        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            if (out == null) {
                throw new IOException(name + " is not writable");
            }
            onPlatformThread(() -> {
                for (ByteBuffer b : buffers) {
                    if (b.hasArray()) {
                        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                        b.position(b.limit());
                    } else {
                        byte[] copy = new byte[b.remaining()];
                        b.get(copy);
                        out.write(copy);
                    }
                }
                out.flush();
                return null;
            });
        }

        @Override
        public boolean canWriteEof() {
            return out != null;
        }

        @Override
        public void writeEof() throws IOException {
            if (out == null) {
                throw new UnsupportedOperationException(name + " is not writable");
            }
            close();
        }

        @Override
        public void close() {
            closed = true;
            try {
                if (in != null) {
                    in.close();
                }
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // A child that has gone leaves a broken pipe; closing is all we want.
            }
        }


        @Override
        public SocketAddress remoteAddress() {
            return null;
        }

        @Override
        public SocketAddress localAddress() {
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Runs {@code call} on a platform thread of {@link Pipe}'s pool and waits for it; see
     * {@link Pipe}. If the waiting thread is interrupted, the platform thread is interrupted too,
     * {@code call} is waited for to its end, and the interrupt status is set again.
     */
    static <T> T onPlatformThread(Callable<T> call) throws IOException {
        PlatformCall<T> pc = new PlatformCall<>(call);
        Pipe.IO.execute(pc);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pc.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    pc.interrupt();
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A call run by {@link #onPlatformThread}, which can be interrupted before or while it runs. */
    final class PlatformCall<T> implements Runnable {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Callable<T> call;
        private Thread runner; // guarded by this
        private boolean interruptRequested; // guarded by this

        PlatformCall(Callable<T> call) {
            this.call = call;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
                if (interruptRequested) {
                    runner.interrupt();
                }
            }
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                synchronized (this) {
                    runner = null;
                }
                Thread.interrupted(); // the pool's thread goes back clean
            }
        }

        synchronized void interrupt() {
            interruptRequested = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }
}
