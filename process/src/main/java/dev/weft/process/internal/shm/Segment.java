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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One handle on a piece of shared memory: an anonymous memory file ({@code memfd_create}: it has
 * no name in any file system, so nothing can be left behind in {@code /dev/shm} or the temp
 * directory), mapped read-write, and the descriptor this process keeps open on it. The kernel frees
 * the memory when the last descriptor and mapping are gone: when every holder has closed its handle
 * or exited, a crash included. Not API.
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
 *
 * <h2>One mapping per process</h2>
 * A process maps a given piece of memory once, however many handles it gets on it: handles are
 * leases on a per-process mapping found by the memory's id. A pool worker that receives the same
 * {@code SharedValue} with every task decodes a new handle each time, and would otherwise open a
 * descriptor and a mapping per task until the garbage collector found the handles, running out of
 * descriptors after some thousands of tasks. The mapping is unmapped, and its descriptor closed,
 * when its last lease is released: by {@link #close()}, or by the garbage collector for a handle
 * nobody closed. Closing one handle twice releases its lease once.
 *
 * <h2>Closing while a thread waits</h2>
 * A thread that may sleep on a word of the memory ({@code futex}) or wake its sleepers holds a
 * lease of its own for that time ({@link #enter()}, {@link #exit()}), so closing a handle never
 * unmaps memory that a thread of this process sleeps on in the kernel (which would make its wait
 * name whatever is mapped at that address next). The waiter notices within a slice of its sleep that
 * its handle was closed, and throws {@link IllegalStateException}; the memory is unmapped when it
 * has left. The futex calls take a plain address for the same reason ({@link Native#futexWait}).
 */
public final class Segment implements AutoCloseable {
    /** Where an object's own words begin. */
    public static final long DATA = 64;

    private static final long MAGIC = 0x314d485354464557L; // "WEFTSHM1", little-endian
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().daemon().name("weft-shm-cleaner").factory());
    /** This process's mappings, by the memory's id. */
    private static final ConcurrentHashMap<Key, Mapping> MAPPINGS = new ConcurrentHashMap<>();

    private record Key(long hi, long lo) {}

    /**
     * This process's one mapping of a piece of memory, and its descriptor, shared by every handle
     * here: counted leases, unmapped at the last release.
     */
    private static final class Mapping {
        final Key key;
        final int fd;
        final Arena arena;
        final MemorySegment memory;
        final AtomicInteger leases = new AtomicInteger(1);
        /** What the kind keeps per process (a lock's local lock), made on first use. */
        final AtomicReference<Object> local = new AtomicReference<>();

        Mapping(Key key, int fd, Arena arena, MemorySegment memory) {
            this.key = key;
            this.fd = fd;
            this.arena = arena;
            this.memory = memory;
        }

        /** Takes one more lease, unless the last one is gone (then it is being unmapped). */
        boolean retain() {
            for (int n; (n = leases.get()) > 0; ) {
                if (leases.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Gives one lease back; the last unmaps and closes the descriptor. */
        void release() {
            if (leases.decrementAndGet() == 0) {
                MAPPINGS.remove(key, this);
                unmap();
            }
        }

        /** Unmaps and closes the descriptor (not through {@link #release()} inside the map's compute). */
        void unmap() {
            try {
                arena.close();
            } finally {
                Native.close(fd);
            }
        }

        static Mapping map(int fd, Key key, long size, String what) {
            Arena arena = Arena.ofShared();
            try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                return new Mapping(key, fd, arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena));
            } catch (IOException | RuntimeException e) {
                arena.close();
                Native.close(fd);
                throw new ProcessException("cannot map " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private final Mapping mapping;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Cleaner.Cleanable cleanable;

    private Segment(Mapping mapping) {
        this.mapping = mapping;
        this.cleanable = CLEANER.register(this, mapping::release); // the handle's one lease
    }

    /**
     * New shared memory with room for {@code dataBytes} bytes of the object's own words, all zero.
     *
     * @throws ProcessException if the system refuses (out of memory, too many open files)
     */
    public static Segment create(long dataBytes) {
        long size = DATA + dataBytes;
        int fd = Native.memfdCreate("weft-shm", size);
        Key key = new Key(RANDOM.nextLong(), RANDOM.nextLong());
        Mapping m = Mapping.map(fd, key, size, "new shared memory");
        m.memory.set(JAVA_LONG, 8, key.hi());
        m.memory.set(JAVA_LONG, 16, key.lo());
        m.memory.set(JAVA_LONG, 0, MAGIC);
        MAPPINGS.put(key, m);
        return new Segment(m);
    }

    /**
     * A handle on the memory {@code ref} names: on this process's mapping of it if it has one,
     * else on a new mapping, opened through the sending process's descriptor.
     *
     * @throws ProcessException if that process no longer holds it (it closed it or exited before
     *     this one opened it), or the descriptor is now something else
     */
    public static Segment open(ShmRef ref) {
        return open(ref.memory());
    }

    /**
     * A handle on the memory {@code ref} names.
     *
     * @throws ProcessException as {@link #open(ShmRef)}
     */
    public static Segment open(ShmHandle ref) {
        Key key = new Key(ref.idHi(), ref.idLo());
        Mapping[] got = new Mapping[1];
        // In compute, so that two threads decoding the same memory at once map it once.
        MAPPINGS.compute(key, (k, m) -> got[0] = m != null && m.retain() ? m : mapNew(k, ref));
        return new Segment(got[0]);
    }

    private static Mapping mapNew(Key key, ShmHandle ref) {
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
        Mapping m = Mapping.map(fd, key, size, ref.describe());
        if (m.memory.get(JAVA_LONG, 0) != MAGIC || m.memory.get(JAVA_LONG, 8) != ref.idHi()
                || m.memory.get(JAVA_LONG, 16) != ref.idLo()) {
            m.unmap(); // never in the map; and removing from it here, inside compute, is not allowed
            throw stale(ref);
        }
        return m;
    }

    private static ProcessException stale(ShmHandle ref) {
        return new ProcessException("cannot open " + ref.describe() + ": process " + ref.pid()
                + " no longer holds it (its descriptor " + ref.fd() + " is now something else)");
    }

    /**
     * The object's own words: from {@link #DATA} to the end.
     *
     * @throws IllegalStateException if this handle is closed
     */
    public MemorySegment data() {
        check();
        return mapping.memory.asSlice(DATA);
    }

    /** A ref another process decodes into its own handle on this memory. */
    public ShmRef ref(String kind, int length, ShmRef lock) {
        check();
        return new ShmRef(new ShmHandle(ProcessHandle.current().pid(), mapping.fd, mapping.key.hi(), mapping.key.lo(),
                kind, length), lock == null ? null : lock.memory());
    }

    /** The id, for messages and a process's registry of its objects. */
    public String id() {
        return String.format("%016x%016x", mapping.key.hi(), mapping.key.lo());
    }

    /**
     * What this process keeps beside its mapping of the memory (one for every handle on it here),
     * made by {@code make} on first use; it goes with the mapping when the last handle is released.
     */
    @SuppressWarnings("unchecked")
    public <T> T local(Supplier<T> make) {
        Object l = mapping.local.get();
        if (l == null) {
            T made = make.get();
            l = mapping.local.compareAndExchange(null, made);
            if (l == null) {
                l = made;
            }
        }
        return (T) l;
    }

    /**
     * Throws if this handle is closed.
     *
     * @throws IllegalStateException if it is
     */
    public void check() {
        if (closed.get()) {
            throw new IllegalStateException("the shared memory is closed in this process");
        }
    }

    /**
     * Keeps the mapping for the calling thread, until {@link #exit()}, whether or not the handle is
     * closed meanwhile: before sleeping on a word of it or waking its sleepers, which name it by
     * address. Pair with {@link #exit()} in a {@code finally}.
     *
     * @throws IllegalStateException if this handle is closed (nothing is kept)
     */
    public void enter() {
        if (!tryEnter()) {
            throw new IllegalStateException("the shared memory is closed in this process");
        }
    }

    /** {@link #enter()}, or false if this handle is closed (nothing is kept). */
    public boolean tryEnter() {
        if (closed.get() || !mapping.retain()) {
            return false;
        }
        if (closed.get()) {
            mapping.release();
            return false;
        }
        return true;
    }

    /** Ends an {@link #enter()}: the last of the mapping's holders unmaps it. */
    public void exit() {
        mapping.release();
    }

    /**
     * Throws, for a thread that waits on this memory between {@link #enter()} and {@link #exit()},
     * if the handle was closed meanwhile.
     *
     * @throws IllegalStateException naming {@code what} if it was
     */
    public void checkWaiting(String what) {
        if (closed.get()) {
            throw new IllegalStateException("the " + what + " was closed in this process while this thread waited on it");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Releases this handle: the process's mapping is unmapped, and its descriptor closed, once no
     * other handle here holds it and no thread waits on it; the memory itself is freed when no
     * process holds it any more. Idempotent: a second close releases nothing. Threads using this
     * handle afterwards fail with {@link IllegalStateException}; threads waiting on it notice within
     * a slice of their sleep and fail so too.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanable.clean();
        }
    }
}
