package dev.weft.aio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Python's asyncio stream functions: {@link #openConnection} (a TCP client) and
 * {@link #startServer} (a TCP server whose connections are served by tasks).
 *
 * <pre>{@code
 * Aio.run(() -> {
 *     try (Streams.Connection c = Streams.openConnection("127.0.0.1", 8888)) {
 *         c.writer().write("Hello World!\n".getBytes(UTF_8));
 *         c.writer().drain();
 *         byte[] reply = c.reader().readline();
 *     }
 *     return null;
 * });
 * }</pre>
 *
 * <p>Both are await points: they may be called only by a task of a running loop
 * ({@link IllegalStateException} otherwise), and they connect or bind as {@link Aio#blocking}
 * runs blocking code, so the loop runs its other tasks meanwhile. The streams they give belong to
 * that loop. All socket I/O is blocking {@link java.nio.channels.SocketChannel} I/O on the calling
 * task's virtual thread, which costs no carrier thread while it waits.
 *
 * <p><b>Errors.</b> Every network failure (a refused or reset connection, a name that does not
 * resolve, an address in use) is thrown as {@link UncheckedIOException} wrapping the
 * {@link IOException} ({@link java.net.ConnectException}, {@link java.net.SocketException},
 * {@link UnknownHostException}, {@link java.net.BindException}...); the message names the host
 * and port.
 *
 * <p><b>Security.</b> A server listens only on the address it is given. Use {@code "127.0.0.1"}
 * (or {@code "localhost"}, or the overloads without a host) to be reachable from this machine
 * alone; {@code "0.0.0.0"} or {@code "::"} to listen on every interface, which anyone who can
 * reach the machine can then connect to.
 */
public final class Streams {
    private Streams() {}

    /** How many connections may wait to be accepted, as Python's default. */
    private static final int BACKLOG = 100;

    /**
     * A connection's two streams: what {@link #openConnection} returns, Python's
     * {@code (reader, writer)} pair. {@link #close()} closes the writer, and with it the
     * connection.
     *
     * @param reader what the peer sends
     * @param writer what goes to the peer
     */
    public record Connection(StreamReader reader, StreamWriter writer) implements AutoCloseable {
        /** {@link StreamWriter#close()}: closes the connection (sending what is buffered first). */
        @Override
        public void close() {
            writer.close();
        }
    }

    /**
     * Connects to {@code host}:{@code port} over TCP: Python's {@code open_connection(host, port)}.
     * With a buffer limit of {@link StreamReader#DEFAULT_LIMIT}.
     *
     * @param host the host name or address
     * @param port the TCP port
     * @return the connection's reader and writer
     * @see #openConnection(String, int, int)
     */
    public static Connection openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Connects to {@code host}:{@code port} over TCP, trying each address the name resolves to
     * until one accepts: Python's {@code open_connection(host, port, limit=limit)}. An await
     * point: the connection is made off the loop, as {@link Aio#blocking} runs blocking code.
     * The socket has {@code TCP_NODELAY} set, as asyncio sets it.
     *
     * @param limit the reader's buffer limit (see {@link StreamReader#limit()})
     * @param host the host name or address
     * @param port the TCP port
     * @return the connection's reader and writer; close it when done
     * @throws UncheckedIOException if the connection is refused or fails, or {@code host} does not
     *     resolve (wrapping {@link java.net.ConnectException}, {@link UnknownHostException}...)
     * @throws CancellationException if the task is cancelled meanwhile (no socket is left open)
     * @throws IllegalArgumentException if {@code port} is not within 0..65535 or {@code limit} is
     *     not positive
     * @throws IllegalStateException if not called by a task of a running loop
     */
    public static Connection openConnection(String host, int port, int limit) {
        Objects.requireNonNull(host, "host");
        checkPort(port);
        StreamReader.checkLimit(limit);
        Task<?> task = Aio.requireTask("openConnection");
        SocketChannel[] opened = {null};
        SocketChannel channel;
        try {
            channel = Aio.blocking(() -> connect(host, port, opened));
        } catch (CancellationException e) {
            if (opened[0] != null) {
                closeQuietly(opened[0]);
            }
            throw e;
        }
        StreamTransport t = new StreamTransport.Socket(channel);
        return new Connection(new StreamReader(task.loop, t, limit), new StreamWriter(task.loop, t));
    }

    /** Off the loop: resolves {@code host} and connects to the first address that accepts. */
    private static SocketChannel connect(String host, int port, SocketChannel[] opened) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": unknown host", e);
        }
        IOException last = null;
        for (InetAddress a : addresses) {
            SocketChannel c = null;
            try {
                c = SocketChannel.open();
                opened[0] = c;
                c.connect(new InetSocketAddress(a, port));
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return c;
            } catch (IOException e) {
                if (c != null) {
                    closeQuietly(c);
                }
                if (Thread.currentThread().isInterrupted()) {
                    break; // cancelled: Aio.blocking throws the CancellationException
                }
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        if (last == null) {
            last = new IOException("connect interrupted");
        }
        throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": " + message(last), last);
    }

    /**
     * Starts a TCP server on the loopback address ({@link InetAddress#getLoopbackAddress()}),
     * reachable from this machine only.
     *
     * @param handler what each accepted connection runs, as a task of the loop
     * @param port the TCP port; 0 for any free port
     * @return the server, listening
     * @see #startServer(ClientHandler, String, int, int)
     */
    public static Server startServer(ClientHandler handler, int port) {
        return startServer(handler, InetAddress.getLoopbackAddress().getHostAddress(), port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Starts a TCP server on {@code host}, with a buffer limit of {@link StreamReader#DEFAULT_LIMIT}.
     *
     * @param handler what each accepted connection runs, as a task of the loop
     * @param host the host name or address to bind
     * @param port the TCP port; 0 for any free port
     * @return the server, listening
     * @see #startServer(ClientHandler, String, int, int)
     */
    public static Server startServer(ClientHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Starts a TCP server: Python's {@code start_server(client_connected_cb, host, port, limit=limit)}.
     * Binds the first address {@code host} resolves to (with {@code SO_REUSEADDR}, as asyncio
     * does) and starts serving at once: each accepted connection gets a new task of the calling
     * task's loop that runs {@code handler} (see {@link Server}). An await point: the socket is
     * bound off the loop, as {@link Aio#blocking} runs blocking code.
     *
     * @param host the address to listen on: {@code "127.0.0.1"} or {@code "localhost"} for this
     *     machine only (see the class comment)
     * @param port the port, or 0 for one the system chooses ({@link Server#port()} tells which)
     * @param limit the buffer limit of the readers handed to {@code handler}
     * @param handler what each accepted connection runs, as a task of the loop
     * @return the server, serving; close it when done
     * @throws UncheckedIOException if the address cannot be bound (wrapping
     *     {@link java.net.BindException}, {@link UnknownHostException}...)
     * @throws CancellationException if the task is cancelled meanwhile (no socket is left open)
     * @throws IllegalArgumentException if {@code port} is not within 0..65535 or {@code limit} is
     *     not positive
     * @throws IllegalStateException if not called by a task of a running loop
     */
    public static Server startServer(ClientHandler handler, String host, int port, int limit) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(host, "host");
        checkPort(port);
        StreamReader.checkLimit(limit);
        Task<?> task = Aio.requireTask("startServer");
        ServerSocketChannel[] opened = {null};
        ServerSocketChannel channel;
        try {
            channel = Aio.blocking(() -> bind(host, port, opened));
        } catch (CancellationException e) {
            if (opened[0] != null) {
                closeQuietly(opened[0]);
            }
            throw e;
        }
        Server server;
        try {
            server = new Server(task.loop, channel, handler, limit);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + message(e), e);
        }
        server.startAccepting();
        return server;
    }

    /** Off the loop: resolves {@code host} and binds a listening socket to it. */
    private static ServerSocketChannel bind(String host, int port, ServerSocketChannel[] opened) {
        ServerSocketChannel c = null;
        try {
            InetAddress a = InetAddress.getByName(host);
            c = ServerSocketChannel.open();
            opened[0] = c;
            c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.bind(new InetSocketAddress(a, port), BACKLOG);
            return c;
        } catch (IOException e) {
            if (c != null) {
                closeQuietly(c);
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + message(e), e);
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static String message(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
