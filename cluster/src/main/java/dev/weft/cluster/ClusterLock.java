package dev.weft.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A lock shared by every process of a cluster, with Python's {@code acquire}/{@code release} names
 * and Java's {@link Lock} interface. Made by {@link Cluster#lock(String)}; every view of the same
 * name is the same lock.
 *
 * <p>It is owned by a thread of a process, and reentrant: the owner may acquire it again and must
 * release it as many times (Python's {@code RLock}). When the owning member or client leaves the
 * cluster (killed included), the lock is released, so a dead owner never blocks the others.
 *
 * <p><b>Consistency, honestly.</b> Hazelcast's open-source edition has no consensus-based (CP)
 * lock: this one is a per-key lock of a Hazelcast map, kept by the member that owns the key and
 * copied to a backup. It excludes reliably while the cluster is whole; when the owner of the key
 * and its backup die at once, or the network splits the cluster, two processes can hold it at the
 * same time. Do not use it where that would corrupt data that outlives the cluster; it is fine for
 * keeping processes out of each other's way.
 *
 * <p>{@link #newCondition()} is not supported.
 */
public final class ClusterLock implements Lock {
    /** The map whose per-key locks are the cluster locks, by lock name. */
    static final String LOCKS = "weft.locks";

    private final IMap<String, Boolean> map;
    private final String name;

    ClusterLock(HazelcastInstance hz, String name) {
        this.map = hz.getMap(LOCKS);
        this.name = name;
    }

    /**
     * Acquires the lock, blocking until it is free: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        lockInterruptibly();
    }

    /**
     * Acquires the lock, waiting at most {@code timeout}: Python's {@code acquire(timeout=)}.
     *
     * @param timeout how long to wait at most
     * @return whether it was acquired
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return map.tryLock(name, Timeouts.toNanos(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Releases the lock: Python's {@code release()}.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    public void release() {
        unlock();
    }

    /**
     * Whether some thread of some process holds the lock now: Python's {@code locked()}.
     *
     * @return whether it is held
     */
    public boolean locked() {
        return map.isLocked(name);
    }

    /** Acquires the lock, blocking until it is free, not interruptibly. */
    @Override
    public void lock() {
        map.lock(name);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        while (!map.tryLock(name, 1, TimeUnit.MINUTES)) {
            // waits again: tryLock throws if interrupted
        }
    }

    @Override
    public boolean tryLock() {
        return map.tryLock(name);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return map.tryLock(name, Math.max(0, time), unit);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    @Override
    public void unlock() {
        map.unlock(name);
    }

    /**
     * Not supported: a cluster lock has no conditions.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("a cluster lock has no conditions; use a ClusterQueue to wait for work");
    }

    /**
     * The lock's name.
     *
     * @return its name in the cluster
     */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterLock[" + name + (locked() ? ", locked" : ", unlocked") + "]";
    }
}
