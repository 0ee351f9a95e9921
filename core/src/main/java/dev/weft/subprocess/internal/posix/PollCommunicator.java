package dev.weft.subprocess.internal.posix;

import dev.weft.subprocess.SubprocessException;
import dev.weft.subprocess.internal.Communicator;
import dev.weft.subprocess.internal.OutputBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The {@link Communicator} of a {@link PosixChild}: one {@code poll(2)} loop in the calling
 * thread over the stdin, stdout and stderr pipes and the child's pidfd, with no helper threads,
 * as CPython's {@code _communicate} on POSIX, but moving up to 1 MiB per system call straight
 * between the pipes and Java arrays.
 *
 * <p>Input is written from the caller's array as the pipe takes it (the array is not copied, so
 * the caller must not change it until the pump is done); stdin is closed once all of it is
 * written, at once when there is none, and when the child stops reading ({@code EPIPE}, which is
 * not an error here, as Python ignores {@code BrokenPipeError}). Output is read into chunks that
 * grow from 64 KiB to 16 MiB and are joined once when asked for. A pipe that reaches end-of-file is
 * closed, as Python closes them.
 *
 * <p>Each wait in {@code poll(2)} lasts at most 100 ms, so that the deadline and interrupts are
 * noticed. Not thread-safe: callers serialise calls. Not API.
 */
final class PollCommunicator implements Communicator {
    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_WRITE = 1 << 20;
    /** After the orphan kill, the longest the pipes are still drained before being closed anyway. */
    private static final long FINAL_DRAIN_NANOS = 2_000_000_000L;

    private final PosixChild child;
    private final Fd in;
    private final Fd out;
    private final Fd err;
    private final OutputBuffer outBytes;
    private final OutputBuffer errBytes;

    private boolean started;
    // Whether this call holds a use of the pipe (see Fd): it must let go before a close can happen.
    private boolean inHeld;
    private boolean outHeld;
    private boolean errHeld;
    private byte[] input = EMPTY;
    private int written;
    private boolean inDone;
    private boolean outDone;
    private boolean errDone;
    private boolean childEnded;
    private long childEndedAt;
    private boolean orphansKilled;
    private long drainUntil;

    PollCommunicator(PosixChild child, FdOutputStream stdin, FdInputStream stdout, FdInputStream stderr) {
        this.child = child;
        this.in = stdin == null ? null : stdin.fd();
        this.out = stdout == null ? null : stdout.fd();
        this.err = stderr == null ? null : stderr.fd();
        this.inDone = in == null;
        this.outDone = out == null;
        this.errDone = err == null;
        this.outBytes = new OutputBuffer("stdout of pid " + child.pid());
        this.errBytes = new OutputBuffer("stderr of pid " + child.pid());
    }

    /**
     * Runs the loop until stdin is written and closed and stdout and stderr are at end-of-file,
     * or the deadline passes. Blocks for as long as the child keeps its pipes open (bounded by
     * {@code deadline}); once the child has ended, at most {@code orphanGraceNanos} more before
     * the tree is killed, and then at most 2 s more before the pipes are closed regardless.
     *
     * @throws InterruptedException if interrupted (noticed within 100 ms); everything read and
     *     written so far is kept, as on a timeout
     * @throws SubprocessException if reading or writing a pipe fails for another reason than the
     *     child having closed it
     */
    @Override
    public boolean pump(byte[] input, long deadline, long orphanGraceNanos) throws InterruptedException {
        if (!started) {
            started = true;
            if (input != null) {
                this.input = input;
            }
            if (!inDone && this.input.length == 0) {
                closeStdin();
            }
        }
        if (!outDone && child.isDetachedStdout()) {
            outDone = true; // given to another child: not ours to read or close
        }
        // Hold a use of each descriptor for the whole call: a close by another thread (a user
        // closing a stream) then takes effect when this call returns, never under a poll or read.
        inHeld = !inDone && in.acquire();
        outHeld = !outDone && out.acquire();
        errHeld = !errDone && err.acquire();
        boolean pidfdHeld = child.pidfd().acquire();
        inDone |= !inHeld;
        outDone |= !outHeld;
        errDone |= !errHeld;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(LibC.pollSetSize(4), 8);
            if (!pidfdHeld) {
                noteChildEnded(System.nanoTime()); // the pidfd is closed only once it is reaped
            }
            return loop(set, pidfdHeld, deadline, orphanGraceNanos);
        } finally {
            if (inHeld) {
                inHeld = false;
                in.release();
            }
            if (outHeld) {
                outHeld = false;
                out.release();
            }
            if (errHeld) {
                errHeld = false;
                err.release();
            }
            if (pidfdHeld) {
                child.pidfd().release();
            }
        }
    }

    private boolean loop(MemorySegment set, boolean pidfdHeld, long deadline, long grace) throws InterruptedException {
        while (!(inDone && outDone && errDone)) {
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                return false;
            }
            if (childEnded && !orphansKilled && now - childEndedAt >= grace) {
                // The child is gone but something still holds a pipe: a descendant it left behind.
                child.killTree();
                orphansKilled = true;
                drainUntil = now + FINAL_DRAIN_NANOS;
            }
            if (orphansKilled && now - drainUntil >= 0) {
                closeAll();
                return true;
            }

            long wait = FdStreams.SLICE_MILLIS * 1_000_000L;
            if (deadline != Long.MAX_VALUE) {
                wait = Math.min(wait, deadline - now);
            }
            if (childEnded && !orphansKilled) {
                wait = Math.min(wait, grace - (now - childEndedAt));
            }
            if (orphansKilled) {
                wait = Math.min(wait, drainUntil - now);
            }
            int millis = (int) Math.max(0, (wait + 999_999) / 1_000_000);

            int n = 0;
            int inAt = -1;
            int outAt = -1;
            int errAt = -1;
            int pidAt = -1;
            if (!inDone) {
                LibC.pollSet(set, inAt = n++, in.number(), LibC.POLLOUT);
            }
            if (!outDone) {
                LibC.pollSet(set, outAt = n++, out.number(), LibC.POLLIN);
            }
            if (!errDone) {
                LibC.pollSet(set, errAt = n++, err.number(), LibC.POLLIN);
            }
            if (pidfdHeld && !childEnded) {
                LibC.pollSet(set, pidAt = n++, child.pidfd().number(), LibC.POLLIN);
            }
            int ready = LibC.poll(set, n, millis);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (ready <= 0) {
                continue; // timeout or EINTR: the checks above decide what next
            }
            if (inAt >= 0 && LibC.pollRevents(set, inAt) != 0) {
                writeInput();
            }
            if (outAt >= 0 && readable(LibC.pollRevents(set, outAt), out, outBytes)) {
                closeStdout();
            }
            if (errAt >= 0 && readable(LibC.pollRevents(set, errAt), err, errBytes)) {
                closeStderr();
            }
            if (pidAt >= 0 && LibC.pollRevents(set, pidAt) != 0) {
                noteChildEnded(System.nanoTime());
            }
        }
        return true;
    }

    private void noteChildEnded(long now) {
        if (!childEnded) {
            childEnded = true;
            childEndedAt = now;
        }
    }

    /** Writes the next chunk of input; closes stdin when all is written or the child stopped reading. */
    private void writeInput() {
        int len = Math.min(MAX_WRITE, input.length - written);
        long n = len == 0 ? 0 : LibC.write(in.number(), input, written, len);
        if (n >= 0) {
            written += (int) n;
            if (written == input.length) {
                closeStdin();
            }
            return;
        }
        int errno = (int) -n;
        if (errno == LibC.EPIPE) {
            closeStdin(); // the child stopped reading: not an error, keep reading its output
        } else if (errno != LibC.EAGAIN && errno != LibC.EINTR) {
            throw new SubprocessException("cannot write to stdin of pid " + child.pid() + ": " + LibC.describe(errno));
        }
    }

    // Each close lets go of this call's use first, else the close would wait for this very call.

    private void closeStdin() {
        inDone = true;
        in.close();
        if (inHeld) {
            inHeld = false;
            in.release();
        }
    }

    private void closeStdout() {
        outDone = true;
        out.close();
        if (outHeld) {
            outHeld = false;
            out.release();
        }
    }

    private void closeStderr() {
        errDone = true;
        err.close();
        if (errHeld) {
            errHeld = false;
            err.release();
        }
    }

    private void closeAll() {
        if (!inDone) {
            closeStdin();
        }
        if (!outDone) {
            closeStdout();
        }
        if (!errDone) {
            closeStderr();
        }
    }

    @Override
    public byte[] stdout() {
        return outBytes.bytes();
    }

    @Override
    public byte[] stderr() {
        return errBytes.bytes();
    }

    /**
     * Acts on a pipe's poll events: reads what it holds, or, when it reports hang-up with
     * nothing to read (every writer gone, the pipe empty: the end of a quiet child such as
     * {@code true}), takes that as end-of-file without a read, so a child that writes nothing
     * costs no output buffer.
     *
     * @return whether the pipe reached end-of-file
     */
    private static boolean readable(short revents, Fd fd, OutputBuffer into) {
        if (revents == 0) {
            return false;
        }
        if ((revents & LibC.POLLIN) == 0 && (revents & LibC.POLLHUP) != 0) {
            return true;
        }
        return readFrom(fd, into);
    }

    /** Reads per readiness while each read fills the buffer's chunk: more is likely waiting. */
    private static final int READS_PER_WAKE = 4;

    /**
     * Reads what the pipe has straight into {@code into}'s chunks (never blocks: the descriptor
     * is non-blocking). Only this thread touches {@code into} while a pump runs.
     *
     * @return whether the pipe reached end-of-file
     */
    private static boolean readFrom(Fd fd, OutputBuffer into) {
        for (int i = 0; i < READS_PER_WAKE; i++) {
            byte[] chunk = into.writeArray();
            int at = into.writeOffset();
            int room = chunk.length - at;
            long n = LibC.read(fd.number(), chunk, at, room);
            if (n > 0) {
                into.advance((int) n);
                if (n < room) {
                    return false; // drained for now
                }
            } else if (n == 0) {
                return true;
            } else if (n == -LibC.EAGAIN || n == -LibC.EINTR) {
                return false;
            } else {
                throw new SubprocessException("cannot read " + into.name() + ": " + LibC.describe((int) -n));
            }
        }
        return false;
    }
}
