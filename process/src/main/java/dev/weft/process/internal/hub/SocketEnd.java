package dev.weft.process.internal.hub;

import dev.weft.process.internal.wire.FrameTooLargeException;
import dev.weft.process.internal.wire.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a direct, authenticated connection between two processes (what
 * {@link dev.weft.process.Listener#accept} and {@link dev.weft.process.Client#connect} give): messages
 * travel as frames, each a message's bytes, in order. A reader thread puts what arrives in an
 * unbounded inbox; sends go through a writer thread (so that an interrupted sender cannot close the socket) and
 * wait until it has written them. Not API.
 *
 * <p>When the connection ends, cleanly or not, what is in the inbox can still be received; after
 * that, a receive throws {@link EOFException} for a clean end of stream (the peer closed, or this end
 * was closed), or an {@link IOException} naming the failure (a frame over the size bound, a
 * truncated frame, an unknown frame type). Timeouts are in nanoseconds: negative means no limit.
 */
public final class SocketEnd {
    private static final int MESSAGE = 1;

    private final Link link;
    private final String peer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>(); // guarded by lock
    private boolean ended; // guarded by lock
    private Throwable failure; // guarded by lock; why it ended, if not cleanly

    /**
     * Starts serving an authenticated {@code channel}.
     *
     * @param peer what the other end is, for messages ("127.0.0.1:5000")
     * @param maxFrameSize the largest message either side may send
     * @throws IOException if the channel cannot be set up for the connection (the caller closes it)
     */
    public SocketEnd(SocketChannel channel, String peer, int maxFrameSize) throws IOException {
        this.peer = peer;
        this.link = new Link(channel, "weft-connection", maxFrameSize, 0);
        link.start(new Link.Handler() {
            @Override
            public void frame(int type, ByteBuffer payload) throws IOException {
                if (type != MESSAGE) {
                    throw new ProtocolException("unknown frame type " + type + " from " + SocketEnd.this.peer);
                }
                arrive(Protocol.rest(payload));
            }

            @Override
            public void closed(Throwable cause) {
                end(cause);
            }
        });
    }

    /** The largest message this end sends or receives. */
    public int maxMessageSize() {
        return link.maxFrameSize();
    }

    /** What the other end is. */
    public String peer() {
        return peer;
    }

    /**
     * Sends {@code message}: returns once it is handed to the operating system, as a socket write
     * does, so it is not lost if this process exits right after. Waits while the peer does not
     * read and the socket's buffers are full; an interrupt does not stop it and is kept.
     *
     * @throws IOException if the connection has ended (a broken pipe) or the message is over the
     *     size bound
     */
    public void send(byte[] message) throws IOException {
        try {
            link.sendAndWait(MESSAGE, ByteBuffer.wrap(message));
        } catch (FrameTooLargeException e) {
            throw new IOException("message of " + message.length + " bytes is over the limit of "
                    + link.maxFrameSize() + " bytes of this connection", e);
        } catch (IOException e) {
            throw new IOException("broken pipe: the connection to " + peer + " has ended", e);
        }
    }

    /**
     * Takes the next message if it has at most {@code maxLength} bytes, waiting at most
     * {@code nanos}.
     *
     * @return the message, or null if none came in time
     * @throws EOFException if the inbox is empty and the connection ended cleanly
     * @throws IOException if the next message is longer than {@code maxLength} (it stays), or the
     *     inbox is empty and the connection failed
     * @throws InterruptedException if interrupted while waiting; nothing is taken
     */
    public byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (!await(nanos)) {
                return null;
            }
            byte[] next = inbox.peekFirst();
            if (next == null) {
                throw endOfStream();
            }
            if (next.length > maxLength) {
                throw new IOException("the next message has " + next.length + " bytes, more than the "
                        + maxLength + " asked for");
            }
            return inbox.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code nanos} for a message or the end of the connection.
     *
     * @return whether a receive would not wait now
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean poll(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return await(nanos);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection; what is in the inbox stays receivable. Idempotent. */
    public void close() {
        link.close(null);
    }

    private boolean await(long nanos) throws InterruptedException {
        long left = nanos;
        while (inbox.isEmpty() && !ended) {
            if (nanos < 0) {
                arrived.await();
            } else if (left <= 0) {
                return false;
            } else {
                left = arrived.awaitNanos(left);
            }
        }
        return true;
    }

    private IOException endOfStream() {
        if (failure == null) {
            return new EOFException("the connection to " + peer + " has ended");
        }
        return new IOException("the connection to " + peer + " failed: " + failure.getMessage(), failure);
    }

    private void arrive(byte[] message) {
        lock.lock();
        try {
            inbox.addLast(message);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void end(Throwable cause) {
        lock.lock();
        try {
            ended = true;
            failure = cause; // null for a clean end of stream or a local close
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
