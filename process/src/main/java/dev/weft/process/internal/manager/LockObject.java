package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Peer;
import dev.weft.process.internal.hub.Result;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's side of a manager's {@code Lock} or {@code RLock}. The owner is a client thread: its
 * connection and the thread's id in that process (sent as {@code arg2}), since every call runs on a
 * thread of the server's own. Only the owner may release it. When the owner's connection closes
 * (its process exited or died) while it holds the lock, the lock is released, so that nobody waits
 * forever on a dead process. Not API.
 *
 * <p>{@code arg1} of {@link #ACQUIRE} is the timeout in nanoseconds: negative waits as long as it
 * takes, 0 does not wait.
 */
public final class LockObject implements HubObject {
    public static final int ACQUIRE = 1;
    public static final int RELEASE = 2;
    public static final int LOCKED = 3;
    /** Reply value: how many holds the calling thread has (0: it is not the owner). */
    public static final int HOLD_COUNT = 4;

    /** A client thread. */
    record Owner(Peer peer, long thread) {}

    private final boolean reentrant;
    final ReentrantLock monitor = new ReentrantLock();
    private final Condition freed = monitor.newCondition();
    private Owner owner; // guarded by monitor
    private int holds; // guarded by monitor

    /** A lock; reentrant for an RLock. */
    public LockObject(boolean reentrant) {
        this.reentrant = reentrant;
    }

    @Override
    public Result handle(Call call) {
        Owner caller = new Owner(call.peer(), call.arg2());
        return switch (call.op()) {
            case ACQUIRE -> {
                long nanos = call.arg1();
                monitor.lock();
                try {
                    if (tryTake(caller)) {
                        yield Result.ok(1);
                    }
                    if (nanos == 0) {
                        yield Result.ok(0);
                    }
                } finally {
                    monitor.unlock();
                }
                yield call.async(() -> Result.ok(acquire(caller, nanos) ? 1 : 0));
            }
            case RELEASE -> {
                release(caller);
                yield Result.ok();
            }
            case LOCKED -> {
                monitor.lock();
                try {
                    yield Result.ok(owner != null ? 1 : 0);
                } finally {
                    monitor.unlock();
                }
            }
            case HOLD_COUNT -> {
                monitor.lock();
                try {
                    yield Result.ok(caller.equals(owner) ? holds : 0);
                } finally {
                    monitor.unlock();
                }
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a lock has no op " + call.op());
        };
    }

    /**
     * Acquires for {@code caller}, waiting at most {@code nanos} (negative: no limit).
     *
     * @return false if it timed out
     * @throws InterruptedException if the call was cancelled; nothing was acquired
     */
    boolean acquire(Owner caller, long nanos) throws InterruptedException {
        monitor.lockInterruptibly();
        try {
            long left = nanos;
            while (!tryTake(caller)) {
                if (nanos < 0) {
                    freed.await();
                } else if (left <= 0) {
                    return false;
                } else {
                    left = freed.awaitNanos(left);
                }
            }
            return true;
        } finally {
            monitor.unlock();
        }
    }

    /** Whether {@code caller} holds the lock; the caller holds {@link #monitor}. */
    boolean holdsNow(Owner caller) {
        return caller.equals(owner);
    }

    /** Takes the lock if it is free, or adds a hold if {@code caller} owns a reentrant one. */
    private boolean tryTake(Owner caller) {
        if (owner == null) {
            if (caller.peer().closing()) {
                return false; // its process is gone: it must never own anything again
            }
            owner = caller;
            holds = 1;
            Peer peer = caller.peer();
            peer.onClose(this, () -> releaseAllOf(peer)); // after owner is set: see releaseAllOf
            return true;
        }
        if (owner.equals(caller)) {
            if (!reentrant) {
                throw new IllegalMonitorStateException("this thread already holds the lock, which is not reentrant"
                        + " (an RLock is): acquiring it again would wait forever");
            }
            holds++;
            return true;
        }
        return false;
    }

    /**
     * Releases one hold of {@code caller}.
     *
     * @throws IllegalMonitorStateException if {@code caller} does not hold the lock
     */
    void release(Owner caller) {
        monitor.lock();
        try {
            if (!caller.equals(owner)) {
                throw new IllegalMonitorStateException(owner == null ? "the lock is not held"
                        : "the lock is held by another thread");
            }
            if (--holds == 0) {
                owner = null;
                freed.signal();
            }
        } finally {
            monitor.unlock();
        }
    }

    /** Releases every hold of {@code caller}, returning how many it had (a condition's wait). */
    int releaseFully(Owner caller) {
        monitor.lock();
        try {
            if (!caller.equals(owner)) {
                throw new IllegalMonitorStateException("the lock of the condition is not held by this thread");
            }
            int had = holds;
            holds = 0;
            owner = null;
            freed.signal();
            return had;
        } finally {
            monitor.unlock();
        }
    }

    /** Acquires for {@code caller} with {@code count} holds, waiting as long as it takes, uninterruptibly. */
    void reacquire(Owner caller, int count) {
        monitor.lock();
        try {
            while (owner != null) {
                freed.awaitUninterruptibly();
            }
            owner = caller;
            holds = count;
            if (caller.peer().closing()) {
                releaseAllOfLocked(caller.peer()); // its connection closed meanwhile: nobody is left to release it
            } else {
                Peer peer = caller.peer();
                peer.onClose(this, () -> releaseAllOf(peer));
            }
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Releases the lock if a thread of {@code peer}'s process holds it: that process is gone. The
     * close hook is registered after the owner is set, and an acquire checks
     * {@link Peer#closing()} (set before the hooks run) before it takes the lock, so a lock is
     * never left owned by a closed connection.
     */
    private void releaseAllOf(Peer peer) {
        monitor.lock();
        try {
            releaseAllOfLocked(peer);
        } finally {
            monitor.unlock();
        }
    }

    private void releaseAllOfLocked(Peer peer) {
        if (owner != null && owner.peer() == peer) {
            owner = null;
            holds = 0;
            freed.signal();
        }
    }
}
