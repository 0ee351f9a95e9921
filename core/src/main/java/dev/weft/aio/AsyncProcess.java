package dev.weft.aio;

import dev.weft.subprocess.Output;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Signal;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * A child process started by {@link AsyncSubprocess}, driven by tasks of one loop: Python's
 * {@code asyncio.subprocess.Process}. Its pipes are the streams of this package:
 * {@link #stdin()} is a {@link StreamWriter}, {@link #stdout()} and {@link #stderr()} are
 * {@link StreamReader}s, each present only when the {@link dev.weft.subprocess.Options} made it a
 * {@link dev.weft.subprocess.Redirect#PIPE}.
 *
 * <pre>{@code
 * AsyncProcess p = AsyncSubprocess.createSubprocessExec(List.of("sort"),
 *         Options.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE));
 * Output<byte[]> out = p.communicate("b\na\n".getBytes(UTF_8));   // stdout "a\nb\n"
 * int rc = p.returncode().orElseThrow();                          // 0
 * }</pre>
 *
 * <p><b>Await points.</b> {@link #waitFor()}, {@link #communicate}, and the reads and drains of
 * the pipes wait as {@link Aio#blocking} does, so the loop runs its other tasks meanwhile; they
 * may be called only by tasks of the loop that started the child. The waits of
 * {@code dev.weft.subprocess} may block in native calls, which would hold a virtual thread's
 * carrier, so they run on platform threads of a shared pool while the task's virtual thread waits
 * for them. {@link #pid()}, {@link #returncode()}, {@link #sendSignal}, {@link #terminate()} and
 * {@link #kill()} never wait and may be called from any thread.
 *
 * <p><b>Cancellation.</b> A task cancelled in one of these waits gets
 * {@link CancellationException}; the child is not touched (kill it if it must end). A cancelled
 * {@code communicate} keeps what it read, and the next one returns everything. A cancelled read
 * of a pipe leaves the pipe usable (unlike a socket's); with
 * {@link dev.weft.subprocess.LaunchMechanism#JDK} it ends only once the child writes or closes
 * the pipe, because the JDK's process streams do not answer interrupts.
 *
 * <p><b>Returncodes</b> are Python's, as {@link Popen} gives them: the exit status, or minus the
 * number of the signal that ended the child ({@code -9} after {@link #kill()}).
 */
public final class AsyncProcess {
    private final EventLoop loop;
    private final Popen<byte[]> popen;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;

    // Touched only by holders of the loop.
    private boolean communicationStarted;
    private byte[] stdoutBefore;
    private byte[] stderrBefore;

    AsyncProcess(EventLoop loop, Popen<byte[]> popen, int limit) {
        this.loop = loop;
        this.popen = popen;
        String who = " of pid " + popen.pid() + " " + popen.args();
        StreamWriter in = null;
        StreamReader out = null;
        StreamReader err = null;
        try {
            in = new StreamWriter(loop, StreamTransport.Pipe.writing(popen.stdin(), "stdin" + who));
        } catch (IllegalStateException notAPipe) {
            // stdin is not a pipe: stdin() says so
        }
        try {
            out = new StreamReader(loop, StreamTransport.Pipe.reading(popen.stdout(), "stdout" + who), limit);
        } catch (IllegalStateException notAPipe) {
            // stdout is not a pipe
        }
        try {
            err = new StreamReader(loop, StreamTransport.Pipe.reading(popen.stderr(), "stderr" + who), limit);
        } catch (IllegalStateException notAPipe) {
            // stderr is not a pipe
        }
        this.stdin = in;
        this.stdout = out;
        this.stderr = err;
    }

    /** {@return the command, as given} */
    public List<String> args() {
        return popen.args();
    }

    /** {@return the child's process id: Python's {@code pid}} */
    public long pid() {
        return popen.pid();
    }

    /**
     * {@return the returncode once the child has ended, else empty: Python's {@code returncode} (which is
     * {@code None} while the child runs)} Never blocks; the first call that sees the child ended
     * reaps it.
     */
    public OptionalInt returncode() {
        return popen.returncode();
    }

    /**
     * {@return the writer of the child's stdin: Python's {@code proc.stdin}} {@link StreamWriter#close()}
     * (or {@link StreamWriter#writeEof()}) gives the child end-of-file.
     *
     * @throws IllegalStateException if stdin is not {@link dev.weft.subprocess.Redirect#PIPE}
     */
    public StreamWriter stdin() {
        if (stdin == null) {
            throw new IllegalStateException("stdin of " + args() + " is not a pipe");
        }
        return stdin;
    }

    /**
     * {@return the reader of the child's stdout: Python's {@code proc.stdout}}
     *
     * @throws IllegalStateException if stdout is not {@link dev.weft.subprocess.Redirect#PIPE}
     */
    public StreamReader stdout() {
        if (stdout == null) {
            throw new IllegalStateException("stdout of " + args() + " is not a pipe");
        }
        return stdout;
    }

    /**
     * {@return the reader of the child's stderr: Python's {@code proc.stderr}}
     *
     * @throws IllegalStateException if stderr is not {@link dev.weft.subprocess.Redirect#PIPE}
     */
    public StreamReader stderr() {
        if (stderr == null) {
            throw new IllegalStateException("stderr of " + args() + " is not a pipe");
        }
        return stderr;
    }

    /**
     * Waits for the child to end and returns its returncode: Python's {@code await proc.wait()}
     * (named as {@link Popen#waitFor()}, since {@link Object#wait()} is taken). An await point.
     * It does not read the pipes: a child that fills a pipe nobody reads never ends, so read them
     * in other tasks or use {@link #communicate}.
     *
     * @return the child's returncode: its exit status, or minus the signal that killed it
     * @throws CancellationException if the calling task is cancelled (the child is not touched)
     * @throws IllegalStateException if not called by a task of the loop that started the child
     */
    public int waitFor() {
        checkTask("waitFor");
        return offLoop(popen::waitFor);
    }

    /**
     * As {@link #communicate(byte[])} with no input.
     *
     * @return the child's output and returncode
     */
    public Output<byte[]> communicate() {
        return communicate(null);
    }

    /**
     * Writes {@code input} to stdin and closes it, reads stdout and stderr to end-of-file, and
     * waits for the child: Python's {@code await proc.communicate(input)}. An await point. It
     * cannot deadlock whatever the sizes (it runs {@link Popen#communicate}, which writes and
     * reads all pipes at once, off the loop), and a descendant that keeps a pipe open cannot make
     * it hang (see {@link Popen}).
     *
     * <p>Bytes already written to {@link #stdin()} and not yet drained go first; bytes already
     * buffered in {@link #stdout()} and {@link #stderr()} begin the output. From then on the pipes
     * belong to {@code communicate}: the readers read end-of-file and the writer is closed.
     *
     * @param input written to stdin, or null for none
     * @return what was read from stdout and stderr, each null when that stream is not a pipe
     * @throws IllegalArgumentException if {@code input} is given while stdin is not a pipe, or
     *     given again after a communicate started
     * @throws IllegalStateException if stdin was closed and {@code input} is given, if another
     *     task waits on one of the pipes, or if not called by a task of the loop that started the
     *     child
     * @throws CancellationException if the calling task is cancelled; the child is not touched and
     *     a later {@code communicate} (without input) returns the whole output
     */
    public Output<byte[]> communicate(byte[] input) {
        checkTask("communicate");
        if (input != null && stdin == null) {
            throw new IllegalArgumentException("input given but stdin of " + args() + " is not a pipe");
        }
        if ((stdout != null && stdout.isWaiting()) || (stderr != null && stderr.isWaiting())
                || (stdin != null && stdin.isFlushing())) {
            throw new IllegalStateException("communicate: another task is reading or writing a pipe of " + args());
        }
        byte[] toSend = input;
        if (!communicationStarted) {
            if (input != null && stdin.isClosing()) {
                throw new IllegalStateException("input given but stdin of " + args() + " was closed");
            }
            communicationStarted = true;
            stdoutBefore = stdout != null ? stdout.drainBuffer() : null;
            stderrBefore = stderr != null ? stderr.drainBuffer() : null;
            if (stdout != null) {
                stdout.feedEof();
            }
            if (stderr != null) {
                stderr.feedEof();
            }
            if (stdin != null && !stdin.isClosing()) {
                byte[] unsent = stdin.takeBuffered();
                if (unsent.length > 0) {
                    toSend = concat(unsent, input != null ? input : new byte[0]);
                }
                stdin.markClosed(); // Popen.communicate closes the pipe itself
            }
        }
        byte[] in = toSend;
        Output<byte[]> out = offLoop(() -> popen.communicate(in, null));
        return new Output<>(concat(stdoutBefore, out.stdout()), concat(stderrBefore, out.stderr()));
    }

    /**
     * Sends {@code signal} to the child (not its descendants): Python's {@code send_signal}. Does
     * nothing once the child has ended and been reaped.
     *
     * @param signal the signal to send
     */
    public void sendSignal(Signal signal) {
        popen.sendSignal(Objects.requireNonNull(signal, "signal"));
    }

    /** Sends {@code SIGTERM} to the child: Python's {@code terminate()}. Does not wait. */
    public void terminate() {
        popen.terminate();
    }

    /**
     * Kills the child with {@code SIGKILL}, with its whole process tree (as {@link Popen#kill()}
     * does; Python's reaches the child alone): Python's {@code kill()}. Does not wait: follow with
     * {@link #waitFor()}, which then returns {@code -9}.
     */
    public void kill() {
        popen.kill();
    }

    /** {@return the {@link Popen} underneath, for what this class does not offer} */
    public Popen<byte[]> popen() {
        return popen;
    }

    private void checkTask(String what) {
        Task<?> t = Aio.requireTask(what);
        if (t.loop != loop) {
            throw new IllegalStateException(what + ": this process belongs to another event loop");
        }
    }

    /** Runs {@code call} as {@link Aio#blocking} does, on a platform thread (see the class comment). */
    static <T> T offLoop(java.util.concurrent.Callable<T> call) {
        return Aio.blocking(() -> {
            try {
                return StreamTransport.onPlatformThread(call);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a == null || a.length == 0) {
            return b;
        }
        if (b == null) {
            return a;
        }
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public String toString() {
        OptionalInt rc = returncode();
        return "AsyncProcess[args=" + args() + ", pid=" + pid() + (rc.isPresent() ? ", returncode=" + rc.getAsInt() : ", running") + "]";
    }
}
