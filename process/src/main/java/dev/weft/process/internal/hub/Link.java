package dev.weft.process.internal.hub;

import dev.weft.process.internal.wire.FrameReader;
import dev.weft.process.internal.wire.FrameTooLargeException;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.WaitingWriteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One authenticated connection carrying frames both ways. Not API.
 *
 * <p>The socket is non-blocking, so any thread may write to it or read from it without an interrupt
 * closing it (a thread interrupted while blocked in a blocking channel closes the channel, failing
 * the connection for every user of it). Reading: a reader thread waits in a {@link Selector} and
 * hands each whole frame to the {@link Handler}; a thread waiting for a reply may read and handle
 * frames itself meanwhile ({@link #pollUntil}), which saves the reader thread's wake-up, most of a
 * round trip's time on a virtual machine. A link made with a spin time keeps reading for that long
 * after its last frame before its reader thread sleeps, so that the next request of a caller in a
 * loop is read at once (at most {@link #MAX_SPINNERS} readers of this process spin at a time).
 * Writing: {@link #send} queues a frame for a writer thread, which batches whatever has piled up
 * into one write; {@link #sendDirect} writes in the calling thread when nothing queued is waiting
 * (order is kept: a frame queued earlier goes first); {@link #sendNow} writes in the calling thread
 * in any case.
 */
final class Link {
    /** What a link reports to its owner. */
    interface Handler {
        /**
         * A frame arrived; runs in the reader thread, or in a thread waiting in {@link #pollUntil},
         * one at a time and in order. Throwing closes the link.
         */
        void frame(int type, ByteBuffer payload) throws IOException;

        /** The link closed (once): {@code cause} is null for a clean end of stream or a local close. */
        void closed(Throwable cause);
    }

    /** How long the reader of a hub's connection reads on after a frame before it sleeps. */
    static final long SERVE_SPIN_NANOS = 50_000;

    /**
     * Readers of this process spinning at most at a time: spinning pays only while another CPU runs
     * the peer, so one CPU is always left to the rest.
     */
    static final int MAX_SPINNERS = Runtime.getRuntime().availableProcessors() / 2;
    /** Whether waiting by spinning can pay here at all: only with another CPU to run the peer. */
    private static final boolean SPINNING_PAYS = MAX_SPINNERS > 0;
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    private static final ByteBuffer POISON = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final Selector selector;
    private final String name;
    private final long spinNanos;
    private final FrameReader reader; // guarded by reading
    private final FrameWriter writer; // guarded by writing
    private final LinkedBlockingQueue<Object> out = new LinkedBlockingQueue<>();
    /** Frames given to the writer thread and not yet written: a direct write waits its turn behind them. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while frames are read and handled, by the reader thread or a polling caller. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Held while frames are written, by the writer thread or a direct sender. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile Handler handler;

    /**
     * A link over {@code channel}, authenticated and in blocking mode (as the handshake leaves it);
     * it is made non-blocking here.
     *
     * @param spinNanos how long the reader thread reads on after a frame before it sleeps (0: not at all)
     * @throws IOException if the channel cannot be made non-blocking or no selector can be opened
     */
    Link(SocketChannel channel, String name, int maxFrameSize, long spinNanos) throws IOException {
        this.channel = channel;
        this.name = name;
        this.spinNanos = spinNanos;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.reader = FrameReader.polling(channel, FrameWriter.DEFAULT_BUFFER_SIZE, maxFrameSize);
        this.writer = new FrameWriter(new WaitingWriteChannel(channel), FrameWriter.DEFAULT_BUFFER_SIZE, maxFrameSize);
    }

    /** Starts the reader and writer threads. */
    void start(Handler h) {
        this.handler = h;
        Thread.ofPlatform().daemon().name(name + "-reader").start(this::readLoop);
        Thread.ofPlatform().daemon().name(name + "-writer").start(this::writeLoop);
    }

    /** The largest payload a frame may carry. */
    int maxFrameSize() {
        return writer.maxFrameSize();
    }

    /**
     * Queues a frame for the writer thread. Never blocks.
     *
     * @return false if the link is closed (the frame is dropped)
     * @throws FrameTooLargeException if the payload is over the frame limit (nothing is queued)
     */
    boolean send(int type, ByteBuffer payload) throws FrameTooLargeException {
        checkSize(payload);
        if (closed.get()) {
            return false;
        }
        enqueue(new Out(type, payload, null));
        return true;
    }

    private void enqueue(Out frame) {
        queued.incrementAndGet(); // before it is visible: a direct sender must see it waiting
        out.add(frame);
    }

    /**
     * Writes a frame in the calling thread if no queued frame is waiting and no other thread is
     * writing, else queues it as {@link #send} does. A direct write waits only while the peer's
     * receive buffer is full, whatever the interrupt status (which it keeps).
     *
     * @return false if the link is closed (the frame is dropped)
     * @throws FrameTooLargeException if the payload is over the frame limit (nothing is sent)
     */
    boolean sendDirect(int type, ByteBuffer payload) throws FrameTooLargeException {
        checkSize(payload);
        if (closed.get()) {
            return false;
        }
        if (writing.tryLock()) {
            try {
                if (queued.get() == 0) {
                    return writeNow(type, payload);
                }
            } finally {
                writing.unlock();
            }
        }
        enqueue(new Out(type, payload, null));
        return true;
    }

    /**
     * Writes a frame at once, in the calling thread; frames queued by {@link #send} may go before
     * or after it. Saves the writer thread's wake-up for a reply made in the reader thread.
     *
     * @return false if the link is closed (the frame is dropped)
     * @throws FrameTooLargeException if the payload is over the frame limit
     */
    boolean sendNow(int type, ByteBuffer payload) throws FrameTooLargeException {
        checkSize(payload);
        if (closed.get()) {
            return false;
        }
        writing.lock();
        try {
            return writeNow(type, payload);
        } finally {
            writing.unlock();
        }
    }

    /** Writes and flushes one frame; the caller holds {@link #writing}. */
    private boolean writeNow(int type, ByteBuffer payload) {
        try {
            writer.write(type, payload);
            writer.flush();
            return true;
        } catch (IOException e) {
            close(e);
            return false;
        }
    }

    private void checkSize(ByteBuffer payload) throws FrameTooLargeException {
        if (payload.remaining() > writer.maxFrameSize()) {
            throw new FrameTooLargeException(payload.remaining(), writer.maxFrameSize());
        }
    }

    /**
     * For a thread waiting for {@code done}, a reply this link will bring: reads and handles
     * arriving frames in this thread (any frame, for whoever it is) until {@code done} is complete
     * or {@code nanos} have passed, spinning meanwhile; on a machine with one CPU, where the reply
     * cannot come meanwhile, returns at once. Never blocks; a failure of the link closes it (and so
     * completes the waiting calls) rather than being thrown here.
     */
    void pollUntil(Future<?> done, long nanos) {
        if (!SPINNING_PAYS) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        while (!done.isDone() && !closed.get()) {
            if (reading.tryLock()) {
                try {
                    readAvailable();
                } catch (IOException | RuntimeException e) {
                    close(e);
                } finally {
                    reading.unlock();
                }
            }
            if (done.isDone() || System.nanoTime() - deadline >= 0) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes the channel and reports {@code cause} to the handler, once. */
    void close(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            // Wakes a reader thread blocked in select (it then sees the link closed) and releases
            // the socket's registration, so its descriptor is freed even if no reader ever ran.
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        out.add(POISON);
        Handler h = handler;
        if (h != null) {
            h.closed(cause);
        }
    }

    private record Out(int type, ByteBuffer payload, java.util.concurrent.CompletableFuture<Void> written) {}

    /**
     * Queues a frame and waits until the writer thread has handed it to the operating system, as a
     * socket write does (so that it survives this process's exit). Waits as long as that takes; an
     * interrupt does not stop it (the frame is queued), and is kept.
     *
     * @throws FrameTooLargeException if the payload is over the frame limit (nothing is queued)
     * @throws IOException if the link is closed or closes before the frame was written
     */
    void sendAndWait(int type, ByteBuffer payload) throws IOException {
        checkSize(payload);
        var written = new java.util.concurrent.CompletableFuture<Void>();
        if (closed.get()) {
            throw new IOException("the connection is closed");
        }
        enqueue(new Out(type, payload, written));
        if (closed.get()) {
            written.completeExceptionally(new IOException("the connection is closed")); // the writer may be gone
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.interrupted(); // CompletableFuture.get leaves the status set
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io)
                            : new IOException("the connection failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                reading.lock();
                boolean read;
                try {
                    read = readAvailable();
                } finally {
                    reading.unlock();
                }
                if (read && spinNanos > 0 && spinForFrames()) {
                    continue;
                }
                selector.select();
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            close(e);
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * Handles every whole frame that has arrived, in this thread, which holds {@link #reading};
     * closes the link at the end of the stream.
     *
     * @return whether a frame was handled
     */
    private boolean readAvailable() throws IOException {
        boolean any = false;
        int type;
        while ((type = reader.poll()) >= 0) {
            any = true;
            handler.frame(type, reader.payload());
        }
        if (type == FrameReader.END_OF_STREAM) {
            close(null);
        }
        return any;
    }

    /**
     * The reader thread, after a frame: reads on for up to {@link #spinNanos} (from the last frame)
     * before it sleeps, if fewer than {@link #MAX_SPINNERS} readers spin now.
     *
     * @return whether a frame came meanwhile
     */
    private boolean spinForFrames() throws IOException {
        if (SPINNERS.incrementAndGet() > MAX_SPINNERS) {
            SPINNERS.decrementAndGet();
            return false;
        }
        try {
            long deadline = System.nanoTime() + spinNanos;
            boolean any = false;
            while (!closed.get() && System.nanoTime() - deadline < 0) {
                if (reading.tryLock()) {
                    try {
                        if (readAvailable()) {
                            any = true;
                            deadline = System.nanoTime() + spinNanos;
                        }
                    } finally {
                        reading.unlock();
                    }
                }
                Thread.onSpinWait();
            }
            return any;
        } finally {
            SPINNERS.decrementAndGet();
        }
    }

    private void writeLoop() {
        java.util.List<java.util.concurrent.CompletableFuture<Void>> waiting = new java.util.ArrayList<>();
        try {
            while (true) {
                Object o = out.take();
                writing.lock();
                int written = 0;
                try {
                    while (o != null) {
                        if (o == POISON) {
                            fail(waiting);
                            return;
                        }
                        Out frame = (Out) o;
                        if (frame.written() != null) {
                            waiting.add(frame.written());
                        }
                        writer.write(frame.type(), frame.payload());
                        written++;
                        o = out.poll();
                    }
                    writer.flush();
                } finally {
                    queued.addAndGet(-written); // on the wire (or the link failed): direct writes may go
                    writing.unlock();
                }
                for (var w : waiting) {
                    w.complete(null);
                }
                waiting.clear();
            }
        } catch (IOException | RuntimeException e) {
            close(e);
        } catch (InterruptedException e) {
            close(e); // nobody interrupts this thread; if someone does, the link is unusable anyway
        }
        fail(waiting);
        for (Object o; (o = out.poll()) != null; ) {
            if (o instanceof Out frame && frame.written() != null) {
                frame.written().completeExceptionally(new IOException("the connection closed before the frame was sent"));
            }
        }
    }

    private static void fail(java.util.List<java.util.concurrent.CompletableFuture<Void>> waiting) {
        for (var w : waiting) {
            w.completeExceptionally(new IOException("the connection closed before the frame was sent"));
        }
        waiting.clear();
    }
}
