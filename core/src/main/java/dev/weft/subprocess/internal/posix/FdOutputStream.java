package dev.weft.subprocess.internal.posix;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The parent's end of a child's stdin pipe: a non-blocking descriptor written with
 * {@code write(2)} straight from the caller's array.
 *
 * <p>A write that finds the pipe full waits in {@code poll(2)} slices of at most 100 ms, so that
 * it notices an interrupt, or a {@link #close()} by another thread, within that time; it then
 * throws {@link InterruptedIOException} (with {@code bytesTransferred} set, and the thread's
 * interrupt status left set) or an {@link IOException} saying the stream was closed. A child that
 * no longer reads its stdin makes writes fail with {@code "Broken pipe (EPIPE)"}, as Python's
 * {@code BrokenPipeError}. Closing is idempotent and thread-safe; the descriptor is closed only once
 * no thread is inside a call on it, and by a cleaner if the stream is dropped unclosed. Not API.
 */
final class FdOutputStream extends OutputStream {
    private final Fd fd;

    /** Wraps {@code fd}, which must be non-blocking, and closes it if this stream is dropped unclosed. */
    FdOutputStream(Fd fd) {
        this.fd = fd;
        FdStreams.CLEANER.register(this, fd::close);
    }

    /** The descriptor, for the communicator. */
    Fd fd() {
        return fd;
    }

    /** Writes one byte; see {@link #write(byte[], int, int)}. */
    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Writes all {@code len} bytes, blocking while the pipe is full.
     *
     * @throws InterruptedIOException if the thread is interrupted while waiting
     * @throws IOException if the stream is or gets closed, the child stopped reading (EPIPE), or
     *     the write fails
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (!fd.acquire()) {
            throw new IOException(fd.name() + " " + fd.closedReason());
        }
        try {
            int done = 0;
            while (done < len) {
                long n = LibC.write(fd.number(), b, off + done, len - done);
                if (n >= 0) {
                    done += (int) n;
                    continue;
                }
                int errno = (int) -n;
                if (errno == LibC.EAGAIN) {
                    if (Thread.currentThread().isInterrupted()) {
                        InterruptedIOException e = new InterruptedIOException("interrupted while writing to " + fd.name());
                        e.bytesTransferred = done;
                        throw e;
                    }
                    fd.awaitReady(LibC.POLLOUT);
                } else if (errno != LibC.EINTR) {
                    throw new IOException("cannot write to " + fd.name() + ": " + LibC.describe(errno));
                }
            }
        } finally {
            fd.release();
        }
    }

    /** Closes the parent's end of the pipe, so the child sees end-of-file. Idempotent; never blocks. */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "FdOutputStream[" + fd.name() + "]";
    }
}
