package dev.weft.subprocess;

import dev.weft.internal.Timeouts;
import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.Communicator;
import dev.weft.subprocess.internal.LaunchSpec;
import dev.weft.subprocess.internal.Launchers;
import dev.weft.subprocess.internal.Stdio;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ref.Cleaner;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running child process: Python's {@code subprocess.Popen}. The constructor starts the child;
 * the methods talk to it, wait for it and end it.
 *
 * <pre>{@code
 * try (Popen<String> p = new Popen<>(List.of("sort"), Options.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE).text())) {
 *     Output<String> out = p.communicate("b\na\n", Duration.ofSeconds(5));
 *     System.out.print(out.stdout());                 // a, b
 * }
 * }</pre>
 *
 * <h2>Not deadlocking</h2>
 * Reading one pipe while the child blocks writing another, or writing stdin while the child
 * blocks on a full stdout, hangs both processes; Python's documentation warns about it and so
 * does {@link Process}'s. {@link #communicate} cannot: it writes the input and reads both outputs
 * at once (with {@link LaunchMechanism#POSIX_SPAWN}, in the calling thread with {@code poll(2)};
 * with {@link LaunchMechanism#JDK}, with helper threads), whatever their sizes. Use the raw
 * {@link #stdin()}, {@link #stdout()} and {@link #stderr()} streams only when you arrange that
 * yourself.
 *
 * <h2>Ending</h2>
 * {@link #terminate()} and {@link #sendSignal} reach the child alone, as in Python; {@link
 * #kill()} kills the child's whole process tree, descendants first, so nothing it started keeps
 * running or keeps a pipe open. A child that has exited but whose pipes stay open because a
 * descendant it left behind holds them is given {@value #ORPHAN_GRACE_MILLIS} ms more by
 * {@link #communicate}; then its tree is killed, so an orphan cannot make the parent hang (CPython
 * hangs there). Children still running when the JVM exits are killed with their trees by a
 * shutdown hook, so no child outlives the program that started it (one that was killed with
 * {@code SIGKILL} cannot run the hook).
 *
 * <h2>Returncodes</h2>
 * As in Python: the exit status, or minus the number of the signal that ended the child ({@code
 * -15} after {@link #terminate()}, {@code -9} after {@link #kill()}). With {@link
 * LaunchMechanism#JDK} the JVM reports a death by signal <i>n</i> as {@code 128 + n}; Weft turns
 * that into {@code -n} only when it sent signal <i>n</i> itself, since a child may also have
 * called {@code exit(128 + n)}.
 *
 * <p>All methods are thread-safe. {@link #communicate} calls are serialised.
 *
 * @param <T> {@code byte[]} or {@code String}, as the {@link Options} said
 */
public final class Popen<T> implements AutoCloseable {
    /** How long an ended child's pipes may stay open before its tree is killed. */
    static final long ORPHAN_GRACE_MILLIS = 1000;

    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("weft-popen-cleaner").factory());

    private final List<String> args;
    private final Options<T> options;
    private final Child child;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantLock communicating = new ReentrantLock();
    private boolean communicationStarted;
    /** Set when another child took this one's stdout through {@link Redirect#stdoutOf}. */
    private volatile boolean stdoutGivenAway;

    /**
     * Starts {@code args} (the program, then its arguments, with no shell involved) with
     * {@link Options#defaults()}.
     *
     * @param args the program, then its arguments
     * @return the started child
     * @throws IllegalArgumentException if {@code args} is empty or an argument contains NUL
     * @throws LaunchException if the child cannot be started (the message names the program)
     */
    public static Popen<byte[]> start(List<String> args) {
        return new Popen<>(args, Options.defaults());
    }

    /**
     * Starts {@code args} (the program, then its arguments; see {@link Subprocess#shell} for a
     * shell command) as {@code options} say. Does not block beyond the launch itself.
     *
     * @param args the program, then its arguments
     * @param options the streams, directory, environment and launch of the child
     * @throws IllegalArgumentException if {@code args} is empty or an argument contains NUL, if
     *     {@code options} sets {@link Options#input}, {@link Options#timeout} or {@link
     *     Options#check} (pass those to {@link #communicate} and {@link #waitFor} instead), or if
     *     {@link Redirect#stdoutOf} names a process whose stdout is not a pipe
     * @throws LaunchException if the child cannot be started: the program does not exist or is
     *     not executable (the message names it), the working directory is missing, or the
     *     operating system refused
     */
    public Popen(List<String> args, Options<T> options) {
        this(args, options, false);
    }

    Popen(List<String> args, Options<T> options, boolean forRun) {
        Objects.requireNonNull(options, "options");
        this.args = checkedArgs(args);
        if (!forRun && options.hasRunOnlySettings()) {
            throw new IllegalArgumentException("input, timeout and check belong to Subprocess.run; "
                    + "give a Popen's input and timeout to communicate() and waitFor()");
        }
        this.options = options;
        Path cwd = options.cwdOrNull();
        if (cwd != null && !Files.isDirectory(cwd)) {
            throw new LaunchException(this.args, cwd, Files.exists(cwd) ? "the working directory is not a directory" : "the working directory does not exist", null);
        }
        LaunchSpec spec = new LaunchSpec(
                this.args,
                cwd,
                options.childEnvironment(),
                stdio(options.stdinRedirect()),
                stdio(options.stdoutRedirect()),
                stdio(options.stderrRedirect()),
                true,
                options.newSession());
        this.child = Launchers.get(options.mechanism(), this.args).launch(spec);
        Child c = child;
        this.cleanable = CLEANER.register(this, c::close);
    }

    static List<String> checkedArgs(List<String> args) {
        Objects.requireNonNull(args, "args");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must name a program to run, but it is empty");
        }
        for (int i = 0; i < args.size(); i++) {
            String a = Objects.requireNonNull(args.get(i), "args contains null");
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument " + i + " contains a NUL character: " + Options.quoted(a));
            }
        }
        if (args.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the program name is empty");
        }
        return List.copyOf(args);
    }

    private static Stdio stdio(Redirect r) {
        return switch (r) {
            case Redirect.Pipe p -> Stdio.PIPE;
            case Redirect.DevNull d -> Stdio.DEVNULL;
            case Redirect.Inherit i -> Stdio.INHERIT;
            case Redirect.Stdout s -> Stdio.MERGE_WITH_STDOUT;
            case Redirect.FromFile f -> new Stdio.ReadFile(f.path());
            case Redirect.ToFile f -> new Stdio.WriteFile(f.path(), f.append());
            case Redirect.StdoutOf up -> {
                InputStream s = up.upstream().child.detachStdout();
                up.upstream().stdoutGivenAway = s != null || up.upstream().stdoutGivenAway;
                if (s == null) {
                    throw new IllegalArgumentException("the stdout of " + up.upstream().args + " is not a pipe, or was already given to another process");
                }
                yield new Stdio.FromStream(s);
            }
        };
    }

    /** {@return the command, as given} */
    public List<String> args() {
        return args;
    }

    /** {@return the child's process id} */
    public long pid() {
        return child.pid();
    }

    /** {@return the options the child was started with} */
    public Options<T> options() {
        return options;
    }

    /**
     * {@return the child's stdin, which the parent writes: Python's {@code proc.stdin}} Closing it gives
     * the child end-of-file. Writes block while the pipe is full.
     *
     * @throws IllegalStateException if stdin is not {@link Redirect#PIPE}
     */
    public OutputStream stdin() {
        OutputStream s = child.stdin();
        if (s == null) {
            throw new IllegalStateException("stdin of " + args + " is not a pipe: it is " + options.stdinRedirect());
        }
        return s;
    }

    /**
     * {@return the child's stdout, which the parent reads: Python's {@code proc.stdout}} Reads block until
     * the child writes or closes it.
     *
     * @throws IllegalStateException if stdout is not {@link Redirect#PIPE}, or was given to
     *     another process with {@link Redirect#stdoutOf}
     */
    public InputStream stdout() {
        InputStream s = child.stdout();
        if (s == null) {
            throw new IllegalStateException("stdout of " + args + " is not a pipe the parent holds: it is "
                    + options.stdoutRedirect() + (options.stdoutRedirect() instanceof Redirect.Pipe ? ", given to another process" : ""));
        }
        return s;
    }

    /**
     * {@return the child's stderr, which the parent reads: Python's {@code proc.stderr}}
     *
     * @throws IllegalStateException if stderr is not {@link Redirect#PIPE}
     */
    public InputStream stderr() {
        InputStream s = child.stderr();
        if (s == null) {
            throw new IllegalStateException("stderr of " + args + " is not a pipe: it is " + options.stderrRedirect());
        }
        return s;
    }

    /**
     * {@link #stdin()} as text in the options' charset (UTF-8 in bytes mode).
     *
     * @return the writer
     */
    public Writer stdinWriter() {
        return new OutputStreamWriter(stdin(), charset());
    }

    /**
     * {@link #stdout()} as lines of text in the options' charset (UTF-8 in bytes mode).
     *
     * @return the reader
     */
    public BufferedReader stdoutReader() {
        return new BufferedReader(new InputStreamReader(stdout(), charset()));
    }

    /**
     * {@link #stderr()} as lines of text in the options' charset (UTF-8 in bytes mode).
     *
     * @return the reader
     */
    public BufferedReader stderrReader() {
        return new BufferedReader(new InputStreamReader(stderr(), charset()));
    }

    private Charset charset() {
        Charset c = options.charsetOrNull();
        return c == null ? StandardCharsets.UTF_8 : c;
    }

    /**
     * {@return the returncode if the child has ended, else empty: Python's {@code poll()}} Never blocks.
     * The first call that sees the child ended reaps it.
     */
    public OptionalInt poll() {
        return child.poll();
    }

    /** {@return the same as {@link #poll()}: Python's {@code returncode} attribute, read after a poll} */
    public OptionalInt returncode() {
        return child.poll();
    }

    /**
     * Waits for the child to end, without limit: Python's {@code wait()} (named so because
     * {@link Object#wait()} is taken). Does not read the child's pipes: a child that fills a pipe
     * nobody reads never ends; use {@link #communicate} when pipes are involved.
     *
     * @return the returncode
     * @throws InterruptedException if interrupted while waiting; the child is not touched
     */
    public int waitFor() throws InterruptedException {
        return child.await(Long.MAX_VALUE).orElseThrow();
    }

    /**
     * Waits at most {@code timeout} for the child to end: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait
     * @return the returncode
     * @throws SubprocessTimeoutException if the child is still running when the time is up; it
     *     is left running
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting; the child is not touched
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        OptionalInt rc = child.await(nanos);
        if (rc.isEmpty()) {
            throw new SubprocessTimeoutException(args, timeout, ProcessOutput.NONE);
        }
        return rc.getAsInt();
    }

    /**
     * Reads stdout and stderr to end-of-file, closes stdin, and waits for the child, without
     * limit: Python's {@code communicate()}.
     *
     * @return the output read and the returncode
     * @throws InterruptedException if interrupted; the child is not touched and the output read
     *     so far is kept for the next call
     */
    public Output<T> communicate() throws InterruptedException {
        return communicate(null, null);
    }

    /**
     * As {@link #communicate()}, giving up after {@code timeout}.
     *
     * @param timeout the longest it may take
     * @return the output read and the returncode
     * @throws SubprocessTimeoutException when the time is up, with the output read so far; the
     *     child is not touched, and a later call returns the whole output
     * @throws InterruptedException if interrupted; the child is not touched
     */
    public Output<T> communicate(Duration timeout) throws InterruptedException {
        return communicate(null, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Writes {@code input} to the child's stdin and closes it, while reading stdout and stderr to
     * end-of-file, then waits for the child; all of it within {@code timeout} (null: without
     * limit). Python's {@code communicate(input, timeout)}. It cannot deadlock, whatever the
     * sizes of the input and of the two outputs. A child that stops reading its stdin early does
     * not make it fail: the rest of the input is dropped, as in Python.
     *
     * @param input written to stdin (must be a pipe), or null for none
     * @param timeout the longest it may take, or null for no limit
     * @return what was read from stdout and stderr (null for a stream that is not a pipe),
     *     everything since the first call
     * @throws SubprocessTimeoutException when the time is up, with the output read so far; the
     *     child is not touched, and it can be communicated with again (without input) or killed
     * @throws IllegalArgumentException if {@code timeout} is negative, if {@code input} is given
     *     while stdin is not a pipe, or if it is given again after communication started
     * @throws InterruptedException if interrupted; state is kept as on a timeout
     */
    public Output<T> communicate(T input, Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : Timeouts.deadline(Timeouts.toNanos(timeout));
        return communicate(options.encode(input), deadline, timeout);
    }

    /** The one implementation of communicate, for {@link Popen} and for {@link Subprocess#run}. */
    Output<T> communicate(byte[] input, long deadline, Duration timeout) throws InterruptedException {
        communicating.lockInterruptibly();
        try {
            if (input != null) {
                if (child.stdin() == null && !communicationStarted) {
                    throw new IllegalArgumentException("input given but stdin of " + args + " is not a pipe: it is " + options.stdinRedirect());
                }
                if (communicationStarted) {
                    throw new IllegalArgumentException("input can only be given to the first communicate() of " + args);
                }
            }
            communicationStarted = true;
            Communicator c = child.communicator();
            boolean done = c.pump(input, deadline, TimeUnit.MILLISECONDS.toNanos(ORPHAN_GRACE_MILLIS));
            if (done) {
                OptionalInt rc = child.await(deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime()));
                if (rc.isPresent()) {
                    return output(c);
                }
            }
            throw new SubprocessTimeoutException(args, timeout, rawOutput(c));
        } finally {
            communicating.unlock();
        }
    }

    /** After {@link #kill()}: everything the child wrote, read within a bounded time. */
    ProcessOutput drainAfterKill() {
        Communicator c = child.communicator();
        boolean interrupted = Thread.interrupted();
        communicating.lock();
        try {
            c.pump(null, Timeouts.deadline(TimeUnit.SECONDS.toNanos(5)), 0);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            communicating.unlock();
        }
        reapAfterKill();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return rawOutput(c);
    }

    /** Waits for a child that was sent SIGKILL; that cannot take long, and is not interruptible. */
    void reapAfterKill() {
        boolean interrupted = false;
        while (true) {
            try {
                child.await(Long.MAX_VALUE);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Output<T> output(Communicator c) {
        return new Output<>(stdoutHeld() ? options.decode(c.stdout()) : null, stderrPiped() ? options.decode(c.stderr()) : null);
    }

    /** The output read so far, as bytes, for an exception to carry. */
    ProcessOutput rawOutput() {
        return rawOutput(child.communicator());
    }

    private ProcessOutput rawOutput(Communicator c) {
        return new ProcessOutput(stdoutHeld() ? c.stdout() : null, stderrPiped() ? c.stderr() : null, options.charsetOrNull());
    }

    /** Whether the parent reads this child's stdout: a pipe not given to another child. */
    private boolean stdoutHeld() {
        return options.stdoutRedirect() instanceof Redirect.Pipe && !stdoutGivenAway;
    }

    private boolean stderrPiped() {
        return options.stderrRedirect() instanceof Redirect.Pipe;
    }

    /**
     * Sends {@code signal} to the child (not its descendants): Python's {@code send_signal}.
     * Does nothing once the child has ended and been reaped, so a recycled process id is never
     * signalled.
     *
     * @param signal the signal to send
     */
    public void sendSignal(Signal signal) {
        child.signal(Objects.requireNonNull(signal, "signal"));
    }

    /**
     * Asks the child to end with {@code SIGTERM}, which it may catch: Python's {@code
     * terminate()}. Reaches the child alone; its descendants are its own business. Does not wait.
     */
    public void terminate() {
        child.signal(Signal.TERM);
    }

    /**
     * Kills the child's whole process tree with {@code SIGKILL}: every descendant, deepest first,
     * then the child, then anything left in its process group (descendants orphaned earlier).
     * With {@link LaunchMechanism#POSIX_SPAWN} the child is stopped first, so it cannot start more
     * or exit normally in between, and its returncode is {@code -9}; the JDK cannot stop a
     * process, so with {@link LaunchMechanism#JDK} the child is killed before its descendants.
     * Python's {@code kill()} reaches the child alone, so a grandchild keeps running and may keep
     * a pipe open; this does not. Does not wait: follow with {@link #waitFor()}.
     */
    public void kill() {
        child.killTree();
    }

    /**
     * Sends {@code signal} to the child's whole process tree: the child, every descendant, and
     * (when the child leads its own process group, as it does unless the JVM is its terminal's
     * foreground job, or always after {@link Options#startNewSession()}) everything left in
     * that group, which catches descendants the child orphaned. After the child has ended and
     * been reaped, only that group is signalled, and only while no process can have taken the
     * child's pid. The polite half of a shutdown: {@code signalTree(Signal.TERM)}, a grace
     * period, then {@link #kill()} for what is left. Python has no counterpart ({@code
     * os.killpg} comes closest). Does not wait. With {@link LaunchMechanism#JDK}, descendants
     * orphaned earlier cannot be found, and signals other than TERM and KILL are sent with the
     * {@code kill} command.
     *
     * @param signal the signal to send
     */
    public void signalTree(Signal signal) {
        child.signalTree(Objects.requireNonNull(signal, "signal"));
    }

    /**
     * Python's {@code with Popen(...)} exit: closes stdin (the child sees end-of-file), closes the
     * parent's ends of stdout and stderr, then waits for the child without limit. If the thread
     * is interrupted while waiting, the child's tree is killed and reaped and the interrupt
     * status is kept, so closing never leaves a child behind. Idempotent.
     */
    @Override
    public void close() {
        try {
            closeQuietly(child.stdin());
            closeQuietly(child.stdout());
            closeQuietly(child.stderr());
            try {
                child.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                child.killTree();
                reapAfterKill();
                Thread.currentThread().interrupt();
            }
        } finally {
            cleanable.clean();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // The child may have gone already (EPIPE on flush); closing is all we want here.
        }
    }

    /** Shows the command, the pid and the returncode once known. */
    @Override
    public String toString() {
        OptionalInt rc = child.poll();
        return "Popen[args=" + args + ", pid=" + child.pid() + (rc.isPresent() ? ", returncode=" + rc.getAsInt() : ", running") + "]";
    }
}
