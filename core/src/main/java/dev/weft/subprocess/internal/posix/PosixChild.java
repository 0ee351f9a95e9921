package dev.weft.subprocess.internal.posix;

import dev.weft.subprocess.Signal;
import dev.weft.subprocess.SubprocessException;
import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.ChildRegistry;
import dev.weft.subprocess.internal.Communicator;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A child started by {@link PosixSpawnLauncher}: its pid, a pidfd that refers to it race-free
 * (signals never reach a process that merely reuses the number), and the parent's ends of its
 * pipes.
 *
 * <p>The child is reaped exactly once, by whichever of {@link #poll()}, {@link #await} or the
 * clean-up of abandoned children gets there first; the returncode is then fixed, the pidfd is
 * closed and the child leaves the {@link ChildRegistry}. The owner (the public {@code Popen})
 * calls {@link #close()} when it is closed or becomes unreachable; a child closed before it was
 * reaped is reaped without waiting at the start of later launches, so no zombies pile up, as
 * CPython's {@code _cleanup()} does. All methods are thread-safe. Not API.
 */
final class PosixChild implements Child {
    /** Children whose owner let go before they ended; reaped with WNOHANG at each launch. */
    private static final Queue<PosixChild> ABANDONED = new ConcurrentLinkedQueue<>();

    private static final int RUNNING = Integer.MIN_VALUE;

    private final int pid;
    private final Fd pidfd;
    private final boolean groupLeader;
    private final Object reapLock = new Object();
    private volatile int returncode = RUNNING;
    private final FdOutputStream stdin;
    private volatile FdInputStream stdout; // null once detached
    private final FdInputStream stderr;
    private boolean closed; // guarded by this
    private PollCommunicator communicator; // guarded by this

    /**
     * @param pidfd the child's pidfd, owned from now on
     * @param groupLeader whether the child was made the leader of its own process group
     * @param stdin the parent's end of the stdin pipe, or null
     * @param stdout the parent's end of the stdout pipe, or null
     * @param stderr the parent's end of the stderr pipe, or null
     */
    PosixChild(int pid, Fd pidfd, boolean groupLeader, FdOutputStream stdin, FdInputStream stdout, FdInputStream stderr) {
        this.pid = pid;
        this.pidfd = pidfd;
        this.groupLeader = groupLeader;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    /** The pidfd, for the communicator. */
    Fd pidfd() {
        return pidfd;
    }

    // ------------------------------------------------------------------ waiting

    /**
     * The returncode if the child has ended, reaping it with {@code waitpid(WNOHANG)} the first
     * time. Never blocks (beyond another thread's reap in progress).
     */
    @Override
    public OptionalInt poll() {
        int rc = returncode;
        if (rc != RUNNING) {
            return OptionalInt.of(rc);
        }
        synchronized (reapLock) {
            rc = returncode;
            if (rc != RUNNING) {
                return OptionalInt.of(rc);
            }
            int[] status = new int[1];
            int r = LibC.waitpidNoHang(pid, status);
            if (r == 0 || r == -LibC.EINTR) {
                return OptionalInt.empty();
            }
            if (r == pid) {
                rc = decode(status[0]);
            } else if (r == -LibC.ECHILD) {
                // Someone else reaped it (SIGCHLD set to SIG_IGN, or a stray waitpid(-1)); the
                // status is lost. Python reports 0 in this case too.
                rc = 0;
            } else {
                throw new IllegalStateException("waitpid(" + pid + ") failed: " + LibC.describe(-r));
            }
            returncode = rc;
        }
        ChildRegistry.unregister(this);
        pidfd.close(); // nothing needs it once reaped; a user still polling it keeps it open until done
        return OptionalInt.of(rc);
    }

    /** Python's returncode from a wait status: the exit code, or minus the terminating signal. */
    private static int decode(int status) {
        int termSignal = status & 0x7f;
        return termSignal == 0 ? (status >> 8) & 0xff : -termSignal;
    }

    /**
     * Waits up to {@code nanos} for the child to end: {@code poll(2)} on the pidfd in slices of at
     * most 100 ms, so that an interrupt is noticed within that time, and a {@link #poll()} after
     * each. A child that has already ended is returned even if the thread is interrupted.
     *
     * @return the returncode, or empty if the time ran out
     * @throws InterruptedException if interrupted while the child still runs; the child is not
     *     touched
     */
    @Override
    public OptionalInt await(long nanos) throws InterruptedException {
        int known = returncode;
        if (known != RUNNING) {
            return OptionalInt.of(known);
        }
        if (nanos <= 0) {
            return poll();
        }
        long start = System.nanoTime();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(LibC.pollSetSize(1), 8);
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    OptionalInt rc = poll();
                    if (rc.isPresent()) {
                        return rc;
                    }
                    Thread.interrupted();
                    throw new InterruptedException("interrupted while waiting for pid " + pid);
                }
                long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos - (System.nanoTime() - start);
                if (left <= 0) {
                    return poll();
                }
                // Rounded up, but never above one slice: (left + 999_999) overflows for huge waits
                // and a negative timeout would make poll(2) wait forever, deaf to interrupts.
                int millis = left >= FdStreams.SLICE_MILLIS * 1_000_000L
                        ? FdStreams.SLICE_MILLIS
                        : (int) ((left + 999_999) / 1_000_000);
                if (pidfd.acquire()) {
                    try {
                        LibC.pollSet(set, 0, pidfd.number(), LibC.POLLIN);
                        LibC.poll(set, 1, millis); // readable once the child has ended
                    } finally {
                        pidfd.release();
                    }
                } // else closed: another thread reaped it, and poll() below returns the returncode
                OptionalInt rc = poll();
                if (rc.isPresent()) {
                    return rc;
                }
            }
        }
    }

    // ------------------------------------------------------------------ signals

    /**
     * Sends {@code signal} through the pidfd, so it can only reach this child. Does nothing once
     * the child has been reaped; a child that has ended but is not reaped yet ({@code ESRCH})
     * is fine too.
     *
     * @throws SubprocessException if the operating system refuses (EPERM)
     */
    @Override
    public void signal(Signal signal) {
        int r = sendSignal(signal.number());
        if (r < 0 && r != -LibC.ESRCH) {
            throw new SubprocessException("cannot send " + signal + " to pid " + pid + ": " + LibC.describe(-r));
        }
    }

    /** Signals the child unless it has been reaped: 0, {@code -ESRCH} or another {@code -errno}. */
    private int sendSignal(int signal) {
        if (returncode != RUNNING) {
            return -LibC.ESRCH;
        }
        if (pidfd.acquire()) {
            try {
                return LibC.pidfdSendSignal(pidfd.number(), signal);
            } finally {
                pidfd.release();
            }
        }
        return -LibC.ESRCH; // the pidfd is closed only once the child has been reaped
    }

    /**
     * Kills the child's tree with {@code SIGKILL}: the child is stopped ({@code SIGSTOP}), then
     * every descendant is killed, deepest first (found through {@code /proc} by {@link
     * ProcessHandle}, before anything is killed), then the child through
     * its pidfd, then, when the child leads its own process group, the whole group, which catches
     * descendants orphaned earlier. Does not wait for anything to die. Once the child has been
     * reaped its pid may belong to someone else, so it is never signalled directly; only its
     * process group is, and only while no process has that pid (a process group keeps its number
     * from being reused).
     */
    @Override
    public void killTree() {
        synchronized (reapLock) { // no reap in between: the pid stays ours throughout
            if (returncode == RUNNING) {
                // Stopped first, the child can neither start more nor exit normally when its
                // descendants die (a shell in `wait` would), so it dies of the SIGKILL below.
                sendSignal(LibC.SIGSTOP);
                ProcessHandle.of(pid).ifPresent(PosixChild::killDescendants);
                sendSignal(LibC.SIGKILL);
                if (groupLeader) {
                    LibC.kill(-pid, LibC.SIGKILL);
                }
            } else if (groupLeader && LibC.getpgid(pid) == -LibC.ESRCH) {
                LibC.kill(-pid, LibC.SIGKILL);
            }
        }
    }

    /**
     * Sends {@code signal} to the tree (see {@link Child#signalTree}): the descendants are listed
     * before anything is signalled, so one that a dying parent orphans is still reached; the
     * child only through its pidfd, and its group only while the pid is provably not reused, as
     * in {@link #killTree()}.
     */
    @Override
    public void signalTree(Signal signal) {
        int number = signal.number();
        synchronized (reapLock) {
            if (returncode == RUNNING) {
                List<ProcessHandle> descendants = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
                sendSignal(number);
                for (ProcessHandle h : descendants) {
                    signalHandle(h, signal);
                }
                if (groupLeader) {
                    LibC.kill(-pid, number);
                }
            } else if (groupLeader && LibC.getpgid(pid) == -LibC.ESRCH) {
                LibC.kill(-pid, number);
            }
        }
    }

    /** TERM and KILL through the handle, which checks the start time; others by number. */
    static void signalHandle(ProcessHandle h, Signal signal) {
        switch (signal) {
            case TERM -> h.destroy();
            case KILL -> h.destroyForcibly();
            default -> {
                if (h.isAlive()) {
                    LibC.kill((int) h.pid(), signal.number());
                }
            }
        }
    }

    private static void killDescendants(ProcessHandle root) {
        List<ProcessHandle> all = root.descendants().toList();
        if (all.isEmpty()) {
            return;
        }
        Map<Long, Long> parentOf = new HashMap<>();
        for (ProcessHandle h : all) {
            h.parent().ifPresent(p -> parentOf.put(h.pid(), p.pid()));
        }
        List<ProcessHandle> deepestFirst = new ArrayList<>(all);
        deepestFirst.sort(Comparator.comparingInt((ProcessHandle h) -> depth(h.pid(), root.pid(), parentOf)).reversed());
        for (ProcessHandle h : deepestFirst) {
            h.destroyForcibly(); // checks the start time, so a recycled pid is left alone
        }
    }

    private static int depth(long pid, long root, Map<Long, Long> parentOf) {
        int depth = 0;
        for (Long p = pid; p != null && p != root && depth < 4096; p = parentOf.get(p)) {
            depth++;
        }
        return depth;
    }

    // ------------------------------------------------------------------ pipes and ownership

    @Override
    public synchronized Communicator communicator() {
        if (communicator == null) {
            communicator = new PollCommunicator(this, stdin, stdout, stderr);
        }
        return communicator;
    }

    /**
     * Gives up the stdout pipe so that it can feed another child: returns it (null if stdout is
     * not a pipe or was given up already); {@link #stdout()} returns null from then on and the
     * communicator skips stdout.
     */
    @Override
    public synchronized InputStream detachStdout() {
        FdInputStream s = stdout;
        stdout = null;
        return s;
    }

    /** Whether stdout is not (or no longer) the parent's: never a pipe, or given up by {@link #detachStdout()}. */
    boolean isDetachedStdout() {
        return stdout == null;
    }

    /**
     * Lets go of the child (see {@link Child#close()}): a child that has not ended yet goes onto
     * the abandoned list that later launches reap without waiting, so it cannot remain a zombie.
     * The pipes are left alone: a caller may still hold a stream, and each closes its descriptor
     * when it becomes unreachable. Idempotent; never blocks.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (poll().isEmpty()) {
            ABANDONED.add(this);
        }
    }

    /**
     * Reaps, without waiting, the abandoned children that have ended. Called at the start of each
     * launch; costs one {@code waitpid} per abandoned child still running.
     */
    static void reapAbandoned() {
        if (ABANDONED.isEmpty()) {
            return;
        }
        ABANDONED.removeIf(c -> c.poll().isPresent());
    }

    /** How many closed children are still waiting to be reaped (for tests). */
    static int abandonedCount() {
        return ABANDONED.size();
    }

    @Override
    public String toString() {
        int rc = returncode;
        return "PosixChild[pid=" + pid + (rc == RUNNING ? ", running" : ", returncode=" + rc) + "]";
    }
}
