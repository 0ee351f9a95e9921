package dev.weft.process.internal.worker;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In a worker JVM: {@code System.out} and {@code System.err} made to count the bytes they hand to
 * the standard output and error descriptors, so that the worker's exit message can say how much it
 * wrote and the parent can wait until its forwarders have passed on exactly that much, instead of
 * waiting for the pipes to close, which happens only once the JVM has gone down, milliseconds
 * later. Bytes written to the descriptors by other means (native code, child processes) are not
 * counted: the parent then may return before it forwarded them. Not API.
 */
final class OutputCounts {
    private static final AtomicLong OUT = new AtomicLong();
    private static final AtomicLong ERR = new AtomicLong();

    private OutputCounts() {}

    /** Replaces {@code System.out} and {@code System.err} with counting streams of the same charsets. */
    static void install() {
        System.setOut(counting(FileDescriptor.out, OUT, System.out));
        System.setErr(counting(FileDescriptor.err, ERR, System.err));
    }

    /** {@return the bytes {@code System.out} has written so far} */
    static long out() {
        return OUT.get();
    }

    /** {@return the bytes {@code System.err} has written so far} */
    static long err() {
        return ERR.get();
    }

    private static PrintStream counting(FileDescriptor fd, AtomicLong count, PrintStream replaced) {
        OutputStream counted = new FilterOutputStream(new FileOutputStream(fd)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                count.addAndGet(len);
            }
        };
        // As the JVM's own: buffered, flushed at each line and each write of a byte array.
        return new PrintStream(new BufferedOutputStream(counted, 8192), true, replaced.charset());
    }
}
