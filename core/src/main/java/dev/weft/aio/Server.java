package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A listening socket whose connections are each served by a {@link ClientHandler} running as a
 * task of one loop: Python's {@code asyncio.Server}, made by {@link Streams#startServer}.
 *
 * <pre>{@code
 * Aio.run(() -> {
 *     try (Server server = Streams.startServer((reader, writer) -> {
 *         byte[] line;
 *         while ((line = reader.readline()).length > 0) {
 *             writer.write(line);
 *             writer.drain();
 *         }
 *     }, "127.0.0.1", 8888)) {
 *         server.serveForever();
 *     }
 *     return null;
 * });
 * }</pre>
 *
 * <p>A server starts serving when it is made: a platform thread of its own accepts connections and
 * hands each one to the loop, which starts a task for it (in the next iteration, even if the loop
 * is busy until then; connections accepted while the loop does not run wait for it). The handler's
 * task holds the loop like any other task. When the handler returns or throws, the server closes
 * the connection; a handler's exception is reported to the loop's exception handler and does not
 * stop the server.
 *
 * <p><b>Closing.</b> {@link #close()} stops listening at once (the listening socket is closed) but
 * leaves the connections being served alone; {@link #waitClosed()} then waits for their handlers
 * to end, as Python 3.12's {@code wait_closed}. {@link #abortClients()} cuts the connections
 * short. A server left open when its loop closes stops accepting at its next connection; close
 * it (try-with-resources) rather than rely on that.
 *
 * <p><b>Threads.</b> {@link #close()}, {@link #abortClients()}, {@link #address()},
 * {@link #port()} and {@link #isServing()} may be called from any thread;
 * {@link #serveForever()} and {@link #waitClosed()} are await points for the tasks of the
 * server's loop.
 */
public final class Server implements AutoCloseable {
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private final ClientHandler handler;
    private final int limit;
    private volatile boolean closed;

    // Touched only by holders of the loop.
    private final Map<Task<?>, StreamTransport> connections = new LinkedHashMap<>();
    private final SettableFuture<Void> allDone = new SettableFuture<>();
    private SettableFuture<Void> servingForever;

    Server(EventLoop loop, ServerSocketChannel channel, ClientHandler handler, int limit) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.handler = handler;
        this.limit = limit;
    }

    /** The thread that accepts connections, once started. */
    private volatile Thread acceptor;

    /** Starts the thread that accepts connections. */
    void startAccepting() {
        acceptor = Thread.ofPlatform().daemon().name("weft-server-" + address).start(this::acceptLoop);
    }

    /** {@return the address the server listens on, with the port it was given (the real one for port 0)} */
    public InetSocketAddress address() {
        return address;
    }

    /** {@return the port the server listens on: the one the system chose when it was asked for port 0} */
    public int port() {
        return address.getPort();
    }

    /** {@return the loop that runs the handlers: Python's {@code get_loop()}} */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * {@return whether the server accepts connections, that is, is not closed: Python's {@code is_serving()}}
     */
    public boolean isServing() {
        return !closed;
    }

    /**
     * Waits while the server serves, until it is closed: Python's {@code serve_forever()}. The
     * server serves whether or not a task calls this; it is the usual last line of a server's main
     * task. Returns once {@link #close()} has been called (without waiting for the handlers: see
     * {@link #waitClosed()}). If the calling task is cancelled, closes the server, waits for its
     * handlers as {@link #waitClosed()} does, and throws the {@link CancellationException}.
     * (Python's {@code serve_forever} raises {@code CancelledError} in both cases.)
     *
     * @throws CancellationException if the calling task is cancelled
     * @throws IllegalStateException if the server is closed, another task is in
     *     {@code serveForever}, or the caller is not a task of the server's running loop
     */
    public void serveForever() {
        checkTask("serveForever");
        if (servingForever != null) {
            throw new IllegalStateException("server " + address + " is already being awaited on serveForever()");
        }
        if (closed) {
            throw new IllegalStateException("server " + address + " is closed");
        }
        SettableFuture<Void> f = new SettableFuture<>();
        servingForever = f;
        try {
            Aio.await(f);
        } catch (CancellationException e) {
            close();
            try {
                waitClosed();
            } catch (CancellationException again) {
                // cancelled once more while it waited: the first cancellation is thrown below
            }
            throw e;
        } finally {
            servingForever = null;
        }
    }

    /**
     * Stops listening: Python's {@code close()}. The listening socket is closed at once, so new
     * connections are refused; connections being served are left to their handlers (see
     * {@link #abortClients()}). Does not wait; {@link #waitClosed()} does. Idempotent; any thread
     * may call it.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeListening();
        }
        if (loop.holdsLoop() || loop.isClosed()) {
            afterClose();
        } else {
            loop.runOnLoop(this::afterClose);
        }
    }

    /**
     * Closes every connection being served at once, dropping what is buffered for it: Python
     * 3.13's {@code abort_clients()}. Their handlers see end-of-file in a read and an
     * {@link java.io.UncheckedIOException} in a drain. Any thread may call it; from a thread that
     * does not hold the loop, it takes effect when the loop next runs.
     */
    public void abortClients() {
        if (!loop.holdsLoop() && !loop.isClosed()) {
            loop.runOnLoop(this::abortClients);
            return;
        }
        for (StreamTransport t : List.copyOf(connections.values())) {
            t.close();
        }
    }

    /**
     * Waits until the server is closed and every handler it started has ended: Python's
     * {@code wait_closed()} (3.12 and later). An await point, as {@link Aio#await}; it does not
     * close the server. Cancelling the waiting task leaves the server as it is.
     *
     * @throws CancellationException if the calling task is cancelled while it waits
     * @throws IllegalStateException if the caller is not a task of the server's running loop
     */
    public void waitClosed() {
        checkTask("waitClosed");
        Aio.await(Aio.shield(allDone));
    }

    private void checkTask(String what) {
        Task<?> t = Aio.requireTask(what);
        if (t.loop != loop) {
            throw new IllegalStateException(what + ": this server belongs to another event loop");
        }
    }

    private void afterClose() {
        SettableFuture<Void> f = servingForever;
        if (f != null) {
            f.setResult(null);
        }
        checkAllDone();
    }

    private void checkAllDone() {
        if (closed && connections.isEmpty()) {
            allDone.setResult(null);
        }
    }

    /**
     * Closes the listening socket and waits (briefly) for the accepting thread to leave its
     * {@code accept}: the kernel keeps a socket listening while a thread is inside {@code accept}
     * on it, even once its descriptor is closed, so without the wait a connection made just after
     * {@link #close()} could still be accepted. The accepting thread is a platform thread, which the
     * JDK wakes from {@code accept} at once with a signal (a virtual thread would need a carrier
     * first, maybe the one this thread is using).
     */
    private void closeListening() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was pending on a listening socket
        }
        Thread a = acceptor;
        if (a != null && a != Thread.currentThread()) {
            boolean interrupted = false;
            try {
                a.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The accepting thread: hands each connection to the loop until the socket is closed. */
    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed || !channel.isOpen()) {
                    break;
                }
                // Such as too many open files: report it, pause and go on, as Python does.
                try {
                    loop.callSoonThreadsafe(() -> loop.callExceptionHandler(new EventLoop.ExceptionContext(
                            "error accepting a connection on " + address, e, this)));
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (IllegalStateException | InterruptedException stop) {
                    close();
                    break;
                }
                continue;
            }
            try {
                loop.callSoonThreadsafe(() -> connected(c));
            } catch (IllegalStateException loopClosed) {
                closeQuietly(c);
                closed = true;
                closeListening();
                break;
            }
        }
    }

    /** On the loop: starts a handler task for a new connection. */
    private void connected(SocketChannel c) {
        if (closed) {
            closeQuietly(c);
            return;
        }
        try {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException ignored) {
            // a connection already gone: its handler will see that
        }
        StreamTransport t = new StreamTransport.Socket(c);
        StreamReader reader = new StreamReader(loop, t, limit);
        StreamWriter writer = new StreamWriter(loop, t);
        Task<Void> task;
        try {
            task = loop.createTask(() -> serve(reader, writer), "client " + t.remoteAddress() + " of server " + address);
        } catch (IllegalStateException loopClosing) {
            t.close();
            return;
        }
        connections.put(task, t);
        task.addDoneCallback(f -> loop.runOnLoop(() -> {
            connections.remove(task);
            checkAllDone();
        }));
    }

    /** The body of a connection's task. */
    private Void serve(StreamReader reader, StreamWriter writer) {
        try {
            handler.handle(reader, writer);
        } catch (CancellationException e) {
            throw e;
        } catch (Throwable e) {
            loop.callExceptionHandler(new EventLoop.ExceptionContext(
                    "Unhandled exception in client handler of server " + address, e, this));
        } finally {
            writer.close();
            try {
                writer.waitClosed(); // the last buffered bytes go before the handler counts as done
            } catch (java.io.UncheckedIOException peerGone) {
                // a client that went away cannot be told anything more
            }
        }
        return null;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }

    @Override
    public String toString() {
        return "Server[" + address + (closed ? ", closed" : ", serving") + "]";
    }
}
