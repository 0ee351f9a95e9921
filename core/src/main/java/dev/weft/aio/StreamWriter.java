package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The writing side of a connection or of a child's stdin: Python's {@code asyncio.StreamWriter}.
 * Made by {@link Streams#openConnection}, handed to a {@link ClientHandler} by a {@link Server},
 * or given by {@link AsyncProcess#stdin()}.
 *
 * <p><b>Buffering.</b> {@link #write} and {@link #writelines} only add bytes to the writer's
 * buffer: they never block and never fail for I/O reasons. As with Python's transports, the
 * bytes start to leave on their own: the first write into an idle writer starts a background task
 * of the loop that sends the buffer (so a peer waiting for a request gets it even if the writer
 * never drains). {@link #drain()} is the await point that waits until the whole buffer has been
 * sent, which is how a writer learns of errors and keeps its buffer from growing without bound;
 * call it after writing, as asyncio's documentation asks.
 *
 * <p><b>Threads.</b> {@link #write}, {@link #writelines}, {@link #writeEof}, {@link #isClosing} and
 * {@link #canWriteEof} may be called by any task or callback of the loop that made the writer
 * (else {@link IllegalStateException}); {@link #drain()} and {@link #waitClosed()} by its tasks;
 * {@link #close()} by any thread. Bytes written before a {@code drain()} are sent by it, in order,
 * whichever task wrote them; several tasks may drain at once (each returns when what was buffered
 * when it called has been sent).
 *
 * <p><b>Cancellation.</b> A task cancelled while its {@code drain()} sends gets
 * {@link CancellationException}. If the bytes were not all sent by then, the stream is broken:
 * some of them may have gone and the rest are dropped, a socket is closed (the JDK closes a
 * socket channel whose blocked thread is interrupted), and later writes and drains throw
 * {@link UncheckedIOException}. (Python's transport would keep the unsent bytes.)
 *
 * <p><b>Errors.</b> An I/O error (such as a peer that reset the connection, or a child that closed
 * its stdin) is thrown by {@code drain()} as {@link UncheckedIOException} wrapping the
 * {@link IOException}, and by every later {@code write}, {@code drain}; one that happened while
 * {@code close()} sent the last bytes in the background is thrown by {@link #waitClosed()}.
 */
public final class StreamWriter {
    private final EventLoop loop;
    private final StreamTransport transport;

    // Touched only by holders of the loop.
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean flushing;
    /** Whether a background task is about to send the buffer (see the class comment). */
    private boolean backgroundDrain;
    private SettableFuture<Void> flushDone;
    private boolean closeRequested;
    private boolean eofRequested;
    private boolean eofSent;
    private boolean closed;
    private IOException error;
    /** Whether {@link #error} came from a background flush and was not thrown to anyone yet. */
    private boolean errorUnreported;
    private final SettableFuture<Void> closedFuture = new SettableFuture<>();

    StreamWriter(EventLoop loop, StreamTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /**
     * Adds a copy of {@code data} to the buffer: Python's {@code write(data)}. Never blocks; the
     * bytes leave at the next {@link #drain()} (see the class comment).
     *
     * @param data the bytes to write
     * @throws IllegalStateException if the writer is closing or {@link #writeEof()} was called,
     *     or the caller does not hold the writer's loop
     * @throws UncheckedIOException if an earlier send failed
     */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        write(data, 0, data.length);
    }

    /**
     * As {@link #write(byte[])}, for {@code len} bytes of {@code data} from {@code offset}.
     *
     * @param data the array holding the bytes
     * @param offset where they start in {@code data}
     * @param len how many there are
     */
    public void write(byte[] data, int offset, int len) {
        Objects.checkFromIndexSize(offset, len, data.length);
        checkHolder("write");
        checkWritable();
        if (len == 0) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(data, offset, copy, 0, len);
        pending.add(ByteBuffer.wrap(copy));
        pendingBytes += len;
        if (!flushing && !backgroundDrain) {
            backgroundDrain = true;
            try {
                startBackgroundDrain();
            } catch (IllegalStateException loopClosing) {
                backgroundDrain = false; // the bytes stay buffered; a drain reports it
            }
        }
    }

    /**
     * Adds each array of {@code lines} to the buffer, in order: Python's {@code writelines}.
     *
     * @param lines the arrays to write, each as it is (no separator is added)
     */
    public void writelines(Iterable<byte[]> lines) {
        Objects.requireNonNull(lines, "lines");
        checkHolder("writelines");
        checkWritable();
        for (byte[] line : lines) {
            write(line);
        }
    }

    /** {@return how many bytes are buffered and not yet handed to a send} */
    public long bufferSize() {
        return pendingBytes;
    }

    /**
     * Sends every buffered byte, waiting as {@link Aio#blocking} does while the peer has not
     * taken them: Python's {@code drain()}. Returns at once if the buffer is empty and no other
     * task is sending. Python's {@code drain} waits only until the buffer is below a high-water
     * mark; this one empties it.
     *
     * @throws UncheckedIOException if the send fails, or failed earlier, or the writer was closed
     *     before the call
     * @throws CancellationException if the task is cancelled meanwhile (see the class comment)
     * @throws IllegalStateException if not called by a task of the writer's running loop
     */
    public void drain() {
        checkTask("drain");
        throwError();
        if (closed) {
            throw new UncheckedIOException(new IOException(transport + " is closed"));
        }
        while (true) {
            throwError();
            if (flushing) {
                Aio.await(Aio.shield(flushDone));
                continue;
            }
            if (pending.isEmpty()) {
                break;
            }
            flushBatch();
        }
        finishIfIdle();
        throwError();
    }

    /**
     * {@return whether {@link #writeEof()} is supported: Python's {@code can_write_eof()}} True for
     * sockets and for a child's stdin.
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Ends the output once the buffered bytes are sent: Python's {@code write_eof()}. The peer
     * reads end-of-file, and the connection can still be read. For a child's stdin this closes
     * the pipe. Does not wait: when bytes are buffered, the next {@link #drain()} sends them and
     * then the end-of-file (or, if no task drains, a task of the loop does it in the background).
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     * @throws IllegalStateException if the caller does not hold the writer's loop
     */
    public void writeEof() {
        checkHolder("writeEof");
        if (!transport.canWriteEof()) {
            throw new UnsupportedOperationException(transport + " cannot write end-of-file");
        }
        if (closeRequested || eofRequested) {
            return;
        }
        eofRequested = true;
        requestEnd();
    }

    /**
     * Closes the writer and its transport (for a connection, both directions): Python's
     * {@code close()}. Does not wait. Bytes still buffered are sent first, by a task of the loop
     * that then closes the transport; {@link #waitClosed()} waits for that. Idempotent.
     *
     * <p>Any thread may call it. From a thread that does not hold the writer's loop, the close is
     * handed to the loop (done when the loop next runs); once the loop is closed, the transport
     * is closed at once and buffered bytes are dropped.
     */
    public void close() {
        if (!loop.holdsLoop()) {
            if (loop.isClosed()) {
                closeNow();
            } else {
                loop.runOnLoop(this::close);
            }
            return;
        }
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        requestEnd();
    }

    /**
     * {@return whether {@link #close()} was called (by a task of the loop): Python's {@code is_closing()}}
     */
    public boolean isClosing() {
        return closeRequested || closed;
    }

    /**
     * Waits until the writer is closed and its transport with it: Python's {@code wait_closed()}.
     * An await point, as {@link Aio#await}; it does not close anything (call {@link #close()}).
     * Cancelling the waiting task does not stop the close.
     *
     * @throws UncheckedIOException if sending the last buffered bytes failed
     * @throws CancellationException if the task is cancelled while it waits
     * @throws IllegalStateException if not called by a task of the writer's running loop
     */
    public void waitClosed() {
        checkTask("waitClosed");
        Aio.await(Aio.shield(closedFuture));
        if (errorUnreported) {
            errorUnreported = false;
            throw failure(error);
        }
    }

    /** {@return the peer's address for a socket (Python's {@code get_extra_info('peername')}), or null} */
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /** {@return this side's address for a socket (Python's {@code get_extra_info('sockname')}), or null} */
    public SocketAddress localAddress() {
        return transport.localAddress();
    }

    // ------------------------------------------------------------------------------ internals

    /** Takes the buffered bytes out (for {@link AsyncProcess#communicate}); loop holder only. */
    byte[] takeBuffered() {
        byte[] all = new byte[(int) pendingBytes];
        int at = 0;
        for (ByteBuffer b : pending) {
            int n = b.remaining();
            b.get(all, at, n);
            at += n;
        }
        pending.clear();
        pendingBytes = 0;
        return all;
    }

    boolean isFlushing() {
        return flushing;
    }

    /** Marks the writer closed without touching the transport (someone else closed it). */
    void markClosed() {
        closeRequested = true;
        closed = true;
        pending.clear();
        pendingBytes = 0;
        closedFuture.setResult(null);
    }

    private void checkHolder(String what) {
        EventLoop l = Aio.requireLoop("StreamWriter." + what);
        if (l != loop) {
            throw new IllegalStateException(what + ": this writer belongs to another event loop");
        }
    }

    private void checkTask(String what) {
        Task<?> t = Aio.requireTask(what);
        if (t.loop != loop) {
            throw new IllegalStateException(what + ": this writer belongs to another event loop");
        }
    }

    private void checkWritable() {
        throwError();
        if (closeRequested || closed) {
            throw new IllegalStateException("write to a closed stream writer: " + transport);
        }
        if (eofRequested) {
            throw new IllegalStateException("write after writeEof(): " + transport);
        }
    }

    private void throwError() {
        if (error != null) {
            errorUnreported = false;
            throw failure(error);
        }
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot write to " + transport + ": " + transport.describe(e), e);
    }

    /** Sends what is buffered now, off the loop; the caller is a task that holds the loop. */
    private void flushBatch() {
        ByteBuffer[] batch = pending.toArray(ByteBuffer[]::new);
        pending.clear();
        pendingBytes = 0;
        flushing = true;
        SettableFuture<Void> done = new SettableFuture<>();
        flushDone = done;
        IOException[] failed = {null};
        try {
            Aio.blocking(() -> {
                try {
                    transport.write(batch);
                } catch (IOException e) {
                    failed[0] = e;
                }
                return null;
            });
        } catch (CancellationException e) {
            if (failed[0] != null || batch.length > 0 && batch[batch.length - 1].hasRemaining()) {
                transport.markBroken("a task was cancelled while it drained a writer of it");
                if (error == null) {
                    error = failed[0] != null ? failed[0]
                            : new IOException("a drain was cancelled before every byte was sent");
                }
            }
            throw e;
        } finally {
            flushing = false;
            if (failed[0] != null && error == null) {
                error = failed[0];
            }
            done.setResult(null);
            finishIfIdle();
        }
        if (failed[0] != null) {
            throw failure(failed[0]);
        }
    }

    /** After {@link #close()} or {@link #writeEof()}: finishes now, or has the buffer sent first. */
    private void requestEnd() {
        if (flushing) {
            return; // the flush in progress finishes
        }
        if (pending.isEmpty() || error != null) {
            finishIfIdle();
            return;
        }
        try {
            startBackgroundDrain();
        } catch (IllegalStateException loopClosing) {
            error = new IOException("the event loop is closing: " + pendingBytes + " buffered bytes were dropped");
            errorUnreported = true;
            finishIfIdle();
        }
    }

    /**
     * Starts a task that sends what is buffered, for {@link #write} and for the end of output.
     * Its failure is kept for the writer's next call (or {@link #waitClosed()}).
     *
     * @throws IllegalStateException if the loop is closing
     */
    private void startBackgroundDrain() {
        loop.createTask(() -> {
            backgroundDrain = false;
            try {
                if (!closed && (!pending.isEmpty() || flushing)) {
                    drain();
                }
            } catch (IllegalStateException e) { // a CancellationException too
                // The loop is closing: the buffered bytes cannot be sent.
            } catch (UncheckedIOException e) {
                errorUnreported = error != null;
            } finally {
                finishIfIdle();
                if (!closed && closeRequested) {
                    closeNow();
                }
            }
            return null;
        }, "flush " + transport);
    }

    /** Closes or ends the output, as asked, once nothing is being sent or left to send. */
    private void finishIfIdle() {
        if (flushing || (!pending.isEmpty() && error == null)) {
            return;
        }
        if (closeRequested) {
            closeNow();
        } else if (eofRequested && !eofSent) {
            eofSent = true;
            try {
                transport.writeEof();
            } catch (IOException e) {
                if (error == null) {
                    error = e;
                }
            }
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        closeRequested = true;
        pending.clear();
        pendingBytes = 0;
        transport.close();
        closedFuture.setResult(null);
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + ", " + pendingBytes + " bytes buffered"
                + (closed ? ", closed" : closeRequested ? ", closing" : "") + (error != null ? ", error=" + error : "") + "]";
    }
}
