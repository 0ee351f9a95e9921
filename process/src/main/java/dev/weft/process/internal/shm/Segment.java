package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.process.ProcessException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One holder's mapping of a piece of shared memory: an anonymous memory file
 * ({@code memfd_create}: it has no name in any file system, so nothing can be left behind in
 * {@code /dev/shm} or the temp directory), mapped read-write, and the descriptor this process keeps
 * open on it. The kernel frees the memory when the last descriptor and mapping are gone: when every
 * holder has closed its handle or exited, a crash included. Not API.
 *
 * <pre>
 *  offset 0   magic "WEFTSHM1" (8)   8  id, high (8)   16  id, low (8)   24..63  reserved
 *  offset 64  the object's own words (a value, a lock word, a semaphore's count...)
 * </pre>
 *
 * <p>Another process opens it through {@code /proc/PID/fd/FD} of a process that holds it (the one
 * that encoded the handle), then checks the magic and the random 128-bit id, so that a descriptor
 * number reused for something else, or a process id reused by another process, is refused rather
 * than mapped.
 */
public final class Segment implements AutoCloseable {
    /** Where an object's own words begin. */
    public static final long DATA = 64;

    private static final long MAGIC = 0x314d485354464557L; // "WEFTSHM1", little-endian
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().daemon().name("weft-shm-cleaner").factory());

    private final int fd;
    private final long idHi;
    private final long idLo;
    private final MemorySegment memory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Cleaner.Cleanable cleanable;

    private Segment(int fd, long idHi, long idLo, Arena arena, MemorySegment memory) {
        this.fd = fd;
        this.idHi = idHi;
        this.idLo = idLo;
        this.memory = memory;
        AtomicBoolean released = new AtomicBoolean();
        this.cleanable = CLEANER.register(this, () -> {
            if (released.compareAndSet(false, true)) {
                arena.close();
                Native.close(fd);
            }
        });
    }

    /**
     * New shared memory with room for {@code dataBytes} bytes of the object's own words, all zero.
     *
     * @throws ProcessException if the system refuses (out of memory, too many open files)
     */
    public static Segment create(long dataBytes) {
        long size = DATA + dataBytes;
        int fd = Native.memfdCreate("weft-shm", size);
        long hi = RANDOM.nextLong();
        long lo = RANDOM.nextLong();
        Segment s = map(fd, hi, lo, size, "new shared memory");
        s.memory.set(JAVA_LONG, 8, hi);
        s.memory.set(JAVA_LONG, 16, lo);
        s.memory.set(JAVA_LONG, 0, MAGIC);
        return s;
    }

    /**
     * This process's own mapping of the memory {@code ref} names, opened through the sending
     * process's descriptor.
     *
     * @throws ProcessException if that process no longer holds it (it closed it or exited before
     *     this one opened it), or the descriptor is now something else
     */
    public static Segment open(ShmRef ref) {
        return open(ref.memory());
    }

    /**
     * This process's own mapping of the memory {@code ref} names.
     *
     * @throws ProcessException as {@link #open(ShmRef)}
     */
    public static Segment open(ShmHandle ref) {
        String path = "/proc/" + ref.pid() + "/fd/" + ref.fd();
        int fd = Native.open(path);
        if (fd < 0) {
            throw new ProcessException("cannot open " + ref.describe() + ": process " + ref.pid()
                    + (-fd == Native.ENOENT ? " no longer holds it (it closed it or exited before this process opened it)"
                            : " refused access (errno " + -fd + ")"));
        }
        long size;
        try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ)) {
            size = ch.size();
        } catch (IOException e) {
            Native.close(fd);
            throw new ProcessException("cannot open " + ref.describe() + ": " + e.getMessage(), e);
        }
        if (size < DATA) {
            Native.close(fd);
            throw stale(ref);
        }
        Segment s = map(fd, ref.idHi(), ref.idLo(), size, ref.describe());
        if (s.memory.get(JAVA_LONG, 0) != MAGIC || s.memory.get(JAVA_LONG, 8) != ref.idHi()
                || s.memory.get(JAVA_LONG, 16) != ref.idLo()) {
            s.close();
            throw stale(ref);
        }
        return s;
    }

    private static ProcessException stale(ShmHandle ref) {
        return new ProcessException("cannot open " + ref.describe() + ": process " + ref.pid()
                + " no longer holds it (its descriptor " + ref.fd() + " is now something else)");
    }

    private static Segment map(int fd, long hi, long lo, long size, String what) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new Segment(fd, hi, lo, arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            Native.close(fd);
            throw new ProcessException("cannot map " + what + ": " + e.getMessage(), e);
        }
    }

    /** The object's own words: from {@link #DATA} to the end. */
    public MemorySegment data() {
        checkOpen();
        return memory.asSlice(DATA);
    }

    /** A ref another process decodes into its own mapping of this memory. */
    public ShmRef ref(String kind, int length, ShmRef lock) {
        checkOpen();
        return new ShmRef(new ShmHandle(ProcessHandle.current().pid(), fd, idHi, idLo, kind, length),
                lock == null ? null : lock.memory());
    }

    /** The id, for a process's registry of its mappings. */
    public String id() {
        return Long.toHexString(idHi) + Long.toHexString(idLo);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the shared memory is closed in this process");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Unmaps this process's mapping and closes its descriptor; the memory itself is freed when no
     * process holds it any more. Idempotent. Threads still using the mapping then fail with
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanable.clean();
        }
    }
}
