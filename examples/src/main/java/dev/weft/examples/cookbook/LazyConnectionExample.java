package dev.weft.examples.cookbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python Cookbook, 12.6 "Storing Thread-Specific State": {@code LazyConnection}, one object
 * shared by two threads, each of which gets its own socket from it, kept in a
 * {@code threading.local()}; each thread sends an HTTP request and counts the bytes of the
 * response.
 *
 * <p>{@code threading.local()} becomes a {@link ThreadLocal}{@code <Socket>}. The context manager
 * ({@code __enter__} connects and returns this thread's socket, {@code __exit__} closes it and
 * forgets it) becomes {@link LazyConnection#open()}, which returns an {@link AutoCloseable}
 * {@link LazyConnection.Opened} for try-with-resources. A second {@code open()} in a thread that
 * is connected already fails with {@link IllegalStateException} ("Already connected"), Python's
 * {@code RuntimeError}. {@code b''.join(iter(partial(s.recv, 8192), b''))} reads to end of stream:
 * {@link InputStream#readAllBytes()}.
 *
 * <p>The notebook talked to www.python.org; this example never leaves the machine. It starts its
 * own small HTTP/1.0 server on 127.0.0.1 (an ephemeral port), which answers every request with a
 * response of exactly 400 bytes, as python.org did in the notebook.
 *
 * <pre>{@code
 * Got 400 bytes
 * Got 400 bytes
 * false
 * the server answered 2 connections
 * }</pre>
 * ({@code false} is {@code t1.is_alive()} after the join.)
 */
public final class LazyConnectionExample {
    private LazyConnectionExample() {}

    /** The Cookbook's {@code LazyConnection}: a connection per thread, opened when asked for. */
    public static final class LazyConnection {
        private final InetSocketAddress address;
        private final ThreadLocal<Socket> local = new ThreadLocal<>();

        public LazyConnection(InetSocketAddress address) {
            this.address = address;
        }

        /** This thread's connection; closing it closes the socket. */
        public final class Opened implements AutoCloseable {
            private final Socket sock;

            private Opened(Socket sock) {
                this.sock = sock;
            }

            public Socket socket() {
                return sock;
            }

            /** {@code __exit__}: closes this thread's socket and forgets it. */
            @Override
            public void close() throws IOException {
                try {
                    sock.close();
                } finally {
                    local.remove();
                }
            }
        }

        /**
         * {@code __enter__}: connects a socket for the current thread.
         *
         * @throws IllegalStateException if the current thread is connected already
         */
        public Opened open() throws IOException {
            if (local.get() != null) {
                throw new IllegalStateException("Already connected");
            }
            Socket sock = new Socket();
            local.set(sock);
            try {
                sock.connect(address);
            } catch (IOException | RuntimeException e) {
                local.remove();
                sock.close();
                throw e;
            }
            return new Opened(sock);
        }
    }

    static void test(LazyConnection conn, PrintStream out) {
        byte[] resp;
        try (var c = conn.open()) {
            Socket s = c.socket();
            OutputStream send = s.getOutputStream();
            send.write("GET /index.html HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
            send.write("Host: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            send.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            send.flush();
            resp = s.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Got " + resp.length + " bytes");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out);
    }

    /** Runs the listing against a server of its own, printing to {@code out}. */
    public static void run(PrintStream out) throws IOException, InterruptedException {
        try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
            LazyConnection conn = new LazyConnection(server.address());
            Thread t1 = Thread.ofPlatform().unstarted(() -> test(conn, out));
            Thread t2 = Thread.ofPlatform().unstarted(() -> test(conn, out));
            t1.start();
            t2.start();
            t1.join();
            t2.join();

            out.println(t1.isAlive());
            out.println("the server answered " + server.served() + " connections");
        }
    }

    /**
     * A stand-in for www.python.org: an HTTP/1.0 server on 127.0.0.1 that reads each request up
     * to its blank line and answers it with {@link #RESPONSE}, 400 bytes, then closes the
     * connection. One thread serves the connections one after the other until {@link #close()}.
     */
    static final class LoopbackHttpServer implements AutoCloseable {
        static final byte[] RESPONSE = response(400);

        private final ServerSocket serverSocket;
        private final Thread thread;
        private final AtomicInteger served = new AtomicInteger();

        private LoopbackHttpServer(ServerSocket serverSocket) {
            this.serverSocket = serverSocket;
            this.thread = Thread.ofPlatform().daemon().name("loopback-http").unstarted(this::serve);
        }

        static LoopbackHttpServer start() throws IOException {
            LoopbackHttpServer server =
                    new LoopbackHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            server.thread.start();
            return server;
        }

        InetSocketAddress address() {
            return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
        }

        int served() {
            return served.get();
        }

        private void serve() {
            while (true) {
                try (Socket s = serverSocket.accept()) {
                    readRequest(s.getInputStream());
                    s.getOutputStream().write(RESPONSE);
                    served.incrementAndGet();
                } catch (SocketException e) {
                    if (serverSocket.isClosed()) {
                        return; // close() was called
                    }
                } catch (IOException e) {
                    // a client that went away: serve the next one
                }
            }
        }

        /** Reads up to and including the blank line that ends the request head. */
        private static void readRequest(InputStream in) throws IOException {
            int matched = 0; // how much of "\r\n\r\n" was just read
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        /** A complete HTTP/1.0 response of exactly {@code size} bytes. */
        private static byte[] response(int size) {
            for (int bodyLength = 0; bodyLength <= size; bodyLength++) {
                String head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                        + bodyLength + "\r\n\r\n";
                if (head.length() + bodyLength == size) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < bodyLength; i++) {
                        bytes.write(i % 64 == 63 ? '\n' : 'x');
                    }
                    return bytes.toByteArray();
                }
            }
            throw new IllegalArgumentException("no response of " + size + " bytes");
        }

        /** Stops the server and waits for its thread to end. */
        @Override
        public void close() throws IOException {
            serverSocket.close(); // makes the pending accept() throw
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
