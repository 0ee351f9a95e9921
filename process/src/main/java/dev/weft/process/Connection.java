package dev.weft.process;

import dev.weft.internal.Timeouts;
import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.PipeState;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.process.internal.wire.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a {@link Pipe}, or of a connection made by a {@link Listener} and a {@link Client}:
 * Python's {@code multiprocessing.connection.Connection}. It sends objects ({@link #send}) or raw
 * bytes ({@link #sendBytes}) to the other end, and receives what the other end sent
 * ({@link #recv}, {@link #recvBytes}), one message at a time, in order.
 *
 * <p>What follows about handing ends to other processes and about end-of-file is about pipes. A
 * connection made by a {@code Listener} or a {@code Client} is a socket of its own between two
 * processes: it cannot be handed to a third (encoding it fails with a message saying so); a send
 * returns once the message is written to the socket (it may wait while the peer does not read, as
 * in Python), so nothing sent is lost if the process exits right after; it ends
 * for the peer when either side closes it or exits ({@link EOFException} once what arrived is
 * received); a frame over its size bound, a truncated frame or one of an unknown type ends it too,
 * and a receive then throws an {@link IOException} naming what was wrong.
 *
 * <h2>Handing an end to another process</h2>
 * A connection is handed to another process by passing it (or anything that contains it) as an
 * argument of a child process or pool task, or by sending it through a pipe or queue. The receiving
 * process gets its own handle on the same end; each handle is closed on its own. The pipe's
 * buffers stay in the process that opened it: a handle there works on them directly, a handle
 * elsewhere talks to that process (one hop for a parent and its child); decoding a handle in
 * another process contacts the pipe's process once, to attach the copy. If that process is gone,
 * every call on a handle elsewhere, including one already waiting, throws
 * {@link ObjectUnavailableException}.
 *
 * <h2>End of file, as with an OS pipe</h2>
 * An end is closed for its peer only when every handle on it is closed: the one in the process
 * that opened the pipe, each one in another process (closed, or its process died), and each copy
 * still <i>in transit</i> (encoded, not yet decoded by its receiver). Then {@link #recv} on the
 * peer hands out what is left and throws {@link EOFException}, and {@link #send} on the peer throws
 * {@link IOException} (a broken pipe). A copy in transit that is never decoded (its receiver died
 * first) is presumed lost after 60 seconds: until then, the
 * peer may wait for it. So Python's idiom works: open a pipe, hand {@code second()} to a child,
 * close {@code second()} in the parent; the parent's {@code first().recv()} gets what the child
 * sends, then {@code EOFException} once the child closed its end or exited. A handle that becomes
 * unreachable without being closed is closed when it is garbage collected. Decoding one encoded
 * copy twice (a retried task) gives two handles, each holding the end while it is still open.
 *
 * <h2>Messages</h2>
 * {@code send} encodes an object with Weft's codec (as a process {@link Queue} does) and
 * {@code recv} decodes one in the receiving process, only into classes that process's allowlist
 * accepts. {@code sendBytes} sends bytes as they are, and {@code recvBytes} returns a message's
 * bytes as they are: as in Python, {@code recv} of a message sent with {@code sendBytes} tries to
 * decode those bytes, and {@code recvBytes} of one sent with {@code send} returns its encoding. A
 * message may have at most {@link #MAX_MESSAGE_SIZE} bytes. Sending never
 * waits: the pipe's buffer has no bound. From another process, a send returns once the message is
 * queued for sending, in order with everything else that process does on the end; a failure to
 * deliver it (a broken pipe) is thrown by the next call on the same end from that process.
 *
 * <h2>Blocking and interrupts</h2>
 * {@link #recv} and {@link #recvBytes} wait without limit for a message or end-of-file;
 * {@link #poll(Duration)} at most the given time. A thread interrupted on entry or while waiting
 * throws {@link InterruptedException} and has received nothing, except that a message the owner
 * handed out just before the interrupt reached it is returned, with the interrupt status set: a
 * message is never lost to an interrupt.
 *
 * <p>Memory visibility: within the process that opened the pipe, actions before a send
 * happen-before actions after the receive that gets that message.
 *
 * <p>Thread-safe, but as with an OS pipe, two threads receiving from one end each get whole
 * messages in an unspecified split.
 */
public final class Connection implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The largest message, in bytes (for {@link #send}, its encoding): 64 MiB less 64. */
    public static final int MAX_MESSAGE_SIZE = ItemCodec.MAX_SIZE;

    static final String KIND = "Connection";

    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().daemon().name("weft-connection-cleaner").factory());

    @SuppressWarnings("serial") // never serialized: writeReplace sends a RemoteRef
    private final transient EndBackend backend;
    private final transient AtomicBoolean closed;
    @SuppressWarnings("serial")
    private final transient Cleaner.Cleanable cleanable;
    /** Why this handle could not attach to its end (its owner is gone), or null. */
    private final transient RuntimeException unavailable;

    Connection(EndBackend backend) {
        this(backend, true, null);
    }

    /**
     * A handle; if {@code holds} is false it holds nothing, and is closed from the start unless
     * {@code unavailable} says why it could not attach.
     */
    private Connection(EndBackend backend, boolean holds, RuntimeException unavailable) {
        this.backend = backend;
        this.unavailable = unavailable;
        this.closed = new AtomicBoolean(!holds && unavailable == null);
        AtomicBoolean released = new AtomicBoolean(!holds);
        this.cleanable = CLEANER.register(this, () -> {
            if (released.compareAndSet(false, true)) {
                backend.close();
            }
        });
    }

    // ---------------------------------------------------------------- send

    /**
     * Sends {@code obj} to the other end: Python's {@code send}. Never waits.
     *
     * @param obj the object to send
     * @throws NotSerializableException if {@code obj} cannot be encoded (the message names the class
     *     and where it was found)
     * @throws IOException if this handle is closed, the message is over {@link #MAX_MESSAGE_SIZE}
     *     bytes, or the other end is closed by all its holders (a broken pipe; from another process
     *     possibly reported by the next call instead)
     * @throws IllegalStateException if this end cannot send (the receiving end of a one-way pipe)
     * @throws ObjectUnavailableException if the process that opened the pipe is gone
     */
    public void send(Object obj) throws IOException {
        checkCanSend();
        sendMessage(ItemCodec.encode(obj));
    }

    /**
     * Sends all of {@code buf} as one message: Python's {@code send_bytes}. Never waits.
     *
     * @param buf the bytes to send
     * @throws IOException as {@link #send} does
     * @throws IllegalStateException if this end cannot send
     */
    public void sendBytes(byte[] buf) throws IOException {
        sendBytes(buf, 0, buf.length);
    }

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off} as one message: Python's
     * {@code send_bytes(buf, offset, size)}. The bytes are copied before this returns.
     *
     * @param buf the array holding the bytes
     * @param off where they start in {@code buf}
     * @param len how many there are
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf}
     * @throws IOException as {@link #send} does
     * @throws IllegalStateException if this end cannot send
     */
    public void sendBytes(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkCanSend();
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sendMessage(copy);
    }

    private void checkCanSend() throws IOException {
        checkOpen();
        if (!backend.writable()) {
            throw new IllegalStateException("cannot send: this connection is read-only (the receiving end of a one-way pipe)");
        }
    }

    private void sendMessage(byte[] message) throws IOException {
        int max = backend instanceof EndBackend.Socket s ? s.end().maxMessageSize() : MAX_MESSAGE_SIZE;
        if (message.length > max) {
            throw new IOException("message of " + message.length + " bytes is over the limit of " + max + " bytes");
        }
        try {
            backend.send(message);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // ---------------------------------------------------------------- receive

    /**
     * Receives the next object, waiting for it: Python's {@code recv}.
     *
     * @return the object received
     * @throws EOFException if nothing is left and the other end is closed by all its holders
     * @throws IOException if this handle is closed, or the message cannot be decoded here (a class
     *     outside this process's allowlist, named in the message; the message is consumed)
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is received
     * @throws IllegalStateException if this end cannot receive (the sending end of a one-way pipe)
     * @throws ObjectUnavailableException if the process that opened the pipe is gone
     */
    public Object recv() throws IOException, InterruptedException {
        byte[] message = receive(Integer.MAX_VALUE);
        try {
            return ItemCodec.decode(message);
        } catch (ClassNotAllowedException | ProtocolException e) {
            throw new IOException("cannot decode the message received: " + e.getMessage(), e);
        }
    }

    /**
     * Receives the next message's bytes, waiting for it: Python's {@code recv_bytes()}.
     *
     * @return the message's bytes
     * @throws EOFException if nothing is left and the other end is closed by all its holders
     * @throws IOException if this handle is closed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is received
     * @throws IllegalStateException if this end cannot receive
     * @throws ObjectUnavailableException if the process that opened the pipe is gone
     */
    public byte[] recvBytes() throws IOException, InterruptedException {
        return receive(Integer.MAX_VALUE);
    }

    /**
     * Receives the next message's bytes if it has at most {@code maxLength} of them: Python's
     * {@code recv_bytes(maxlength)}.
     *
     * @param maxLength the longest message to accept, in bytes
     * @return the message's bytes
     * @throws IOException if the next message is longer (the message names both sizes; unlike
     *     Python, the message stays in the pipe and the connection stays usable), or this handle is
     *     closed
     * @throws EOFException if nothing is left and the other end is closed by all its holders
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is received
     * @throws IllegalArgumentException if {@code maxLength} is negative
     * @throws IllegalStateException if this end cannot receive
     * @throws ObjectUnavailableException if the process that opened the pipe is gone
     */
    public byte[] recvBytes(int maxLength) throws IOException, InterruptedException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        }
        return receive(maxLength);
    }

    private byte[] receive(int maxLength) throws IOException, InterruptedException {
        checkCanReceive();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return backend.recv(-1, maxLength);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * {@return whether a message or end-of-file is there now, so that {@link #recv} would not wait: Python's
     * {@code poll()}} Does not wait (beyond a round trip to the pipe's process).
     *
     * @throws IOException if this handle is closed
     * @throws IllegalStateException if this end cannot receive
     */
    public boolean poll() throws IOException {
        checkCanReceive();
        boolean interrupted = Thread.interrupted();
        try {
            return backend.poll(0);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits at most {@code timeout} for a message or end-of-file: Python's {@code poll(timeout)}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return whether {@link #recv} would not wait now
     * @throws IOException if this handle is closed
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if this end cannot receive
     * @throws ObjectUnavailableException if the process that opened the pipe is gone
     */
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (nanos == 0) {
            return poll();
        }
        checkCanReceive();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return backend.poll(nanos);
    }

    private void checkCanReceive() throws IOException {
        checkOpen();
        if (!backend.readable()) {
            throw new IllegalStateException("cannot receive: this connection is write-only (the sending end of a one-way pipe)");
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * Closes this handle: Python's {@code close}. The end closes for its peer once every other
     * handle on it is closed too. Idempotent; does not block.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanable.clean();
        }
    }

    /** {@return whether this handle is closed: Python's {@code closed}} */
    public boolean isClosed() {
        return closed.get();
    }

    /** {@return whether this end can receive: Python's {@code readable}} */
    public boolean readable() {
        return backend.readable();
    }

    /** {@return whether this end can send: Python's {@code writable}} */
    public boolean writable() {
        return backend.writable();
    }

    private void checkOpen() throws IOException {
        if (unavailable != null) {
            throw new ObjectUnavailableException(unavailable.getMessage(), unavailable);
        }
        if (closed.get()) {
            throw new IOException("the connection is closed");
        }
    }

    @Override
    public String toString() {
        String where = switch (backend) {
            case EndBackend.Remote r -> "of a pipe in process " + r.ref().ownerPid();
            case EndBackend.Socket s -> "to " + s.end().peer();
            case EndBackend.Local l -> "of a pipe in this process";
        };
        String dir = readable() && writable() ? "duplex" : readable() ? "read-only" : "write-only";
        return "Connection[" + dir + ", " + where + (isClosed() ? ", closed" : "") + "]";
    }

    /**
     * Travels as a {@link RemoteRef} that counts as one more holder of the end until the receiver
     * decodes it (or the transfer grace period passes).
     *
     * @return the reference the receiving process attaches to
     * @throws ObjectStreamException if the end cannot be handed over (it is closed, or its owner is gone)
     */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        try {
            return export();
        } catch (IOException e) {
            // Java serialization reports only ObjectStreamExceptions with their message.
            throw new InvalidObjectException("cannot hand " + this + " to another process: " + e.getMessage());
        }
    }

    /** What this handle travels as: a ref to a new copy of the end, counted as a holder until claimed. */
    RemoteRef export() throws IOException {
        checkOpen();
        return backend.export();
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a pipe connection travels as a reference to its pipe, never by content");
    }

    /** The handle a process gets when it decodes {@code ref}: it attaches its copy of the end. */
    static Object resolve(RemoteRef ref) {
        Hub hub = Hub.localIfOpen();
        if (hub != null && hub.owns(ref) && hub.lookup(ref.objectId()) instanceof PipeState.End end) {
            boolean holds = hub.claim(ref.token(), end) || end.acquireIfOpen();
            return new Connection(new EndBackend.Local(end), holds, null);
        }
        return attachRemote(ref);
    }

    /** A handle on {@code ref}'s end through its owner's hub, attaching this copy there. */
    static Connection attachRemote(RemoteRef ref) {
        HubClient client = HubClient.of(ref);
        EndBackend.Remote backend = new EndBackend.Remote(ref, client);
        boolean holds;
        try {
            holds = client.callQuick(ref, PipeState.ATTACH, ref.token(), 0, null).rethrow(ref.describe()).value() != 0;
        } catch (RuntimeException ownerGone) {
            // Decoding must not fail for this: the handle reports the owner's absence when used.
            return new Connection(backend, false, ownerGone);
        }
        return new Connection(backend, holds, null);
    }
}
