package dev.weft.process.internal.worker;

import dev.weft.process.ChildJvm;
import dev.weft.process.ProcessException;
import dev.weft.process.internal.wire.FrameReader;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The parent's handle on one worker JVM: its process, its socket, and the thread that reads what
 * it sends. Not API.
 *
 * <p>Life: {@link #spawn} starts the JVM and writes the key to its standard input;
 * {@link #awaitConnected} waits until it has connected and authenticated; {@link #listen} starts
 * the reader, which hands every frame to the {@link Listener} and, when the socket ends (the
 * worker exited, crashed or was killed), makes sure the process is gone, reaps it and reports its
 * returncode once. Writes are serialized on this object.
 */
public final class Worker {
    /** How long a worker may take to start and connect before it is killed. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long a worker whose socket ended may take to exit before it is killed. */
    private static final long EXIT_GRACE_MILLIS = 2000;
    /**
     * How long a worker's last output may take to be forwarded once it is exiting or gone, before
     * whoever waits for it goes on (a descendant holding the pipes open cannot hold it up longer).
     */
    private static final long OUTPUT_WAIT_MILLIS = 1000;

    /** Receives a worker's frames and its end; called on the worker's reader thread. */
    public interface Listener {
        /** A frame; {@code payload} is valid only during the call. */
        void onFrame(Worker worker, int type, ByteBuffer payload);

        /** The worker ended with {@code returncode} (negative: killed by that signal). Called once. */
        void onExit(Worker worker, int returncode);

        /**
         * The worker said it is exiting with {@code status}, and what it wrote to its standard
         * output and error before that has been forwarded (or a second has passed waiting for it).
         * Its JVM still has to go down, which takes some milliseconds; {@link #onExit} follows once it
         * has been reaped, with the status the system reports. At most once, before {@code onExit};
         * not at all for the worker that writes the class-data-sharing archive at its exit.
         */
        default void onExiting(Worker worker, int status) {}

        /**
         * The frames that arrived together have all been handed to {@link #onFrame}, and the reader
         * is about to wait for more: the moment to flush what the frames made the listener write.
         */
        default void onIdle(Worker worker) {}
    }

    private final ChildJvm spec;
    private final Popen<byte[]> process;
    private final JvmCommand.Line command;
    private final long id;
    private final CompletableFuture<WorkerServer.Connected> connection;
    private volatile String name;
    private SocketChannel channel;
    private FrameReader reader;
    private FrameWriter writer;
    private volatile boolean closed;
    /** Counted down by each output forwarder when its stream ends. */
    private final java.util.concurrent.CountDownLatch outputDone = new java.util.concurrent.CountDownLatch(2);
    /** What the forwarders have passed on of the worker's standard output and error (null: inherited). */
    private Forwarded stdout;
    private Forwarded stderr;

    private Worker(ChildJvm spec, Popen<byte[]> process, JvmCommand.Line command, long id,
            CompletableFuture<WorkerServer.Connected> connection) {
        this.spec = spec;
        this.process = process;
        this.command = command;
        this.id = id;
        this.connection = connection;
        this.name = "worker-" + id;
    }

    /**
     * Starts a worker JVM. Does not wait for it to connect.
     *
     * @throws ProcessException if the JVM cannot be started
     */
    public static Worker spawn(ChildJvm spec) {
        return spawn(spec, false);
    }

    /** Starts a worker JVM; a {@code spare} warms up before it connects, so connected means warm. */
    static Worker spawn(ChildJvm spec, boolean spare) {
        WorkerServer server = WorkerServer.get();
        CompletableFuture<WorkerServer.Connected> connection = new CompletableFuture<>();
        long id = server.expect(connection);
        JvmCommand.Line line = JvmCommand.build(spec, server.socket(), id, spare);
        Options<byte[]> options = Options.defaults().stdin(Redirect.PIPE);
        if (spec.inheritsOutput()) {
            options = options.stdout(Redirect.INHERIT).stderr(Redirect.INHERIT);
        } else {
            options = options.stdout(Redirect.PIPE).stderr(Redirect.PIPE);
        }
        Popen<byte[]> p;
        try {
            p = new Popen<>(line.args(), options);
        } catch (RuntimeException e) {
            server.forget(id);
            JvmCommand.abandon(line);
            throw new ProcessException("cannot start a worker JVM: " + e.getMessage(), e);
        }
        Worker w = new Worker(spec, p, line, id, connection);
        if (!spec.inheritsOutput()) {
            w.stdout = forward(p.stdout(), () -> System.out, w);
            w.stderr = forward(p.stderr(), () -> System.err, w);
        } else {
            w.outputDone.countDown();
            w.outputDone.countDown();
        }
        try {
            OutputStream stdin = p.stdin();
            stdin.write(server.key());
            if (spare) {
                Spares.writePreload(spec, stdin); // the targets it prepares for (Preload)
            }
            stdin.flush(); // and keep it open: its end tells the worker the parent is gone
        } catch (IOException e) {
            // the JVM died at once; awaitConnected reports its returncode
        }
        return w;
    }

    /**
     * Waits until the worker has connected and authenticated, at most {@link #START_TIMEOUT}.
     *
     * @throws ProcessException if it exited first (naming its returncode) or took too long (it is
     *     then killed)
     * @throws InterruptedException if interrupted; the worker is killed
     */
    public void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (true) {
                try {
                    WorkerServer.Connected c = connection.get(50, TimeUnit.MILLISECONDS);
                    channel = c.channel();
                    reader = c.reader();
                    writer = new FrameWriter(channel);
                    return;
                } catch (TimeoutException e) {
                    OptionalInt rc = process.poll();
                    if (rc.isPresent()) {
                        WorkerServer.get().forget(id);
                        JvmCommand.abandon(command);
                        throw new ProcessException("worker JVM " + name + " (pid " + process.pid()
                                + ") exited during start-up, " + describeExit(rc.getAsInt())
                                + "; its standard error is forwarded above");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        kill();
                        WorkerServer.get().forget(id);
                        JvmCommand.abandon(command);
                        throw new ProcessException("worker JVM " + name + " (pid " + process.pid()
                                + ") did not connect within " + START_TIMEOUT + "; killed");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new ProcessException("worker " + name + " failed to connect", e.getCause());
        } catch (InterruptedException e) {
            kill();
            WorkerServer.get().forget(id);
            throw e;
        }
    }

    /** Starts the reader thread, which reports to {@code listener}. Call once, after connecting. */
    public void listen(Listener listener) {
        Thread.ofPlatform().daemon().name("weft-" + name + "-reader").start(() -> read(listener));
    }

    /**
     * Does on the calling thread what {@link #listen}'s thread does: hands every frame to
     * {@code listener} and returns once the worker is gone, reaped and reported. Call once, after
     * connecting, instead of {@code listen}.
     */
    void read(Listener listener) {
        try {
            for (int type; (type = reader.next()) != FrameReader.END_OF_STREAM; ) {
                if (type == Protocol.EXITING) {
                    closeInputs(); // see WorkerMain.exit: its reads must end before it goes down
                    exiting(listener, reader.payload());
                    continue;
                }
                listener.onFrame(this, type, reader.payload());
                if (!reader.hasBufferedFrame()) {
                    listener.onIdle(this);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the worker died, or broke the protocol: either way it is finished
        }
        closed = true;
        WorkerServer.closeQuietly(channel);
        int rc = reap();
        if (rc == 0) {
            JvmCommand.publish(command);
        } else {
            JvmCommand.abandon(command);
        }
        listener.onExit(this, rc);
    }

    /**
     * The worker is exiting: waits (at most {@link #OUTPUT_WAIT_MILLIS}) until the forwarders have
     * passed on every byte it says it wrote, then tells the listener. Not the worker that writes
     * the class-data-sharing archive: it still has the archive to write at its exit (hundreds of
     * milliseconds of CPU, once per class path), and whoever waits for it should find the archive
     * in place and the CPUs free, so it is reported when it has exited ({@link Listener#onExit}).
     */
    private void exiting(Listener listener, ByteBuffer payload) {
        if (command.archiveToPublish() != null) {
            return;
        }
        int status = payload.getInt();
        long outBytes = payload.getLong();
        long errBytes = payload.getLong();
        long deadline = System.nanoTime() + OUTPUT_WAIT_MILLIS * 1_000_000;
        if (stdout != null) {
            stdout.await(outBytes, deadline);
            stderr.await(errBytes, deadline);
        }
        listener.onExiting(this, status);
    }

    /** Closes the worker's standard input and the write side of its socket. */
    private void closeInputs() {
        try {
            process.stdin().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Waits a little for the process to exit, then kills it; returns the returncode. */
    int reap() {
        boolean interrupted = false;
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    return process.waitFor(Duration.ofMillis(attempt == 0 ? EXIT_GRACE_MILLIS : 10_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (RuntimeException e) { // still running: its socket is gone, so it is of no use
                    process.kill();
                }
            }
        } finally {
            try {
                process.stdin().close(); // stdout and stderr stay with the forwarders until they drain
            } catch (IOException e) {
                // already closed
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues a frame (sent at the next {@link #flush()} or when the buffer fills).
     *
     * @throws IOException if the socket failed; the worker is then as good as dead, and its reader
     *     reports its exit
     */
    public synchronized void send(int type, ByteBuffer payload) throws IOException {
        writer.write(type, payload);
    }

    /** Sends every queued frame. */
    public synchronized void flush() throws IOException {
        writer.flush();
    }

    /** Asks the worker to exit cleanly; its reader reports the exit. */
    public void stop() {
        try {
            synchronized (this) {
                writer.write(Protocol.STOP, ByteBuffer.allocate(0));
                writer.flush();
            }
        } catch (IOException | RuntimeException e) {
            kill();
        }
    }

    /** Kills the worker with SIGKILL (whatever it is doing); its reader reports the exit. */
    public void kill() {
        process.kill();
    }

    /** The shared timer for start-up deadlines and task timeouts (one daemon thread). */
    public static java.util.concurrent.ScheduledExecutorService timer() {
        return WorkerServer.get().timer();
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.terminate();
    }

    /**
     * Waits (at most {@link #OUTPUT_WAIT_MILLIS}) until everything the worker wrote has been
     * forwarded (its output streams ended), so that a joined process's last lines come before what
     * the parent prints next.
     */
    public void awaitOutput() throws InterruptedException {
        outputDone.await(OUTPUT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the socket has ended. */
    public boolean isClosed() {
        return closed;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public ChildJvm spec() {
        return spec;
    }

    /** The returncode if the process has been reaped. */
    public OptionalInt returncode() {
        return process.returncode();
    }

    /** "exited with code 3", "was killed by signal 9 (SIGKILL)". */
    public static String describeExit(int returncode) {
        if (returncode < 0) {
            return "was killed by signal " + (-returncode) + signalName(-returncode);
        }
        return switch (returncode) {
            case WorkerMain.EXIT_FATAL -> "exited after a fatal error (OutOfMemoryError or another VirtualMachineError)";
            case WorkerMain.EXIT_INIT_FAILED -> "exited because its initializer failed";
            default -> "exited with code " + returncode;
        };
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    // ------------------------------------------------------------------ output

    /** Copies a child's stream to the parent's, whole lines at a time, prefixed when asked. */
    /**
     * What one forwarder has passed on of one of the worker's output streams: the bytes read, and
     * the line not yet ended. Guarded by itself.
     */
    private static final class Forwarded {
        private final Supplier<PrintStream> target;
        private final Worker worker;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private long read;
        private boolean ended;

        Forwarded(Supplier<PrintStream> target, Worker worker) {
            this.target = target;
            this.worker = worker;
        }

        /** Passes on the complete lines of {@code n} more bytes and keeps the rest of the last one. */
        synchronized void add(byte[] buf, int n, boolean more) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.write(buf, start, i + 1 - start);
                    emit(line, target.get(), worker);
                    start = i + 1;
                }
            }
            line.write(buf, start, n - start);
            if (!more && line.size() >= 65536) {
                emit(line, target.get(), worker); // a very long line without end: pass it on in pieces
            }
            read += n;
            notifyAll();
        }

        /** The stream ended: passes on its last line, ended with a newline if it had none. */
        synchronized void end() {
            endLine();
            ended = true;
            notifyAll();
        }

        private void endLine() {
            if (line.size() > 0) {
                line.write('\n');
                emit(line, target.get(), worker);
            }
        }

        /**
         * Waits until {@code bytes} bytes have been read (or the stream ended, or the deadline
         * passed), then passes on the line they left unended: the worker wrote nothing after them.
         */
        synchronized void await(long bytes, long deadline) {
            boolean interrupted = false;
            long left;
            while (read < bytes && !ended && (left = deadline - System.nanoTime()) > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true; // the reader thread's: only its end stops it
                }
            }
            if (read >= bytes) {
                endLine();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Forwarded forward(InputStream in, Supplier<PrintStream> target, Worker w) {
        Forwarded f = new Forwarded(target, w);
        // A platform thread: the posix launcher's pipes block in poll(2) through FFM, which would pin a
        // virtual thread's carrier and starve every other virtual thread.
        Thread.ofPlatform().daemon().name("weft-output-" + w.id).start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    f.add(buf, n, in.available() > 0);
                }
            } catch (IOException e) {
                // the child is gone
            }
            f.end();
            w.outputDone.countDown();
        });
        return f;
    }

    private static void emit(java.io.ByteArrayOutputStream line, PrintStream out, Worker w) {
        byte[] prefix = w.spec.prefixesOutput() ? ("[" + w.name + "] ").getBytes(StandardCharsets.UTF_8) : null;
        synchronized (out) {
            if (prefix != null) {
                out.write(prefix, 0, prefix.length);
            }
            out.write(line.toByteArray(), 0, line.size());
            out.flush();
        }
        line.reset();
    }
}
