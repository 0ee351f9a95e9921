package dev.weft.subprocess.internal.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One descriptor the parent owns (a pipe end or a pidfd), shared by the objects that use it, and
 * closed exactly once, never while a thread is inside a native call on it.
 *
 * <p>The danger it guards against: if one thread closed the descriptor while another was about to
 * read it, the number could be reused at once by an unrelated {@code open} elsewhere in the JVM,
 * and the reader would read (or, worse, write) the wrong file. So every native call on the
 * descriptor runs between {@link #acquire()} and {@link #release()}, and {@link #close} only marks
 * the descriptor closing while it is in use; the last user to leave does the real {@code close(2)}.
 * All methods are thread-safe and never block. Not API.
 */
final class Fd {
    /**
     * At most this many pipes at a time get the large capacity: Linux charges pipe buffers to the
     * user, and once a user's pipes pass {@code /proc/sys/fs/pipe-user-pages-soft} (64 MiB by
     * default) every new pipe of that user, in any program, is cut to a single page.
     */
    private static final int MAX_LARGE_PIPES = 16;

    private static final AtomicInteger LARGE_PIPES = new AtomicInteger();

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final int number;
    private volatile String name;
    private int users; // guarded by this
    private int state; // guarded by this
    private String closedReason; // guarded by this
    private boolean largePipe; // guarded by this
    private volatile MemorySegment pollSet; // for awaitReady; one direction per descriptor

    /**
     * Takes ownership of descriptor {@code number}.
     *
     * @param name what the descriptor is, for messages: {@code "stdout of pid 123"}
     */
    Fd(int number, String name) {
        this.number = number;
        this.name = name;
    }

    /** The descriptor number; use it only between {@link #acquire()} and {@link #release()}. */
    int number() {
        return number;
    }

    /** What the descriptor is, as messages name it. */
    String name() {
        return name;
    }

    /**
     * For a stream that found the descriptor not ready ({@code EAGAIN}): throws if it was closed
     * meanwhile, else waits one slice of at most {@link FdStreams#SLICE_MILLIS} for {@code events}
     * ({@link LibC#POLLIN} or {@link LibC#POLLOUT}), an error or a hang-up. The caller holds the
     * descriptor ({@link #acquire()}), checks for interrupts, and retries whatever the outcome.
     *
     * @throws IOException if the descriptor was closed, naming why
     */
    void awaitReady(short events) throws IOException {
        if (isClosed()) {
            throw new IOException(name + " " + closedReason());
        }
        MemorySegment set = pollSet;
        if (set == null) {
            // Freed with this object; threads that race here write the same values.
            set = Arena.ofAuto().allocate(LibC.pollSetSize(1), 8);
            LibC.pollSet(set, 0, number, events);
            pollSet = set;
        }
        LibC.poll(set, 1, FdStreams.SLICE_MILLIS);
    }

    /** Names the descriptor once its child's pid is known. */
    void name(String name) {
        this.name = name;
    }

    /**
     * Registers the calling thread as a user of the descriptor.
     *
     * @return false if it is closed or closing (nothing to release then)
     */
    synchronized boolean acquire() {
        if (state != OPEN) {
            return false;
        }
        users++;
        return true;
    }

    /** Ends a use begun by a successful {@link #acquire()}; the last user closes a closing descriptor. */
    void release() {
        synchronized (this) {
            if (--users > 0 || state != CLOSING) {
                return;
            }
            state = CLOSED;
        }
        closeNow();
    }

    /** Whether {@link #close} has been called. */
    synchronized boolean isClosed() {
        return state != OPEN;
    }

    /**
     * Why the descriptor is closed, for the message of an exception: {@code "is closed"} or what
     * {@link #close(String)} was told.
     */
    synchronized String closedReason() {
        return closedReason != null ? closedReason : "is closed";
    }

    /** Closes the descriptor now, or when its last current user releases it. Idempotent. */
    void close() {
        close(null);
    }

    /**
     * As {@link #close()}, remembering {@code reason} (such as {@code "was given to the stdin of
     * pid 456"}) for the message later users get.
     */
    void close(String reason) {
        synchronized (this) {
            if (state != OPEN) {
                return;
            }
            closedReason = reason;
            if (users > 0) {
                state = CLOSING;
                return;
            }
            state = CLOSED;
        }
        closeNow();
    }

    private void closeNow() {
        boolean wasLarge;
        synchronized (this) {
            wasLarge = largePipe;
            largePipe = false;
        }
        if (wasLarge) {
            LARGE_PIPES.decrementAndGet();
        }
        LibC.close(number);
    }

    /**
     * Raises the capacity of the pipe this descriptor is an end of to {@code bytes}, if fewer than
     * {@link #MAX_LARGE_PIPES} pipes are large already; failure (an unprivileged user asking for
     * more than {@code /proc/sys/fs/pipe-max-size}) is ignored, the pipe keeps its capacity.
     * Large pipes move big outputs with far fewer system calls and context switches.
     */
    void enlargePipe(int bytes) {
        if (LARGE_PIPES.incrementAndGet() > MAX_LARGE_PIPES || LibC.fcntl(number, LibC.F_SETPIPE_SZ, bytes) < 0) {
            LARGE_PIPES.decrementAndGet();
            return;
        }
        synchronized (this) {
            largePipe = true;
        }
    }

    @Override
    public String toString() {
        return "Fd[" + number + ", " + name + "]";
    }
}
