package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.shm.MutexWord;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of {@link ProcessLock} and {@link ProcessRLock}: a local lock that orders this
 * process's threads (one per piece of shared memory, whatever number of handles this process
 * holds on it), then the shared {@link MutexWord} that orders the processes.
 */
final class ProcessMutex {
    /**
     * This process's side of one lock: shared by every handle on the same memory here (kept beside
     * the process's one mapping of it, {@link Segment#local}).
     */
    private static final class Local {
        final ReentrantLock threads = new ReentrantLock();
        boolean recovered; // guarded by threads: read and written by the holder only
    }

    final Segment segment;
    final boolean reentrant;
    private final MutexWord word;
    private final Local local;

    private ProcessMutex(Segment segment, boolean reentrant) {
        this.segment = segment;
        this.reentrant = reentrant;
        this.word = new MutexWord(segment);
        this.local = segment.local(Local::new);
    }

    static ProcessMutex create(boolean reentrant) {
        return new ProcessMutex(Segment.create(MutexWord.BYTES), reentrant);
    }

    static ProcessMutex open(ShmRef ref, boolean reentrant) {
        return new ProcessMutex(Segment.open(ref), reentrant);
    }

    /**
     * Acquires for the calling thread, waiting at most {@code nanos} (negative: no limit).
     *
     * @return false if the time ran out
     */
    boolean acquire(long nanos) throws InterruptedException {
        segment.check();
        if (local.threads.isHeldByCurrentThread()) {
            if (!reentrant) {
                throw new IllegalMonitorStateException("this thread already holds the lock, which is not reentrant"
                        + " (a ProcessRLock is): acquiring it again would wait forever");
            }
            local.threads.lock();
            return true;
        }
        long deadline = nanos < 0 ? 0 : System.nanoTime() + nanos;
        if (nanos < 0) {
            local.threads.lockInterruptibly();
        } else if (!local.threads.tryLock(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        int r;
        try {
            r = word.acquire(nanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime()));
        } catch (InterruptedException | RuntimeException e) {
            local.threads.unlock();
            throw e;
        }
        return took(r);
    }

    /** One attempt, not waiting. */
    boolean tryAcquire() {
        segment.check();
        if (local.threads.isHeldByCurrentThread()) {
            if (!reentrant) {
                return false;
            }
            local.threads.lock();
            return true;
        }
        if (!local.threads.tryLock()) {
            return false;
        }
        int r = word.tryAcquire();
        return took(r);
    }

    /** After the shared word's verdict: keeps the local lock if it was acquired, notes a dead owner. */
    private boolean took(int verdict) {
        if (verdict == MutexWord.TIMED_OUT) {
            local.threads.unlock();
            return false;
        }
        if (verdict == MutexWord.RECOVERED) {
            local.recovered = true;
        }
        return true;
    }

    /**
     * Releases one hold of the calling thread. On a closed handle the hold is dropped here all the
     * same, so that this process's other threads do not wait for it forever, and
     * {@link IllegalStateException} is thrown; the shared word stays held until another thread of
     * this process takes it over ({@link MutexWord}) or the process exits.
     */
    void release() {
        if (!local.threads.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the lock is not held by this thread");
        }
        try {
            if (local.threads.getHoldCount() == 1) {
                if (local.recovered) {
                    local.recovered = false;
                }
                word.release();
            }
        } finally {
            local.threads.unlock();
        }
    }

    /** Releases every hold of the calling thread (a condition's wait); returns how many. */
    int releaseFully() {
        if (!local.threads.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the condition's lock is not held by this thread");
        }
        int holds = local.threads.getHoldCount();
        local.recovered = false;
        try {
            word.release();
        } finally {
            for (int i = 0; i < holds; i++) {
                local.threads.unlock();
            }
        }
        return holds;
    }

    /** Takes {@code holds} holds back after a condition's wait, waiting as long as it takes. */
    void reacquire(int holds) {
        Uninterruptibly.run(() -> acquire(-1));
        for (int i = 1; i < holds; i++) {
            local.threads.lock();
        }
    }

    boolean heldByCurrentThread() {
        return local.threads.isHeldByCurrentThread();
    }

    int holdCount() {
        return local.threads.getHoldCount();
    }

    boolean recovered() {
        return local.threads.isHeldByCurrentThread() && local.recovered;
    }

    boolean locked() {
        return word.locked();
    }

    long ownerPid() {
        return word.ownerPid();
    }

    /** Releases this handle; idempotent (the mapping's lease is given back once). */
    void close() {
        segment.close();
    }
}
