package dev.weft.examples.cookbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Python Cookbook, 12.1 "Starting and Stopping Threads", fourth listing: {@code IOTask}, a thread
 * blocked in socket I/O that can still be terminated, because it reads with a timeout
 * ({@code sock.settimeout(5)}) and checks its {@code _running} flag after each
 * {@code socket.timeout}.
 *
 * <p>{@code settimeout} becomes {@link Socket#setSoTimeout(int)}, and {@code socket.timeout}
 * becomes {@link SocketTimeoutException}, after which the socket is still usable. The flag is
 * {@code volatile}. (The listing never sets {@code _running} before {@code run} reads it; here it
 * starts {@code true}.) The example runs the task twice against a socket pair on 127.0.0.1 that it
 * opens itself: once the peer sends data, and the task returns it; once the peer stays silent, and
 * {@code terminate()} stops the task within one timeout.
 *
 * <pre>{@code
 * IOTask received: hello
 * IOTask terminated before any data came
 * }</pre>
 */
public final class IOTaskExample {
    private IOTaskExample() {}

    /** The read timeout, after which the task checks its flag; the seed's is 5 s. */
    static final Duration TIMEOUT = Duration.ofMillis(20);
    /** How long the silent peer lets the task wait before terminating it. */
    static final Duration TERMINATE_AFTER = Duration.ofMillis(60);

    /** The Cookbook's {@code IOTask}. */
    public static final class IOTask {
        private volatile boolean running = true;

        /** Asks the task to stop; it does within one read timeout. Never blocks. */
        public void terminate() {
            running = false;
        }

        /**
         * Reads from {@code sock} until data comes (returned; empty at end of stream) or the task
         * is terminated (returns null).
         */
        public byte[] run(Socket sock) throws IOException {
            // sock is a socket
            sock.setSoTimeout((int) TIMEOUT.toMillis()); // set timeout period
            InputStream in = sock.getInputStream();
            byte[] buffer = new byte[8192];
            while (running) {
                // perform a blocking I/O operation w/ timeout
                try {
                    int n = in.read(buffer);
                    return n < 0 ? new byte[0] : Arrays.copyOf(buffer, n);
                } catch (SocketTimeoutException e) {
                    continue;
                }
            }
            return null;
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out);
    }

    /** Starts a thread that runs {@code task} on {@code sock} and prints what came of it. */
    private static Thread startTask(IOTask task, Socket sock, PrintStream out) {
        return Thread.ofPlatform().name("IOTask").start(() -> {
            try {
                byte[] data = task.run(sock);
                // continued processing
                out.println(data == null
                        ? "IOTask terminated before any data came"
                        : "IOTask received: " + new String(data, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs the listing, printing to {@code out}; returns once both tasks have ended. */
    public static void run(PrintStream out) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            // 1. The peer sends data: the task returns it.
            try (Socket sock = new Socket(loopback, server.getLocalPort());
                    Socket peer = server.accept()) {
                Thread t = startTask(new IOTask(), sock, out);
                OutputStream toTask = peer.getOutputStream();
                toTask.write("hello".getBytes(StandardCharsets.UTF_8));
                toTask.flush();
                t.join();
            }

            // 2. The peer stays silent: the task times out again and again until terminated.
            try (Socket sock = new Socket(loopback, server.getLocalPort());
                    Socket _ = server.accept()) {
                IOTask task = new IOTask();
                Thread t = startTask(task, sock, out);
                Thread.sleep(TERMINATE_AFTER);
                task.terminate();
                t.join();
            }
        }
    }
}
