package dev.weft.subprocess.internal.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The C library functions the POSIX launcher calls, bound once through the Foreign Function and
 * Memory API, with the Linux constants they take (the values are the same on x86_64 and aarch64,
 * the two architectures this class accepts).
 *
 * <p>Functions that can fail return {@code -errno} instead of setting a thread-local errno: the
 * JVM may run code of its own between two downcalls, so errno is captured by the call itself
 * ({@link Linker.Option#captureCallState}). Functions that never block for long (read and write on
 * non-blocking descriptors, {@code waitpid} with {@code WNOHANG}, {@code kill}, {@code fcntl}...)
 * are bound as <i>critical</i> with heap access, so they read from and write to Java arrays
 * directly; a critical call holds off the garbage collector for its duration, which is why
 * nothing that can block ({@code poll}, {@code posix_spawn}, {@code open}, {@code close}) is
 * bound that way.
 *
 * <p>Nothing here touches a restricted method (such as {@link Linker#downcallHandle}) before
 * {@link #unavailableReason()} has found native access enabled, so merely asking whether the
 * mechanism is available never makes the JVM print its native-access warning. Not API.
 */
final class LibC {
    private LibC() {}

    // open(2) flags (asm-generic values, shared by x86_64 and aarch64).
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_NOCTTY = 0400;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    // fcntl(2) commands.
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_SETPIPE_SZ = 1031;

    // poll(2) events.
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int WNOHANG = 1;
    static final int SIGKILL = 9;
    static final int SIGSTOP = 19;

    // posix_spawnattr_setflags flags (glibc values).
    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;

    // errno values used by name.
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EPIPE = 32;

    /**
     * Sizes of glibc's opaque structures, generously rounded up (80, 336 and 128 bytes on x86_64)
     * so that a C library with larger ones is still safe.
     */
    static final long FILE_ACTIONS_SIZE = 512;
    static final long SPAWNATTR_SIZE = 512;
    static final long SIGSET_SIZE = 256;
    static final long STRUCT_ALIGN = 16;

    /** Bytes of one {@code struct pollfd}: int fd, short events, short revents. */
    static final long POLLFD_SIZE = 8;

    /**
     * The charset of file names, arguments and environment strings, as the JDK's own launcher
     * encodes them ({@code sun.jnu.encoding}), UTF-8 if that is unknown.
     */
    static final Charset JNU_CHARSET = jnuCharset();

    private static final String[] REQUIRED_SYMBOLS = {
        "posix_spawn", "posix_spawnp",
        "posix_spawn_file_actions_init", "posix_spawn_file_actions_destroy",
        "posix_spawn_file_actions_adddup2", "posix_spawn_file_actions_addopen",
        "posix_spawn_file_actions_addchdir_np",
        "posix_spawn_file_actions_addclosefrom_np",
        "posix_spawnattr_init", "posix_spawnattr_setflags",
        "posix_spawnattr_setpgroup", "posix_spawnattr_setsigmask", "posix_spawnattr_setsigdefault",
        "sigemptyset", "sigaddset", "pipe2", "fcntl", "open", "read", "write", "close", "poll",
        "kill", "getpgid", "waitpid", "strerror", "syscall", "environ",
    };

    /**
     * Why the POSIX launcher cannot be used in this JVM, or empty when it can. The answer is
     * computed once. Never blocks for long; prints nothing.
     */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(Probe.REASON);
    }

    /** Whether {@link #unavailableReason()} is empty; cheap after the first call. */
    static boolean isAvailable() {
        return Probe.REASON == null;
    }

    /** Holder, so the probe runs on first use and once only. */
    private static final class Probe {
        static final String REASON = probe();
    }

    private static String probe() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            return "posix_spawn is used on Linux only, and this is " + os;
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return "the POSIX launcher supports x86_64 and aarch64 Linux, and this is " + arch;
        }
        // Checked before any restricted method is touched: with native access disabled, the first
        // restricted call would make the JVM print a warning, which Weft must never cause.
        if (!LibC.class.getModule().isNativeAccessEnabled()) {
            Module m = LibC.class.getModule();
            String who = m.isNamed() ? m.getName() : "ALL-UNNAMED";
            return "native access is not enabled; start the JVM with --enable-native-access=" + who;
        }
        SymbolLookup lookup = Linker.nativeLinker().defaultLookup();
        for (String symbol : REQUIRED_SYMBOLS) {
            if (lookup.find(symbol).isEmpty()) {
                return "the C library has no " + symbol + " (glibc 2.34 or newer is needed)";
            }
        }
        try {
            // The kernel may be too old (pidfds came in 5.3) or a seccomp filter may refuse them.
            int pidfd = pidfdOpen((int) ProcessHandle.current().pid());
            if (pidfd < 0) {
                return "pidfd_open is not usable: " + describe(-pidfd);
            }
            close(pidfd);
        } catch (RuntimeException | LinkageError e) {
            return "the C library functions could not be bound: " + e;
        }
        return null;
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    // The bound functions, in groups each made when first used (and only after the probe allowed
    // it): binding costs milliseconds per new signature, so asking whether the mechanism is
    // available binds two functions, and a launch without pipes binds only what it calls.

    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    /**
     * Binds a C library function. Restricted ({@code downcallHandle}): called only from the
     * holders below, which are used only once the probe has found native access enabled.
     */
    @SuppressWarnings("restricted")
    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        return linker.downcallHandle(symbol, fd, options);
    }

    private static boolean has(String name) {
        return Linker.nativeLinker().defaultLookup().find(name).isPresent();
    }

    /** What the probe needs: pidfd_open and close. */
    private static final class Basic {
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // glibc 2.36 has wrappers for the pidfd calls; older ones reach them through syscall(2).
        static final MethodHandle PIDFD_OPEN = has("pidfd_open")
                ? bind("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, CRITICAL_HEAP)
                : null;
        static final MethodHandle SYSCALL3 = PIDFD_OPEN != null ? null
                : bind("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1), ERRNO, CRITICAL_HEAP);
    }

    /** posix_spawn, its file actions and attributes, and environ. */
    private static final class Spawn {
        // posix_spawn itself may take milliseconds (the parent is suspended until the child has
        // called exec), so it is not critical; it returns the error number instead of setting errno.
        static final MethodHandle POSIX_SPAWN = bind("posix_spawn", spawnDescriptor());
        static final MethodHandle POSIX_SPAWNP = bind("posix_spawnp", spawnDescriptor());
        static final MethodHandle FA_INIT = bind("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
        static final MethodHandle FA_DESTROY = bind("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
        static final MethodHandle FA_ADDDUP2 = bind("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), CRITICAL);
        static final MethodHandle FA_ADDOPEN = bind("posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), CRITICAL);
        static final MethodHandle FA_ADDCHDIR = bind("posix_spawn_file_actions_addchdir_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL);
        static final MethodHandle FA_ADDCLOSEFROM = bind("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CRITICAL);
        static final MethodHandle ATTR_INIT = bind("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
        static final MethodHandle ATTR_SETFLAGS = bind("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT), CRITICAL);
        static final MethodHandle ATTR_SETPGROUP = bind("posix_spawnattr_setpgroup",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CRITICAL);
        static final MethodHandle ATTR_SETSIGMASK = bind("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL);
        static final MethodHandle ATTR_SETSIGDEFAULT = bind("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL);
        static final MethodHandle SIGEMPTYSET = bind("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
        static final MethodHandle SIGADDSET = bind("sigaddset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CRITICAL);

        /** The {@code environ} variable itself (a {@code char **}), read at each launch. */
        static final MemorySegment ENVIRON = environVariable();

        private static FunctionDescriptor spawnDescriptor() {
            return FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        }

        @SuppressWarnings("restricted") // a symbol has no size: give it that of a pointer
        private static MemorySegment environVariable() {
            return Linker.nativeLinker().defaultLookup().find("environ").orElseThrow().reinterpret(ADDRESS.byteSize());
        }
    }

    /** Waiting: poll and waitpid(WNOHANG). */
    private static final class Wait {
        static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO);
        static final MethodHandle WAITPID_NOHANG = bind("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO, CRITICAL_HEAP);
    }

    /** Pipes, files and their I/O. */
    private static final class Io {
        static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO, CRITICAL_HEAP);
        static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO, CRITICAL_HEAP);
        static final MethodHandle PIPE2 = bind("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO, CRITICAL_HEAP);
        static final MethodHandle FCNTL = bind("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2), ERRNO, CRITICAL_HEAP);
        static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2), ERRNO);
    }

    /** Signals, process groups, the blocking waitpid, and error messages. */
    private static final class Proc {
        static final MethodHandle KILL = bind("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, CRITICAL_HEAP);
        static final MethodHandle GETPGID = bind("getpgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO, CRITICAL_HEAP);
        static final MethodHandle WAITPID = bind("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
        static final MethodHandle PIDFD_SEND_SIGNAL = has("pidfd_send_signal")
                ? bind("pidfd_send_signal", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO, CRITICAL_HEAP)
                : null;
        static final MethodHandle SYSCALL5 = PIDFD_SEND_SIGNAL != null ? null
                : bind("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                        Linker.Option.firstVariadicArg(1), ERRNO, CRITICAL_HEAP);
        static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;

    // ------------------------------------------------------------------ descriptors and I/O

    /**
     * read(2) into {@code b[off, off + len)}. The descriptor must be non-blocking: this is a
     * critical call, which must not wait.
     *
     * @return the bytes read, 0 at end-of-file, or {@code -errno}
     */
    static long read(int fd, byte[] b, int off, int len) {
        int[] errno = new int[1];
        try {
            long n = (long) Io.READ.invokeExact(MemorySegment.ofArray(errno), fd, MemorySegment.ofArray(b).asSlice(off, len), (long) len);
            return n >= 0 ? n : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * write(2) from {@code b[off, off + len)}. The descriptor must be non-blocking (a critical
     * call).
     *
     * @return the bytes written, or {@code -errno}
     */
    static long write(int fd, byte[] b, int off, int len) {
        int[] errno = new int[1];
        try {
            long n = (long) Io.WRITE.invokeExact(MemorySegment.ofArray(errno), fd, MemorySegment.ofArray(b).asSlice(off, len), (long) len);
            return n >= 0 ? n : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * close(2). Errors are ignored: on Linux the descriptor is released even when close reports
     * one, and retrying could close a recycled number.
     */
    static void close(int fd) {
        try {
            int ignored = (int) Basic.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pipe2(2): fills {@code fds[0]} (read end) and {@code fds[1]} (write end).
     *
     * @return 0 or {@code -errno}
     */
    static int pipe2(int[] fds, int flags) {
        int[] errno = new int[1];
        try {
            int r = (int) Io.PIPE2.invokeExact(MemorySegment.ofArray(errno), MemorySegment.ofArray(fds), flags);
            return r == 0 ? 0 : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * fcntl(2) with an int argument (ignored by commands that take none).
     *
     * @return the command's result, or {@code -errno}
     */
    static int fcntl(int fd, int cmd, int arg) {
        int[] errno = new int[1];
        try {
            int r = (int) Io.FCNTL.invokeExact(MemorySegment.ofArray(errno), fd, cmd, arg);
            return r >= 0 ? r : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets or clears {@code O_NONBLOCK}.
     *
     * @return 0 or {@code -errno}
     */
    static int setNonBlocking(int fd, boolean on) {
        int flags = fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            return flags;
        }
        int wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        return wanted == flags ? 0 : Math.min(0, fcntl(fd, F_SETFL, wanted));
    }

    /**
     * open(2), not critical since opening a FIFO or a file on a network file system can block.
     *
     * @param path a NUL-terminated native string
     * @param errno a native segment of at least 4 bytes to receive errno
     * @return the new descriptor, or {@code -errno}
     */
    static int open(MemorySegment path, int flags, int mode, MemorySegment errno) {
        try {
            int fd = (int) Io.OPEN.invokeExact(errno, path, flags, mode);
            return fd >= 0 ? fd : -errno.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ------------------------------------------------------------------ poll

    /** The size of a poll set of {@code n} descriptors made for {@link #poll}. */
    static long pollSetSize(int n) {
        return 8 + n * POLLFD_SIZE;
    }

    /** Sets entry {@code i} of a poll set: the descriptor and the events wanted. */
    static void pollSet(MemorySegment set, int i, int fd, short events) {
        long at = 8 + i * POLLFD_SIZE;
        set.set(JAVA_INT, at, fd);
        set.set(JAVA_SHORT, at + 4, events);
        set.set(JAVA_SHORT, at + 6, (short) 0);
    }

    /** The events returned for entry {@code i} of a poll set. */
    static short pollRevents(MemorySegment set, int i) {
        return set.get(JAVA_SHORT, 8 + i * POLLFD_SIZE + 6);
    }

    /**
     * poll(2) over the first {@code n} entries of {@code set} (a native segment of at least
     * {@link #pollSetSize}{@code (n)} bytes laid out as errno slot then {@code struct pollfd}s).
     * Blocks up to {@code timeoutMillis} (not critical: the garbage collector runs meanwhile).
     *
     * @return the number of ready entries, 0 on timeout, or {@code -errno} ({@code -EINTR} when a
     *     signal arrived)
     */
    static int poll(MemorySegment set, int n, int timeoutMillis) {
        try {
            int r = (int) Wait.POLL.invokeExact(set, set.asSlice(8), (long) n, timeoutMillis);
            return r >= 0 ? r : -set.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ------------------------------------------------------------------ processes

    /**
     * kill(2).
     *
     * @return 0 or {@code -errno}
     */
    static int kill(int pid, int signal) {
        int[] errno = new int[1];
        try {
            int r = (int) Proc.KILL.invokeExact(MemorySegment.ofArray(errno), pid, signal);
            return r == 0 ? 0 : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * getpgid(2).
     *
     * @return the process group id, or {@code -errno} ({@code -ESRCH} when there is no such
     *     process)
     */
    static int getpgid(int pid) {
        int[] errno = new int[1];
        try {
            int r = (int) Proc.GETPGID.invokeExact(MemorySegment.ofArray(errno), pid);
            return r >= 0 ? r : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * waitpid(2) with {@code WNOHANG}: never blocks.
     *
     * @param status receives the wait status in {@code status[0]}
     * @return the pid when the child was reaped, 0 while it runs, or {@code -errno}
     */
    static int waitpidNoHang(int pid, int[] status) {
        int[] errno = new int[1];
        try {
            int r = (int) Wait.WAITPID_NOHANG.invokeExact(MemorySegment.ofArray(errno), pid, MemorySegment.ofArray(status), WNOHANG);
            return r >= 0 ? r : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * waitpid(2) that blocks until the child ends, discarding its status. Used only for a child
     * that has just been sent {@code SIGKILL}, so the wait is short; not interruptible.
     */
    static void waitpidBlocking(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(JAVA_INT);
            int r;
            do {
                r = (int) Proc.WAITPID.invokeExact(errno, pid, MemorySegment.NULL, 0);
            } while (r < 0 && errno.get(JAVA_INT, 0) == EINTR);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pidfd_open(2) with no flags: a descriptor that refers to {@code pid} for as long as it is
     * open, even after the process has ended and its number was reused.
     *
     * @return the descriptor, or {@code -errno}
     */
    static int pidfdOpen(int pid) {
        int[] errno = new int[1];
        try {
            if (Basic.PIDFD_OPEN != null) {
                int r = (int) Basic.PIDFD_OPEN.invokeExact(MemorySegment.ofArray(errno), pid, 0);
                return r >= 0 ? r : -errno[0];
            }
            long r = (long) Basic.SYSCALL3.invokeExact(MemorySegment.ofArray(errno), SYS_PIDFD_OPEN, (long) pid, 0L);
            return r >= 0 ? (int) r : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pidfd_send_signal(2): signals the process {@code pidfd} refers to, never another one.
     *
     * @return 0 or {@code -errno} ({@code -ESRCH} once the process has ended)
     */
    static int pidfdSendSignal(int pidfd, int signal) {
        int[] errno = new int[1];
        try {
            if (Proc.PIDFD_SEND_SIGNAL != null) {
                int r = (int) Proc.PIDFD_SEND_SIGNAL.invokeExact(MemorySegment.ofArray(errno), pidfd, signal, MemorySegment.NULL, 0);
                return r == 0 ? 0 : -errno[0];
            }
            long r = (long) Proc.SYSCALL5.invokeExact(MemorySegment.ofArray(errno), SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L);
            return r == 0 ? 0 : -errno[0];
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ------------------------------------------------------------------ posix_spawn

    /**
     * posix_spawn(3) or posix_spawnp(3). Blocks until the child has called exec (or failed to).
     *
     * @param pidOut a native int that receives the child's pid
     * @return 0 or the error number (exec failures such as {@code ENOENT} are reported here)
     */
    static int spawn(boolean searchPath, MemorySegment pidOut, MemorySegment path, MemorySegment fileActions,
            MemorySegment attr, MemorySegment argv, MemorySegment envp) {
        try {
            return searchPath
                    ? (int) Spawn.POSIX_SPAWNP.invokeExact(pidOut, path, fileActions, attr, argv, envp)
                    : (int) Spawn.POSIX_SPAWN.invokeExact(pidOut, path, fileActions, attr, argv, envp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The current value of the C {@code environ} variable: the parent's live environment. */
    static MemorySegment environ() {
        return Spawn.ENVIRON.get(ADDRESS, 0);
    }

    /** posix_spawn_file_actions_init(3) on a native block of {@link #FILE_ACTIONS_SIZE} bytes. */
    static int fileActionsInit(MemorySegment fa) {
        return callInt(Spawn.FA_INIT, fa);
    }

    /** posix_spawn_file_actions_destroy(3). */
    static void fileActionsDestroy(MemorySegment fa) {
        callInt(Spawn.FA_DESTROY, fa);
    }

    /** posix_spawn_file_actions_adddup2(3): in the child, {@code dup2(fd, target)}. */
    static int addDup2(MemorySegment fa, int fd, int target) {
        try {
            return (int) Spawn.FA_ADDDUP2.invokeExact(fa, fd, target);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** posix_spawn_file_actions_addopen(3): in the child, open {@code path} as {@code target}. */
    static int addOpen(MemorySegment fa, int target, MemorySegment path, int flags, int mode) {
        try {
            return (int) Spawn.FA_ADDOPEN.invokeExact(fa, target, path, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** posix_spawn_file_actions_addchdir_np(3): in the child, change to {@code dir}. */
    static int addChdir(MemorySegment fa, MemorySegment dir) {
        try {
            return (int) Spawn.FA_ADDCHDIR.invokeExact(fa, dir);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** posix_spawn_file_actions_addclosefrom_np(3): in the child, close every descriptor from {@code from} up. */
    static int addCloseFrom(MemorySegment fa, int from) {
        try {
            return (int) Spawn.FA_ADDCLOSEFROM.invokeExact(fa, from);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Makes a spawn attribute block that empties the child's signal mask and resets signals 1 to
     * 31 to their default action (ignored dispositions survive exec, and the JVM ignores some),
     * and, when {@code newProcessGroup}, makes the child the leader of a new process group; when
     * {@code newSession} (exclusive with it: setpgid fails in a session leader), the leader of a
     * new session and of its first process group, with no controlling terminal. The
     * block is never destroyed: glibc's attributes own no other memory, and posix_spawn only
     * reads them, so one block serves every launch in every thread.
     */
    static MemorySegment makeSpawnAttributes(Arena arena, boolean newProcessGroup, boolean newSession) {
        MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, STRUCT_ALIGN);
        MemorySegment mask = arena.allocate(SIGSET_SIZE, STRUCT_ALIGN);
        MemorySegment defaults = arena.allocate(SIGSET_SIZE, STRUCT_ALIGN);
        check("posix_spawnattr_init", callInt(Spawn.ATTR_INIT, attr));
        check("sigemptyset", callInt(Spawn.SIGEMPTYSET, mask));
        check("sigemptyset", callInt(Spawn.SIGEMPTYSET, defaults));
        for (int sig = 1; sig <= 31; sig++) {
            if (sig != SIGKILL && sig != 19) { // SIGKILL and SIGSTOP cannot be caught or ignored
                try {
                    check("sigaddset", (int) Spawn.SIGADDSET.invokeExact(defaults, sig));
                } catch (Throwable t) {
                    throw rethrow(t);
                }
            }
        }
        // A new session makes the child the leader of a new process group too (setsid(2)).
        short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newProcessGroup ? POSIX_SPAWN_SETPGROUP : 0)
                | (newSession ? POSIX_SPAWN_SETSID : 0));
        try {
            check("posix_spawnattr_setsigmask", (int) Spawn.ATTR_SETSIGMASK.invokeExact(attr, mask));
            check("posix_spawnattr_setsigdefault", (int) Spawn.ATTR_SETSIGDEFAULT.invokeExact(attr, defaults));
            check("posix_spawnattr_setflags", (int) Spawn.ATTR_SETFLAGS.invokeExact(attr, flags));
            if (newProcessGroup) {
                check("posix_spawnattr_setpgroup", (int) Spawn.ATTR_SETPGROUP.invokeExact(attr, 0));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return attr;
    }

    private static int callInt(MethodHandle h, MemorySegment arg) {
        try {
            return (int) h.invokeExact(arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(String what, int error) {
        if (error != 0) {
            throw new IllegalStateException(what + " failed: " + describe(error));
        }
    }

    // ------------------------------------------------------------------ errors

    private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"), Map.entry(6, "ENXIO"), Map.entry(7, "E2BIG"), Map.entry(8, "ENOEXEC"),
            Map.entry(9, "EBADF"), Map.entry(10, "ECHILD"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"),
            Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"), Map.entry(21, "EISDIR"), Map.entry(22, "EINVAL"),
            Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(26, "ETXTBSY"), Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"), Map.entry(30, "EROFS"), Map.entry(32, "EPIPE"), Map.entry(36, "ENAMETOOLONG"),
            Map.entry(38, "ENOSYS"), Map.entry(40, "ELOOP"), Map.entry(80, "ELIBBAD"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(122, "EDQUOT"));

    /** The symbolic name of an error number, such as {@code "ENOENT"}, or {@code "errno 123"}. */
    static String errnoName(int errno) {
        String name = ERRNO_NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }

    /**
     * The C library's message for an error number with its name, as Weft reports operating
     * system errors: {@code "No such file or directory (ENOENT)"}.
     */
    @SuppressWarnings("restricted") // strerror's string has no size: reinterpret it to read up to the NUL
    static String describe(int errno) {
        String text;
        try {
            MemorySegment s = (MemorySegment) Proc.STRERROR.invokeExact(errno);
            text = s.equals(MemorySegment.NULL) ? "Unknown error " + errno : s.reinterpret(4096).getString(0, JNU_CHARSET);
        } catch (Throwable t) {
            text = "error";
        }
        return text + " (" + errnoName(errno) + ")";
    }

    /** A NUL-terminated native copy of {@code s} in the file-name charset. */
    static MemorySegment cString(SegmentAllocator alloc, String s) {
        byte[] bytes = s.getBytes(JNU_CHARSET);
        MemorySegment m = alloc.allocate(bytes.length + 1L, 1);
        MemorySegment.copy(bytes, 0, m, JAVA_BYTE, 0, bytes.length);
        m.set(JAVA_BYTE, bytes.length, (byte) 0);
        return m;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
