package dev.weft.aio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The reading side of a connection or of a child's pipe: Python's {@code asyncio.StreamReader}.
 * Made by {@link Streams#openConnection}, handed to a {@link ClientHandler} by a {@link Server},
 * or given by {@link AsyncProcess#stdout()} and {@link AsyncProcess#stderr()}.
 *
 * <pre>{@code
 * try (Streams.Connection c = Streams.openConnection("127.0.0.1", port)) {
 *     c.writer().write("hello\n".getBytes(UTF_8));
 *     c.writer().drain();
 *     byte[] line = c.reader().readline();
 * }
 * }</pre>
 *
 * <p><b>Await points.</b> {@link #read}, {@link #readline}, {@link #readexactly} and
 * {@link #readuntil} return at once what the reader's buffer can give; when it needs more bytes, it
 * waits for them as {@link Aio#blocking} does: the calling task lets go of the loop, blocks its own
 * virtual thread in the read (a socket costs no carrier thread; a pipe is read on a platform
 * thread) while the loop runs its other tasks, and takes the loop again when bytes, end-of-file
 * or an error came. So they may be called only by a task of the running loop that made the
 * reader (else {@link IllegalStateException}), and only by one task at a time: a second task that
 * needs bytes while one waits for them gets {@link IllegalStateException}, as Python's
 * {@code RuntimeError}. {@link #atEof()} and {@link #buffered()} never wait.
 *
 * <p><b>Cancellation.</b> A task cancelled while it waits gets {@link CancellationException} from
 * the read; bytes that had arrived stay in the buffer. A socket whose read is cancelled is
 * closed, by the JDK (a thread blocked in a socket channel is interrupted that way): later reads
 * and writes of that connection throw {@link UncheckedIOException}, unlike Python, where a
 * cancelled read leaves the connection usable. A pipe stays usable.
 *
 * <p><b>Errors.</b> An I/O error (such as a connection reset by the peer) is thrown as
 * {@link UncheckedIOException} wrapping the {@link IOException}, by this read and by every later
 * one that needs bytes. A connection closed by this side (its {@link StreamWriter#close()}) reads
 * as end-of-file.
 *
 * <p><b>Buffer limit.</b> {@link #readuntil} and {@link #readline} look for their separator within
 * the first {@link #limit()} bytes (64 KiB unless set otherwise); {@link #read} and
 * {@link #readexactly} are not limited. Reads from the transport take up to 64 KiB at a time.
 */
public final class StreamReader {
    /** Python's {@code asyncio.streams._DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final int CHUNK = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final EventLoop loop;
    private final StreamTransport transport;
    private final int limit;

    // Touched only by tasks of the loop while they hold it.
    private byte[] buf = EMPTY;
    private int head;
    private int tail;
    private boolean eof;
    private IOException error;
    private boolean waiting;
    private byte[] chunk;

    StreamReader(EventLoop loop, StreamTransport transport, int limit) {
        this.loop = loop;
        this.transport = transport;
        this.limit = checkLimit(limit);
    }

    static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return limit;
    }

    /** {@return the buffer limit of {@link #readuntil} and {@link #readline}} */
    public int limit() {
        return limit;
    }

    /**
     * Reads up to {@code n} bytes: Python's {@code read(n)}. If the buffer holds some, returns
     * them at once (at most {@code n}); else waits until bytes or end-of-file arrive. With
     * {@code n < 0}, reads until end-of-file and returns everything (not limited by
     * {@link #limit()}).
     *
     * @param n the most bytes to read; negative reads to end-of-file
     * @return the bytes read; empty only at end-of-file (or for {@code n == 0})
     * @throws CancellationException if the task is cancelled while it waits
     * @throws UncheckedIOException if the transport fails
     * @throws IllegalStateException if not called by a task of the reader's running loop, or
     *     another task waits for this reader's bytes
     */
    public byte[] read(int n) {
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] block = read(Math.max(limit, CHUNK));
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        checkCaller("read");
        if (size() == 0 && !eof) {
            waitForData("read");
        }
        return take(Math.min(n, size()));
    }

    /**
     * Reads one line, up to and including {@code '\n'}: Python's {@code readline()}. At
     * end-of-file it returns what is left without a newline (empty if nothing is). If no newline
     * is found within {@link #limit()} bytes, the bytes looked at are dropped (up to and including
     * the newline, if it was found beyond the limit) and {@link LimitOverrunException} is thrown.
     *
     * @return the line, its newline included if it had one; empty at end-of-file
     * @throws LimitOverrunException as said above
     * @throws CancellationException if the task is cancelled while it waits
     * @throws UncheckedIOException if the transport fails
     * @throws IllegalStateException as {@link #read}
     */
    public byte[] readline() {
        byte[] sep = {'\n'};
        try {
            return readuntil(sep);
        } catch (IncompleteReadException e) {
            return e.partial();
        } catch (LimitOverrunException e) {
            if (startsWith(e.consumed(), sep)) {
                take(e.consumed() + sep.length);
            } else {
                head = tail = 0;
            }
            throw e;
        }
    }

    /**
     * Reads exactly {@code n} bytes: Python's {@code readexactly(n)}. Not limited by
     * {@link #limit()}.
     *
     * @param n how many bytes to read
     * @return exactly {@code n} bytes
     * @throws IncompleteReadException if end-of-file comes first; the bytes read are in
     *     {@link IncompleteReadException#partial()} and no longer in the reader
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws CancellationException if the task is cancelled while it waits; the bytes read so
     *     far stay in the buffer
     * @throws UncheckedIOException if the transport fails
     * @throws IllegalStateException as {@link #read}
     */
    public byte[] readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero: " + n);
        }
        checkCaller("readexactly");
        if (n == 0) {
            return EMPTY;
        }
        while (size() < n) {
            if (eof) {
                throw new IncompleteReadException(take(size()), n);
            }
            waitForData("readexactly");
        }
        return take(n);
    }

    /**
     * Reads up to and including the first occurrence of {@code separator}: Python's
     * {@code readuntil(separator)}.
     *
     * @param separator the bytes that end what is read, not empty
     * @return the bytes read, the separator included
     * @throws IncompleteReadException if end-of-file comes before the separator; every byte left
     *     is in {@link IncompleteReadException#partial()} and no longer in the reader
     * @throws LimitOverrunException if the separator is not within {@link #limit()} bytes; the
     *     bytes stay in the buffer
     * @throws IllegalArgumentException if {@code separator} is empty
     * @throws CancellationException if the task is cancelled while it waits
     * @throws UncheckedIOException if the transport fails
     * @throws IllegalStateException as {@link #read}
     */
    public byte[] readuntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("separator should be at least one-byte string");
        }
        checkCaller("readuntil");
        int offset = 0;
        int found;
        while (true) {
            int len = size();
            if (len - offset >= separator.length) {
                found = indexOf(separator, offset);
                if (found >= 0) {
                    break;
                }
                offset = len + 1 - separator.length;
                if (offset > limit) {
                    throw new LimitOverrunException("separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                throw new IncompleteReadException(take(len), -1);
            }
            waitForData("readuntil");
        }
        if (found > limit) {
            throw new LimitOverrunException("separator is found, but chunk is longer than limit", found);
        }
        return take(found + separator.length);
    }

    /**
     * {@return whether the buffer is empty and end-of-file was reached: Python's {@code at_eof()}} Never
     * waits; any thread that holds the loop may call it.
     */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /** {@return how many bytes the buffer holds: what the next reads can return without waiting} */
    public int buffered() {
        return size();
    }

    // ------------------------------------------------------------------------------ internals

    /** Empties the buffer into a new array (for {@link AsyncProcess#communicate}); loop holder only. */
    byte[] drainBuffer() {
        return take(size());
    }

    /** Marks end-of-file: nothing more will be read from the transport. */
    void feedEof() {
        eof = true;
    }

    boolean isWaiting() {
        return waiting;
    }

    private void checkCaller(String what) {
        Task<?> t = Aio.requireTask(what);
        if (t.loop != loop) {
            throw new IllegalStateException(what + ": this reader belongs to another event loop");
        }
    }

    /** Waits, off the loop, for one read from the transport: bytes, end-of-file or an error. */
    private void waitForData(String what) {
        if (waiting) {
            throw new IllegalStateException(what + "() called while another task is already waiting for incoming data");
        }
        if (error != null) {
            throw failure(error);
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        byte[] into = chunk;
        // Filled on this task's own thread, in or after Aio.blocking: read back after a cancel.
        int[] got = {0};
        IOException[] failed = {null};
        waiting = true;
        try {
            Aio.blocking(() -> {
                try {
                    got[0] = transport.read(into);
                } catch (IOException e) {
                    if (transport.isLocalClose(e)) {
                        got[0] = -1; // closed by our own writer: Python feeds EOF then
                    } else {
                        failed[0] = e;
                    }
                }
                return null;
            });
        } catch (CancellationException e) {
            absorb(into, got[0], null); // bytes that came before the cancel are kept
            if (failed[0] != null) {
                transport.markBroken("closed when a task was cancelled while reading from it");
            }
            throw e;
        } finally {
            waiting = false;
        }
        absorb(into, got[0], failed[0]);
        if (failed[0] != null) {
            throw failure(failed[0]);
        }
    }

    private void absorb(byte[] into, int n, IOException failed) {
        if (n > 0) {
            append(into, n);
        } else if (n < 0) {
            eof = true;
        }
        if (failed != null) {
            error = failed;
        }
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot read from " + transport + ": " + transport.describe(e), e);
    }

    private int size() {
        return tail - head;
    }

    private void append(byte[] src, int n) {
        if (buf.length - tail < n) {
            int size = size();
            if (buf.length - size >= n && head > 0) {
                System.arraycopy(buf, head, buf, 0, size);
            } else {
                byte[] bigger = new byte[Math.max(size + n, buf.length * 2)];
                System.arraycopy(buf, head, bigger, 0, size);
                buf = bigger;
            }
            head = 0;
            tail = size;
        }
        System.arraycopy(src, 0, buf, tail, n);
        tail += n;
    }

    private byte[] take(int n) {
        byte[] out = n == 0 ? EMPTY : Arrays.copyOfRange(buf, head, head + n);
        head += n;
        if (head == tail) {
            head = tail = 0;
            if (buf.length > 4 * CHUNK) {
                buf = EMPTY; // do not keep a large buffer after a large read
            }
        }
        return out;
    }

    private int indexOf(byte[] sep, int from) {
        int last = tail - sep.length;
        outer:
        for (int i = head + from; i <= last; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }

    private boolean startsWith(int offset, byte[] sep) {
        if (size() - offset < sep.length) {
            return false;
        }
        for (int j = 0; j < sep.length; j++) {
            if (buf[head + offset + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "StreamReader[" + transport + ", " + size() + " bytes buffered" + (eof ? ", eof" : "")
                + (error != null ? ", error=" + error : "") + (waiting ? ", waiting" : "") + "]";
    }
}
