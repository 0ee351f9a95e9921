package dev.weft.subprocess.internal.posix;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * The parent's end of a child's stdout or stderr pipe: a non-blocking descriptor read with
 * {@code read(2)} straight into the caller's array.
 *
 * <p>A read that finds no data waits in {@code poll(2)} slices of at most 100 ms, so that it
 * notices an interrupt, or a {@link #close()} by another thread, within that time. It then throws
 * {@link InterruptedIOException} (leaving the thread's interrupt status set) or an
 * {@link IOException} saying the stream was closed. Closing is idempotent and thread-safe; the
 * descriptor itself is closed only once no thread is inside a call on it. A stream that becomes
 * unreachable without being closed has its descriptor closed by a cleaner.
 *
 * <p>When the stream is handed to another child ({@code Stdio.FromStream}), the parent's copy of
 * the descriptor is closed and later reads throw an {@link IOException} saying so. Not API.
 */
final class FdInputStream extends InputStream {
    private final Fd fd;

    /** Wraps {@code fd}, which must be non-blocking, and closes it if this stream is dropped unclosed. */
    FdInputStream(Fd fd) {
        this.fd = fd;
        FdStreams.CLEANER.register(this, fd::close);
    }

    /** The descriptor, for the communicator and for handing it to another child. */
    Fd fd() {
        return fd;
    }

    /** Reads one byte; see {@link #read(byte[], int, int)}. */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads up to {@code len} bytes, blocking until at least one is available or the child (and
     * every other writer) has closed the pipe.
     *
     * @return the number of bytes read, or -1 at end-of-file
     * @throws InterruptedIOException if the thread is interrupted while waiting
     * @throws IOException if the stream is or gets closed, was handed to another child, or the
     *     read fails
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fd.acquire()) {
            throw new IOException(fd.name() + " " + fd.closedReason());
        }
        try {
            while (true) {
                long n = LibC.read(fd.number(), b, off, len);
                if (n > 0) {
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = (int) -n;
                if (errno == LibC.EAGAIN) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted while reading " + fd.name());
                    }
                    fd.awaitReady(LibC.POLLIN);
                } else if (errno != LibC.EINTR) {
                    throw new IOException("cannot read " + fd.name() + ": " + LibC.describe(errno));
                }
            }
        } finally {
            fd.release();
        }
    }

    /**
     * Hands the descriptor over to the child {@code pid}: closes the parent's copy (once no read
     * is in progress) so that later reads throw an {@link IOException} naming that child.
     */
    void handOver(long pid) {
        fd.close("was given to the stdin of pid " + pid + " and cannot be read here");
    }

    /** Closes the parent's end of the pipe. Idempotent; never blocks. */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "FdInputStream[" + fd.name() + "]";
    }
}
