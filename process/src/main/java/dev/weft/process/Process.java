package dev.weft.process;

import dev.weft.function.ThrowingRunnable;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.worker.Identity;
import dev.weft.process.internal.worker.Launch;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM that runs one task: Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * Process p = new Process(() -> System.out.println("hello bob"));
 * p.start();
 * p.join();
 * p.exitCode();   // OptionalInt[0]
 * }</pre>
 *
 * <p>The target is a serializable lambda ({@link ThrowingRunnable}); what it captures is copied to
 * the child with it, so the child works on copies: a {@link Queue}, {@link Pipe} end or other
 * process-aware object is the way to talk back. A subclass may instead override {@link #run()}; then
 * the subclass object itself is copied to the child (its fields must be serializable, and its
 * package is allowed for decoding automatically).
 *
 * <p><b>Exit codes</b>, as in Python: 0 when the target returned, 1 when it threw (its stack trace is
 * printed on the child's standard error, under {@code Process NAME:}), the status given to
 * {@code System.exit} in the child, and {@code -N} when the child was killed by signal N
 * ({@code -15} after {@link #terminate()}, {@code -9} after {@link #kill()}).
 *
 * <p><b>End of the parent program</b>, as in Python: when {@code main} returns, the JVM waits for
 * every started non-daemon process to end (a non-daemon thread watches each one), while daemon
 * processes are killed when the JVM exits. {@code System.exit} in the parent kills every child.
 * Children never outlive the parent JVM: a child halts as soon as the parent's end of its standard
 * input closes, which happens even when the parent is killed with SIGKILL.
 *
 * <p>Output: each line the child writes to {@code System.out} or {@code System.err} reaches the
 * parent's {@code System.out} or {@code System.err} (see {@link ChildJvm}); {@link #join()} returns
 * only after the child's last line has been forwarded.
 *
 * <p><b>When a child has ended.</b> A child that finishes (its target returned or threw, or it
 * called {@code System.exit}) tells the parent its exit status and how much it wrote; the process
 * counts as ended once that message has arrived and the output has been forwarded:
 * {@link #join()} returns, {@link #isAlive()} is false and {@link #exitCode()} is that status.
 * Its JVM still takes a few milliseconds to go down, and is reaped in the background (and killed
 * if it has not exited two seconds later). Python's {@code join} waits for the operating system's
 * process to be gone; the difference is visible only to a caller that looks the pid up at once. A
 * child that dies without telling (a signal, a crash) ends when it is reaped, with {@code -N} for
 * signal N. (Once per class path, the child that writes Weft's class-data-sharing archive
 * at its exit ends when it has exited and the archive is in place.)
 *
 * <p>Thread-safety: the methods may be called from any thread; {@link #start()} once.
 */
public class Process implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Process> ACTIVE = ConcurrentHashMap.newKeySet();

    /** What the child runs. */
    private final ThrowingRunnable target;
    /** The name, {@code Process-N} unless set. */
    private String name;
    /** Whether the child is killed when the parent JVM exits rather than waited for. */
    private boolean daemon;
    private transient ChildJvm jvm = ChildJvm.defaults();
    private transient volatile Launch launch;
    private final transient CountDownLatch ended = new CountDownLatch(1);
    private final transient long viewPid;

    /**
     * A process that will run {@code target}, named {@code Process-N}.
     *
     * @param target what the child runs, serializable
     * @throws NullPointerException if {@code target} is null
     */
    public Process(ThrowingRunnable target) {
        this(null, Objects.requireNonNull(target, "target"));
    }

    /**
     * A process named {@code name} that will run {@code target}; a null name means
     * {@code Process-N}.
     *
     * @param name the name, or null for {@code Process-N}
     * @param target what the child runs, serializable
     * @throws NullPointerException if {@code target} is null
     */
    public Process(String name, ThrowingRunnable target) {
        this.target = Objects.requireNonNull(target, "target");
        this.name = name == null ? "Process-" + COUNTER.incrementAndGet() : name;
        this.viewPid = 0;
    }

    /** For subclasses that override {@link #run()}: a process named {@code Process-N}. */
    protected Process() {
        this.target = null;
        this.name = "Process-" + COUNTER.incrementAndGet();
        this.viewPid = 0;
    }

    /** A view of a process this one did not start (this process, or its parent). */
    private Process(String name, long pid, boolean daemon) {
        this.target = null;
        this.name = name;
        this.daemon = daemon;
        this.viewPid = pid;
    }

    // ------------------------------------------------------------------ the task

    /**
     * What the child runs: by default, the target. Subclasses may override it (then the object is
     * copied to the child and this runs there). Not called in the parent.
     *
     * @throws Exception whatever the target throws: the child prints it and exits with 1
     */
    public void run() throws Exception {
        if (target == null) {
            throw new IllegalStateException("process " + name + " has no target and does not override run()");
        }
        target.run();
    }

    // ------------------------------------------------------------------ settings

    /** {@return the name; {@code Process-N} unless one was given} */
    public final String name() {
        return name;
    }

    /**
     * Sets the name, before {@link #start()}.
     *
     * @param name the name
     * @return this process
     * @throws IllegalStateException if started
     */
    public final Process name(String name) {
        checkNotStarted("rename");
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** {@return whether this is a daemon process} */
    public final boolean daemon() {
        return daemon;
    }

    /**
     * Makes this a daemon process (or not), before {@link #start()}: a daemon is killed when the
     * parent JVM exits instead of being waited for.
     *
     * @param daemon whether the child is a daemon
     * @return this process
     * @throws IllegalStateException if started
     */
    public final Process daemon(boolean daemon) {
        checkNotStarted("change daemon of");
        this.daemon = daemon;
        return this;
    }

    /**
     * Sets how the child JVM is started (options, properties, output), before {@link #start()}.
     *
     * @param jvm the child JVM's options, properties and output
     * @return this process
     * @throws IllegalStateException if started
     */
    public final Process jvm(ChildJvm jvm) {
        checkNotStarted("change the JVM of");
        this.jvm = Objects.requireNonNull(jvm, "jvm");
        return this;
    }

    // ------------------------------------------------------------------ life

    /**
     * Starts the child: takes a warm spare JVM if one is ready ({@link ChildJvm#keepWarm}), else
     * starts one. Returns once the JVM is launched, without waiting for it to start up; the task is
     * sent as soon as it connects. If the JVM cannot start, the reason is printed on
     * {@code System.err} and the process ends with the JVM's exit code (or 1).
     *
     * @throws IllegalStateException if already started, or if this is a view from
     *     {@link #currentProcess()} or {@link #parentProcess()}
     * @throws ProcessException if no JVM can be launched at all
     * @throws IllegalArgumentException if the target (or, for a subclass, this object) cannot be
     *     serialized; the message names the class. It is encoded here, as Python pickles in
     *     {@code start()}: what it captures is copied as it is now, so a pipe end the caller closes
     *     right after {@code start()} is already the child's
     */
    public final synchronized void start() {
        if (viewPid != 0) {
            throw new IllegalStateException("cannot start " + name + ": it is a view of a running process");
        }
        checkNotStarted("start");
        ThrowingRunnable task = target != null && getClass() == Process.class ? target : this::run;
        ACTIVE.add(this);
        try {
            launch = Launch.start(jvm, name, daemon, task, getClass(), rc -> {
                ACTIVE.remove(this);
                ended.countDown();
            });
        } catch (RuntimeException e) {
            ACTIVE.remove(this);
            throw e;
        }
    }

    private void checkNotStarted(String what) {
        if (launch != null) {
            throw new IllegalStateException("cannot " + what + " " + name + ": already started");
        }
    }

    private Launch started(String what) {
        Launch l = launch;
        if (l == null) {
            throw new IllegalStateException("cannot " + what + " " + name + ": not started");
        }
        return l;
    }

    /**
     * Waits without limit for the child to end, and for its output to be forwarded.
     *
     * @throws IllegalStateException if not started
     * @throws InterruptedException if interrupted while waiting; the child is not touched
     */
    public final void join() throws InterruptedException {
        started("join");
        ended.await();
        launch.awaitOutput();
    }

    /**
     * Waits at most {@code timeout} for the child to end: Python's {@code join(timeout)}.
     *
     * @param timeout the longest to wait
     * @return whether it ended ({@code false}: still running when the time was up)
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if not started
     * @throws InterruptedException if interrupted while waiting; the child is not touched
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        started("join");
        if (!ended.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        launch.awaitOutput();
        return true;
    }

    /** {@return whether the child has been started and has not ended} Never blocks. */
    public final boolean isAlive() {
        if (viewPid != 0) {
            return ProcessHandle.of(viewPid).map(ProcessHandle::isAlive).orElse(false);
        }
        return launch != null && ended.getCount() > 0;
    }

    /**
     * {@return the exit code once the child has ended: 0, the child's exit status, or {@code -N} for signal
     * N; empty while it runs or before it starts} Never blocks.
     */
    public final OptionalInt exitCode() {
        Launch l = launch;
        return l == null || ended.getCount() > 0 ? OptionalInt.empty() : l.returncode();
    }

    /**
     * {@return the child's process id}
     *
     * @throws IllegalStateException if not started
     */
    public final long pid() {
        return viewPid != 0 ? viewPid : started("get the pid of").pid();
    }

    /** Sends SIGTERM to the child (Python's {@code terminate}); its exit code becomes {@code -15}. No-op once ended. */
    public final void terminate() {
        if (ended.getCount() > 0) {
            started("terminate").terminate();
        }
    }

    /** Sends SIGKILL to the child and its descendants; its exit code becomes {@code -9}. No-op once ended. */
    public final void kill() {
        if (ended.getCount() > 0) {
            started("kill").kill();
        }
    }

    // ------------------------------------------------------------------ this JVM

    /**
     * {@return this process: {@code MainProcess} in a main program, or the {@link Process} as the parent
     * named it, in a child} The view's {@link #pid()}, {@link #name()}, {@link #daemon()} and
     * {@link #isAlive()} work; it cannot be started.
     */
    public static Process currentProcess() {
        return new Process(Identity.name(), ProcessHandle.current().pid(), Identity.daemon());
    }

    /** {@return the parent, in a child started by Weft; empty in a main program} */
    public static Optional<Process> parentProcess() {
        long pid = Identity.parentPid();
        return pid <= 0 ? Optional.empty() : Optional.of(new Process(Identity.parentName(), pid, false));
    }

    /** {@return the processors this JVM may use: Python's {@code cpu_count()}} */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@return the processes this JVM started that have not ended yet: Python's {@code active_children()}}
     */
    public static List<Process> activeChildren() {
        return new ArrayList<>(ACTIVE);
    }

    @Override
    public String toString() {
        Launch l = launch;
        String state = viewPid != 0 ? "pid " + viewPid
                : l == null ? "initial"
                : ended.getCount() > 0 ? "started, pid " + l.pid()
                : "stopped, exitcode " + l.returncode().orElse(0);
        return "<Process name='" + name + "' " + state + (daemon ? " daemon" : "") + ">";
    }
}
