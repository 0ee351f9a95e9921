package dev.weft.process.internal.hub;

import dev.weft.process.internal.wire.FrameReader;
import dev.weft.process.internal.wire.FrameTooLargeException;
import dev.weft.process.internal.wire.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One authenticated connection carrying frames both ways: a reader thread that hands each frame to
 * a {@link Handler}, and a writer thread that sends what {@link #send} queued, batching whatever has
 * piled up into one flush. Callers never write to the socket themselves, so an interrupted caller
 * cannot close it (a blocking channel closes when a thread blocked in it is interrupted). Both
 * threads are virtual. Not API.
 */
final class Link {
    /** What a link reports to its owner. */
    interface Handler {
        /** A frame arrived; runs in the reader thread. Throwing closes the link. */
        void frame(int type, ByteBuffer payload) throws IOException;

        /** The link closed (once): {@code cause} is null for a clean end of stream or a local close. */
        void closed(Throwable cause);
    }

    private static final ByteBuffer POISON = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final String name;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final LinkedBlockingQueue<Object> out = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while frames are written, by the writer thread or by {@link #sendNow}. */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
    private volatile Handler handler;

    Link(SocketChannel channel, String name, int maxFrameSize) {
        this.channel = channel;
        this.name = name;
        this.reader = new FrameReader(channel, FrameWriter.DEFAULT_BUFFER_SIZE, maxFrameSize);
        this.writer = new FrameWriter(channel, FrameWriter.DEFAULT_BUFFER_SIZE, maxFrameSize);
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
        if (payload.remaining() > writer.maxFrameSize()) {
            throw new FrameTooLargeException(payload.remaining(), writer.maxFrameSize());
        }
        if (closed.get()) {
            return false;
        }
        out.add(new Out(type, payload, null));
        return true;
    }

    /**
     * Writes a frame at once, in the calling thread, which must be one no user code can interrupt
     * (the reader thread: an interrupt during a write would close the socket); frames queued by
     * {@link #send} may go before or after it. Saves the writer thread's wake-up for a reply made
     * in the reader thread.
     *
     * @return false if the link is closed (the frame is dropped)
     * @throws FrameTooLargeException if the payload is over the frame limit
     */
    boolean sendNow(int type, ByteBuffer payload) throws FrameTooLargeException {
        if (payload.remaining() > writer.maxFrameSize()) {
            throw new FrameTooLargeException(payload.remaining(), writer.maxFrameSize());
        }
        if (closed.get()) {
            return false;
        }
        writing.lock();
        try {
            writer.write(type, payload);
            writer.flush();
            return true;
        } catch (IOException e) {
            close(e);
            return false;
        } finally {
            writing.unlock();
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
        if (payload.remaining() > writer.maxFrameSize()) {
            throw new FrameTooLargeException(payload.remaining(), writer.maxFrameSize());
        }
        var written = new java.util.concurrent.CompletableFuture<Void>();
        if (closed.get()) {
            throw new IOException("the connection is closed");
        }
        out.add(new Out(type, payload, written));
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
            for (int type; (type = reader.next()) != FrameReader.END_OF_STREAM; ) {
                handler.frame(type, reader.payload());
            }
            close(null);
        } catch (IOException | RuntimeException e) {
            close(e);
        }
    }

    private void writeLoop() {
        java.util.List<java.util.concurrent.CompletableFuture<Void>> waiting = new java.util.ArrayList<>();
        try {
            while (true) {
                Object o = out.take();
                writing.lock();
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
                    o = out.poll();
                }
                writer.flush();
                } finally {
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
