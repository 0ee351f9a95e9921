package dev.weft.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.weft.cluster.internal.ChangeWaiter;
import dev.weft.cluster.internal.Permits;
import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A counting semaphore shared by every process of a cluster: Python's {@code Semaphore} (and, with
 * {@link #releaseBounded}, {@code BoundedSemaphore}). Made by {@link Cluster#semaphore(String, int)};
 * every view of the same name is the same semaphore.
 *
 * <p>Permits are held by a process (a member or a client), not by a thread. When a member leaves
 * the cluster (killed included), the permits it held are given back by the other processes that
 * have the semaphore open, so a dead holder never starves the rest. Permits of a client that
 * disconnects are not given back: close the client's permits before it goes, or size the
 * semaphore for it.
 *
 * <p><b>Consistency, honestly.</b> Hazelcast's open-source edition has no consensus-based (CP)
 * semaphore. This one is kept in one entry of a Hazelcast map, changed atomically on the member
 * that owns the entry and copied to a backup. It is exact while the cluster is whole; if the
 * entry's owner and its backup die at once, or the network splits the cluster, the count can be
 * wrong afterwards.
 *
 * <p>Waiting acquirers are woken by the entry's change events, and check again at least every
 * 200 ms in case an event is missed; which waiter gets a released permit is not defined (no
 * fairness).
 */
public final class ClusterSemaphore {
    /** The map that holds every cluster semaphore's state, by semaphore name. */
    static final String SEMAPHORES = "weft.semaphores";

    private final IMap<String, Permits.State> map;
    private final String name;
    private final UUID self;

    ClusterSemaphore(HazelcastInstance hz, String name, int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be at least 0: " + permits);
        }
        this.map = hz.getMap(SEMAPHORES);
        this.name = name;
        this.self = hz.getLocalEndpoint().getUuid();
        map.putIfAbsent(name, new Permits.State(permits, Map.of()));
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {}

            @Override
            public void memberRemoved(MembershipEvent e) {
                try {
                    map.executeOnKey(name, new Permits.ReleaseAll(e.getMember().getUuid()));
                } catch (RuntimeException ignored) {
                    // this process is leaving too: the processes that stay give the permits back
                }
            }
        });
    }

    /**
     * Takes a permit, waiting until one is free: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        acquire(1, -1);
    }

    /**
     * Takes a permit, waiting at most {@code timeout}: Python's {@code acquire(timeout=)}.
     *
     * @param timeout how long to wait at most
     * @return whether a permit was taken
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return acquire(1, Timeouts.toNanos(timeout));
    }

    /**
     * Takes {@code permits} permits at once, waiting at most {@code timeout}.
     *
     * @param permits how many, at least 1
     * @param timeout how long to wait at most
     * @return whether they were taken
     * @throws IllegalArgumentException if {@code permits} is less than 1 or {@code timeout} negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean acquire(int permits, Duration timeout) throws InterruptedException {
        return acquire(checked(permits), Timeouts.toNanos(timeout));
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        return map.executeOnKey(name, new Permits.Acquire(1, self));
    }

    private boolean acquire(int n, long nanos) throws InterruptedException {
        Permits.Acquire take = new Permits.Acquire(n, self);
        return ChangeWaiter.await(map, name, () -> map.executeOnKey(name, take), nanos);
    }

    /** Gives back one permit: Python's {@code release()}. More releases than acquires add permits, as in Python. */
    public void release() {
        release(1);
    }

    /**
     * Gives back {@code permits} permits.
     *
     * @param permits how many, at least 1
     * @throws IllegalArgumentException if {@code permits} is less than 1
     */
    public void release(int permits) {
        map.executeOnKey(name, new Permits.Release(checked(permits), self, false));
    }

    /**
     * Gives back one permit this process holds: Python's {@code BoundedSemaphore.release()}.
     *
     * @throws IllegalStateException if this process holds none (Python's {@code ValueError})
     */
    public void releaseBounded() {
        if (map.executeOnKey(name, new Permits.Release(1, self, true)) < 0) {
            throw new IllegalStateException("semaphore " + name + " released more times than this process acquired it");
        }
    }

    /**
     * The permits free now.
     *
     * @return how many permits an acquire could take now
     */
    public int availablePermits() {
        Permits.State s = map.get(name);
        return s == null ? 0 : s.available();
    }

    /**
     * The semaphore's name.
     *
     * @return its name in the cluster
     */
    public String name() {
        return name;
    }

    private static int checked(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1: " + permits);
        }
        return permits;
    }

    @Override
    public String toString() {
        return "ClusterSemaphore[" + name + ", available=" + availablePermits() + "]";
    }
}
