package dev.weft.subprocess.internal.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.internal.Child;
import dev.weft.subprocess.internal.ChildRegistry;
import dev.weft.subprocess.internal.LaunchSpec;
import dev.weft.subprocess.internal.Launcher;
import dev.weft.subprocess.internal.ProcessTable;
import dev.weft.subprocess.internal.Pump;
import dev.weft.subprocess.internal.Stdio;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts children with the C library's {@code posix_spawn} through the Foreign Function and
 * Memory API ({@link LaunchMechanism#POSIX_SPAWN}).
 *
 * <p>glibc implements {@code posix_spawn} with {@code clone(CLONE_VM | CLONE_VFORK)}, so the
 * JVM's memory is never copied and the call returns once the child has called {@code exec}, with
 * exec's error if it failed. Everything the child needs is described up front as file actions
 * and attributes: pipes (made with {@code O_CLOEXEC}, enlarged to 1 MiB, non-blocking on the
 * parent's side only), {@code /dev/null}, files (opened in the parent, as Python does, so that an
 * error names the file), the working directory, and finally {@code closefrom(3)}, so no
 * descriptor of the JVM leaks into the child. Every signal the JVM might ignore is reset to its
 * default and the signal mask is emptied, as Python does.
 *
 * <p>The common case (inherited streams, the parent's environment and directory) is kept lean:
 * one native block per launch, shared read-only file actions and attributes made once, the C
 * {@code environ} passed as it is (never copied), no pipe, no thread, and in the parent only
 * posix_spawn's own system calls and a {@code pidfd_open}. Stateless and thread-safe. Not API.
 */
public final class PosixSpawnLauncher implements Launcher {
    /** The capacity asked for each pipe: big outputs then move in a few large system calls. */
    private static final int PIPE_CAPACITY = 1 << 20;

    /** The native block a launch starts with; larger arguments spill into further allocations. */
    private static final long SCRATCH_SIZE = 1024;

    /** Python's and glibc's search path when the environment has no PATH. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    /** The launcher; use it only when {@link #unavailableReason()} is empty. */
    public static final PosixSpawnLauncher INSTANCE = new PosixSpawnLauncher();

    private PosixSpawnLauncher() {}

    /**
     * Why this launcher cannot be used in this JVM: not Linux on x86_64 or aarch64, native access
     * not enabled ({@code --enable-native-access}), a C library older than glibc 2.34, or a kernel
     * without pidfds. Empty when it can. Computed once, without touching any restricted method
     * before native access is known to be enabled, so asking never prints a warning.
     */
    public static Optional<String> unavailableReason() {
        return LibC.unavailableReason();
    }

    @Override
    public LaunchMechanism mechanism() {
        return LaunchMechanism.POSIX_SPAWN;
    }

    /**
     * Starts the child described by {@code spec}. Blocks until the child has called {@code exec}
     * (normally well under a millisecond), or longer when a redirect names a FIFO, which
     * {@code open} waits on. Not interruptible. Reaps, without waiting, abandoned children that
     * have ended first.
     *
     * @throws LaunchException if the program cannot be found or executed, the working directory
     *     or a redirect file cannot be used, the upstream stream is closed, or the system is out
     *     of processes, descriptors or memory; nothing is left behind then
     */
    @Override
    public Child launch(LaunchSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!LibC.isAvailable()) {
            throw new LaunchException(spec.args(), null, "the POSIX_SPAWN launch mechanism is not available: " + LibC.unavailableReason().orElseThrow(), null);
        }
        PosixChild.reapAbandoned();
        try (Arena arena = Arena.ofConfined()) {
            return new Launch(spec, arena).run();
        }
    }

    /** One launch: the native memory and the descriptors it made, so failures can undo them all. */
    private static final class Launch {
        private final LaunchSpec spec;
        private final Scratch alloc;
        // The parent's ends of the pipes (null: no pipe); closed if the launch fails.
        private Fd stdinEnd;
        private Fd stdoutEnd;
        private Fd stderrEnd;
        // Descriptors only the child needs: closed in the parent once the spawn is over.
        private final int[] childOnly = new int[3];
        private int childOnlyCount;
        private FdInputStream handedOver;
        private InputStream pumpFrom;

        Launch(LaunchSpec spec, Arena arena) {
            this.spec = spec;
            this.alloc = new Scratch(arena);
        }

        Child run() {
            boolean started = false;
            try {
                Child child = spawn();
                started = true;
                return child;
            } finally {
                for (int i = 0; i < childOnlyCount; i++) {
                    LibC.close(childOnly[i]);
                }
                if (!started) {
                    for (Fd end : new Fd[] {stdinEnd, stdoutEnd, stderrEnd}) {
                        if (end != null) {
                            end.close();
                        }
                    }
                }
            }
        }

        private Child spawn() {
            // The program first: a missing one fails before any descriptor is made.
            String program = spec.program();
            boolean searchPath = false;
            String execPath = program;
            if (program.indexOf('/') < 0) {
                String childPath = spec.env() == null ? null : spec.env().get("PATH");
                if (spec.env() == null || Objects.equals(childPath, System.getenv("PATH"))) {
                    searchPath = true; // posix_spawnp searches the parent's PATH, which is the child's
                } else {
                    execPath = search(program, childPath == null ? DEFAULT_PATH : childPath);
                }
            }

            if (spec.stdin() instanceof Stdio.Inherit
                    && spec.stdout() instanceof Stdio.Inherit
                    && spec.stderr() instanceof Stdio.Inherit
                    && spec.cwd() == null) {
                // The hot path: shared file actions, nothing to build or destroy.
                return spawnWith(Shared.CLOSE_FROM_3, searchPath, execPath);
            }
            MemorySegment fileActions = alloc.allocate(LibC.FILE_ACTIONS_SIZE, LibC.STRUCT_ALIGN);
            check(LibC.fileActionsInit(fileActions));
            try {
                setUpStdin(fileActions);
                setUpOutput(fileActions, spec.stdout(), 1);
                setUpOutput(fileActions, spec.stderr(), 2);
                if (spec.cwd() != null) {
                    check(LibC.addChdir(fileActions, LibC.cString(alloc, spec.cwd().toAbsolutePath().toString())));
                }
                check(LibC.addCloseFrom(fileActions, 3)); // last: after the dup2s that read the originals
                return spawnWith(fileActions, searchPath, execPath);
            } finally {
                LibC.fileActionsDestroy(fileActions);
            }
        }

        private Child spawnWith(MemorySegment fileActions, boolean searchPath, String execPath) {
            MemorySegment pidOut = alloc.allocate(JAVA_INT);
            MemorySegment argv = strings(spec.args(), null);
            MemorySegment envp = spec.env() == null ? LibC.environ() : strings(null, spec.env());
            // A new process group is a background job of the controlling terminal: a child that
            // reads it (a password prompt, `read`, an editor) would be stopped by SIGTTIN, and one
            // that sets its modes by SIGTTOU, for ever. So while the JVM is the terminal's
            // foreground job the child stays in the JVM's group, as with Python and the JDK.
            // A new session has no controlling terminal at all, so that concern does not arise.
            boolean newGroup = spec.newSession() || spec.processGroup() && !jvmIsForegroundJob();
            MemorySegment attr = spec.newSession() ? Shared.ATTR_NEW_SESSION : newGroup ? Shared.ATTR_NEW_GROUP : Shared.ATTR;
            MemorySegment path = execPath.equals(spec.program()) ? argv.getAtIndex(ADDRESS, 0) : LibC.cString(alloc, execPath);
            int r = LibC.spawn(searchPath, pidOut, path, fileActions, attr, argv, envp);
            if (r != 0) {
                throw failure(r, null);
            }
            int pid = pidOut.get(JAVA_INT, 0);
            int pidfd = LibC.pidfdOpen(pid);
            if (pidfd < 0) {
                // Without a pidfd the child cannot be waited for and signalled safely: take it back.
                LibC.kill(pid, LibC.SIGKILL);
                LibC.waitpidBlocking(pid);
                throw failure(-pidfd, "pidfd_open failed");
            }

            String of = " of pid " + pid;
            FdOutputStream in = null;
            if (stdinEnd != null) {
                stdinEnd.name("stdin" + of);
                in = new FdOutputStream(stdinEnd);
            }
            FdInputStream out = null;
            if (stdoutEnd != null) {
                stdoutEnd.name("stdout" + of);
                out = new FdInputStream(stdoutEnd);
            }
            FdInputStream err = null;
            if (stderrEnd != null) {
                stderrEnd.name("stderr" + of);
                err = new FdInputStream(stderrEnd);
            }
            PosixChild child = new PosixChild(pid, new Fd(pidfd, "pidfd"), newGroup, pumpFrom == null ? in : null, out, err);
            ChildRegistry.register(child);
            if (handedOver != null) {
                handedOver.handOver(pid);
            }
            if (pumpFrom != null) {
                Pump.start(pumpFrom, in, "weft-pipe-pump-" + pid); // stdin is not the caller's pipe: the pump owns it
            }
            return child;
        }

        // -------------------------------------------------------------- redirections

        private void setUpStdin(MemorySegment fa) {
            switch (spec.stdin()) {
                case Stdio.Inherit i -> { }
                case Stdio.DevNull d -> check(LibC.addOpen(fa, 0, Shared.DEV_NULL, LibC.O_RDONLY, 0));
                case Stdio.Pipe p -> stdinPipe(fa);
                case Stdio.ReadFile f -> {
                    int fd = openInParent(f.path(), LibC.O_RDONLY, "stdin");
                    check(LibC.addDup2(fa, fd, 0));
                }
                case Stdio.FromStream s -> fromStream(fa, s.upstream());
                case Stdio.MergeWithStdout m -> throw new IllegalArgumentException("stdin cannot be merged with stdout");
                case Stdio.WriteFile w -> throw new IllegalArgumentException("stdin cannot be written to a file");
            }
        }

        private void setUpOutput(MemorySegment fa, Stdio stdio, int target) {
            String name = target == 1 ? "stdout" : "stderr";
            switch (stdio) {
                case Stdio.Inherit i -> { }
                case Stdio.DevNull d -> check(LibC.addOpen(fa, target, Shared.DEV_NULL, LibC.O_WRONLY, 0));
                case Stdio.Pipe p -> {
                    int[] fds = pipe(name, 1);
                    Fd end = new Fd(fds[0], name);
                    if (target == 1) {
                        stdoutEnd = end;
                    } else {
                        stderrEnd = end;
                    }
                    prepareParentEnd(end);
                    check(LibC.addDup2(fa, fds[1], target));
                }
                case Stdio.WriteFile w -> {
                    int flags = LibC.O_WRONLY | LibC.O_CREAT | (w.append() ? LibC.O_APPEND : LibC.O_TRUNC);
                    int fd = openInParent(w.path(), flags, name);
                    check(LibC.addDup2(fa, fd, target));
                }
                case Stdio.MergeWithStdout m -> {
                    if (target != 2) {
                        throw new IllegalArgumentException("only stderr can be merged with stdout");
                    }
                    check(LibC.addDup2(fa, 1, 2)); // after stdout's own set-up, so it follows it
                }
                case Stdio.ReadFile f -> throw new IllegalArgumentException(name + " cannot read from a file");
                case Stdio.FromStream s -> throw new IllegalArgumentException(name + " cannot come from a stream");
            }
        }

        private void stdinPipe(MemorySegment fa) {
            int[] fds = pipe("stdin", 0);
            stdinEnd = new Fd(fds[1], "stdin");
            prepareParentEnd(stdinEnd);
            check(LibC.addDup2(fa, fds[0], 0));
        }

        /**
         * stdin from another child's stdout. When that is one of this launcher's pipes, the new
         * child gets the pipe itself, through a fresh open file description made from
         * {@code /proc/self/fd}: that one can be blocking for the child (a child such as
         * {@code cat} would otherwise see {@code EAGAIN}), while the parent's stays non-blocking
         * (its reads are critical calls that must never wait) until it is closed after the
         * spawn. Any other stream, or when {@code /proc} is missing, is copied by a pump thread.
         */
        private void fromStream(MemorySegment fa, InputStream upstream) {
            if (upstream instanceof FdInputStream fis) {
                Fd fd = fis.fd();
                if (!fd.acquire()) {
                    throw new LaunchException(spec.args(), spec.cwd(),
                            "its stdin was to be the " + fd.name() + ", which " + fd.closedReason(), null);
                }
                int reopened;
                try {
                    MemorySegment path = LibC.cString(alloc, "/proc/self/fd/" + fd.number());
                    // O_NONBLOCK so that opening a pipe whose writers are all gone cannot block.
                    reopened = LibC.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0, alloc.allocate(JAVA_INT));
                } finally {
                    fd.release();
                }
                if (reopened >= 0) {
                    if (LibC.setNonBlocking(reopened, false) == 0) {
                        reopened = aboveStdio(reopened, "stdin");
                        childOnly[childOnlyCount++] = reopened;
                        check(LibC.addDup2(fa, reopened, 0));
                        handedOver = fis;
                        return;
                    }
                    LibC.close(reopened);
                }
            }
            stdinPipe(fa);
            pumpFrom = upstream;
        }

        /**
         * A pipe with close-on-exec on both ends (neither may leak into another child), both
         * numbered above 2. The caller takes the parent's end; the child's end ({@code fds[childEnd]})
         * is recorded for closing after the spawn.
         */
        private int[] pipe(String name, int childEnd) {
            int[] fds = new int[2];
            int r = LibC.pipe2(fds, LibC.O_CLOEXEC);
            if (r < 0) {
                throw failure(-r, "cannot make the " + name + " pipe");
            }
            try {
                fds[0] = aboveStdio(fds[0], name);
            } catch (LaunchException e) {
                LibC.close(fds[1]);
                throw e;
            }
            try {
                fds[1] = aboveStdio(fds[1], name);
            } catch (LaunchException e) {
                LibC.close(fds[0]);
                throw e;
            }
            childOnly[childOnlyCount++] = fds[childEnd];
            return fds;
        }

        /**
         * Moves a descriptor numbered 0, 1 or 2 (possible when the JVM was started with one of
         * them closed) above 2, so that the child's dup2 onto 0-2 cannot overwrite another of its
         * sources first. Closes {@code fd} if it moves it or fails.
         */
        private int aboveStdio(int fd, String name) {
            if (fd > 2) {
                return fd;
            }
            int moved = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, 3);
            LibC.close(fd);
            if (moved < 0) {
                throw failure(-moved, "cannot renumber the " + name + " descriptor");
            }
            return moved;
        }

        /** The parent's end of a pipe: enlarged and non-blocking (the child's end stays blocking). */
        private void prepareParentEnd(Fd end) {
            end.enlargePipe(PIPE_CAPACITY);
            int r = LibC.setNonBlocking(end.number(), true);
            if (r < 0) {
                throw failure(-r, "cannot make the " + end.name() + " pipe non-blocking");
            }
        }

        /** Opens a redirect file as Python does, in the parent, so that an error names the file. */
        private int openInParent(Path path, int flags, String name) {
            String absolute = path.toAbsolutePath().toString();
            int fd = LibC.open(LibC.cString(alloc, absolute), flags | LibC.O_CLOEXEC | LibC.O_NOCTTY, 0666, alloc.allocate(JAVA_INT));
            if (fd < 0) {
                throw new LaunchException(spec.args(), spec.cwd(),
                        "cannot open " + absolute + " for " + name + ": " + LibC.describe(-fd), null);
            }
            fd = aboveStdio(fd, name);
            childOnly[childOnlyCount++] = fd;
            return fd;
        }

        // -------------------------------------------------------------- strings and errors

        /** A NULL-terminated native array of C strings: {@code args}, or {@code "K=V"} for {@code env}. */
        private MemorySegment strings(List<String> args, Map<String, String> env) {
            int n = args != null ? args.size() : env.size();
            MemorySegment array = alloc.allocate(ADDRESS, n + 1L);
            int i = 0;
            if (args != null) {
                for (String a : args) {
                    array.setAtIndex(ADDRESS, i++, LibC.cString(alloc, a));
                }
            } else {
                for (Map.Entry<String, String> e : env.entrySet()) {
                    array.setAtIndex(ADDRESS, i++, LibC.cString(alloc, e.getKey() + "=" + e.getValue()));
                }
            }
            array.setAtIndex(ADDRESS, n, MemorySegment.NULL);
            return array;
        }

        /**
         * Searches {@code path} (the child's PATH) for {@code program} as exec would in the
         * child, as Python does: relative entries against the child's working directory, an
         * empty entry meaning that directory.
         *
         * @return the first executable regular file found
         * @throws LaunchException ENOENT if none exists, EACCES if only non-executable ones do
         */
        private String search(String program, String path) {
            boolean denied = false;
            for (String dir : path.split(":", -1)) {
                String candidate = (dir.isEmpty() ? "." : dir) + "/" + program;
                Path p = Path.of(candidate);
                Path resolved = p.isAbsolute() || spec.cwd() == null ? p : spec.cwd().resolve(p);
                if (Files.isRegularFile(resolved)) {
                    if (Files.isExecutable(resolved)) {
                        return candidate;
                    }
                    denied = true;
                }
            }
            throw failure(denied ? LibC.EACCES : LibC.ENOENT, null);
        }

        private void check(int error) {
            if (error != 0) {
                throw failure(error, null);
            }
        }

        private LaunchException failure(int errno, String what) {
            String reason = LibC.describe(errno);
            if (errno == LibC.ENOENT && spec.cwd() != null && !Files.isDirectory(spec.cwd())) {
                reason += ": the working directory does not exist";
            }
            if (what != null) {
                reason = what + ": " + reason;
            }
            return new LaunchException(spec.args(), spec.cwd(), reason, null);
        }
    }

    /**
     * Whether this JVM's process group is the foreground process group of its controlling
     * terminal ({@code tpgid == pgrp} in {@code /proc/self/stat}); false without a terminal or
     * without {@code /proc}. Asked at each launch when there is a terminal (a shell's {@code fg}
     * and {@code bg} change the answer); a JVM without one (a service, CI, a benchmark) never
     * reads the file again.
     */
    public static boolean jvmIsForegroundJob() {
        if (!HAS_CONTROLLING_TERMINAL) {
            return false;
        }
        long[] f = selfStat();
        return f != null && f[5] > 0 && f[5] == f[2];
    }

    /** tty_nr is not 0: decided once, since only setsid(2) could change it. */
    private static final boolean HAS_CONTROLLING_TERMINAL = hasControllingTerminal();

    private static boolean hasControllingTerminal() {
        long[] f = selfStat();
        return f != null && f[4] != 0;
    }

    /** ppid, pgrp, session, tty_nr, tpgid of this JVM at indices 1 to 5 (0 unused), or null. */
    private static long[] selfStat() {
        try {
            String[] f = ProcessTable.stat("self").orElse(null);
            if (f == null) {
                return null;
            }
            long[] n = new long[6];
            for (int i = 1; i < 6; i++) {
                n[i] = Long.parseLong(f[i]);
            }
            return n;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A bump allocator over one native block per launch, so that the common launch costs one
     * malloc; whatever does not fit comes from the launch's arena.
     */
    private static final class Scratch implements SegmentAllocator {
        private final Arena arena;
        private final MemorySegment block;
        private long used;

        Scratch(Arena arena) {
            this.arena = arena;
            this.block = arena.allocate(SCRATCH_SIZE, LibC.STRUCT_ALIGN);
        }

        @Override
        public MemorySegment allocate(long size, long alignment) {
            long start = (used + alignment - 1) & -alignment;
            if (start + size <= block.byteSize()) {
                used = start + size;
                return block.asSlice(start, size);
            }
            return arena.allocate(size, alignment);
        }
    }

    /**
     * Native blocks every launch shares read-only: posix_spawn takes its file actions and
     * attributes as {@code const}, so one copy serves all threads. Made on first launch.
     */
    private static final class Shared {
        static final MemorySegment ATTR = LibC.makeSpawnAttributes(Arena.global(), false, false);
        static final MemorySegment ATTR_NEW_GROUP = LibC.makeSpawnAttributes(Arena.global(), true, false);
        static final MemorySegment ATTR_NEW_SESSION = LibC.makeSpawnAttributes(Arena.global(), false, true);
        static final MemorySegment DEV_NULL = LibC.cString(Arena.global(), "/dev/null");
        static final MemorySegment CLOSE_FROM_3 = closeFrom3();

        private static MemorySegment closeFrom3() {
            MemorySegment fa = Arena.global().allocate(LibC.FILE_ACTIONS_SIZE, LibC.STRUCT_ALIGN);
            if (LibC.fileActionsInit(fa) != 0 || LibC.addCloseFrom(fa, 3) != 0) {
                throw new IllegalStateException("cannot prepare posix_spawn file actions");
            }
            return fa;
        }
    }
}
