package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.process.ProcessException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The Linux calls shared memory needs, bound through the Foreign Function and Memory API:
 * {@code memfd_create}, {@code open}, {@code close}, {@code ftruncate}, and {@code futex} through
 * {@code syscall}. Errors come back as {@code -errno}. Needs native access
 * ({@code --enable-native-access=ALL-UNNAMED}, which Weft's launcher and child JVMs pass; without
 * it the JVM warns once and goes on). Not API.
 */
final class Native {
    private Native() {}

    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 02000000;
    static final int MFD_CLOEXEC = 1;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    private static final long SYS_FUTEX = switch (System.getProperty("os.arch")) {
        case "aarch64" -> 98;
        default -> 202; // x86_64
    };
    private static final int FUTEX_WAIT = 0; // not FUTEX_PRIVATE_FLAG: the word is shared between processes
    private static final int FUTEX_WAKE = 1;

    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_OF = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle MEMFD_CREATE = bind("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FTRUNCATE = bind("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), ERRNO);
    private static final MethodHandle FUTEX = bind("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1));

    @SuppressWarnings("restricted")
    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        return linker.downcallHandle(symbol, fd, options);
    }

    /**
     * A new anonymous memory file of {@code size} bytes (zeros), close-on-exec.
     *
     * @throws ProcessException naming the error if the system refuses
     */
    static int memfdCreate(String name, long size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name), MFD_CLOEXEC);
            if (fd < 0) {
                throw new ProcessException("cannot make shared memory (memfd_create): errno " + (int) ERRNO_OF.get(state, 0L));
            }
            int r = (int) FTRUNCATE.invokeExact(state, fd, size);
            if (r < 0) {
                int errno = (int) ERRNO_OF.get(state, 0L);
                close(fd);
                throw new ProcessException("cannot size shared memory of " + size + " bytes (ftruncate): errno " + errno);
            }
            return fd;
        } catch (ProcessException e) {
            throw e;
        } catch (Throwable t) {
            throw new ProcessException("cannot make shared memory: " + t, t);
        }
    }

    /** Opens {@code path} read-write, close-on-exec: a descriptor, or {@code -errno}. */
    static int open(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDWR | O_CLOEXEC);
            return fd >= 0 ? fd : -(int) ERRNO_OF.get(state, 0L);
        } catch (Throwable t) {
            throw new ProcessException("cannot open " + path + ": " + t, t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new ProcessException("cannot close descriptor " + fd + ": " + t, t);
        }
    }

    /**
     * Sleeps while the 32-bit word at {@code address} holds {@code expected}, at most {@code nanos}
     * (positive), or until woken by {@link #futexWake}. Returns early, spuriously, on a signal or
     * if the word no longer holds {@code expected}; the caller re-checks. Not interruptible: the
     * caller bounds {@code nanos}.
     *
     * <p>The word is passed as a plain address, not as a {@link MemorySegment}: a segment passed to
     * a native call keeps its arena acquired for the whole call, so closing the mapping while a
     * thread sleeps here would fail ("Session is acquired by 1 clients"). The caller keeps the
     * mapping alive for as long as it may sleep on it ({@link Segment#enter()}).
     */
    static void futexWait(long address, int expected, long nanos) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timeout = arena.allocate(16, 8);
            timeout.set(JAVA_LONG, 0, nanos / 1_000_000_000L);
            timeout.set(JAVA_LONG, 8, nanos % 1_000_000_000L);
            long ignored = (long) FUTEX.invokeExact(SYS_FUTEX, address, FUTEX_WAIT, expected, timeout, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw new ProcessException("futex wait failed: " + t, t);
        }
    }

    /** Wakes up to {@code n} sleepers on the word at {@code address}, a plain address as for {@link #futexWait}. */
    static void futexWake(long address, int n) {
        try {
            long ignored = (long) FUTEX.invokeExact(SYS_FUTEX, address, FUTEX_WAKE, n, MemorySegment.NULL, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw new ProcessException("futex wake failed: " + t, t);
        }
    }
}
