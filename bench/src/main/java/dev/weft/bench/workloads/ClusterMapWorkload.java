package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Workload;
import dev.weft.cluster.Cluster;
import dev.weft.cluster.ClusterPool;
import dev.weft.cluster.Worker;
import dev.weft.process.Pool;
import dev.weft.process.TaskPool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 9's benchmark: the same map ({@code x -> x + x} over {@code range(n)}, chunks of
 * {@value #CHUNK}) on the local {@link Pool} of 2 worker JVMs and on a {@link ClusterPool} with 1, 2
 * and 3 local worker members (2 threads each), beside CPython's {@code multiprocessing.Pool(2)};
 * the figure is items per second. Everything runs on this one machine, so the members share its
 * cores: the figures show the cost of the cluster's path (Hazelcast's executor service, a member
 * per JVM), not what more machines would add.
 *
 * <p>Each measuring JVM makes its pool (and, for the cluster sides, joins as a lite member and
 * starts its worker members, waiting until they have joined) in its first, warm-up round, outside
 * the clock. The clock covers the whole {@code map} call.
 */
public final class ClusterMapWorkload extends Workload {
    static final int CHUNK = 100;
    static final int THREADS_PER_MEMBER = 2;

    private static TaskPool pool;

    /** The {@code cluster-map} workload. */
    public ClusterMapWorkload() {
        super("cluster-map", "items/s", true);
    }

    @Override
    public String describe(long size) {
        return "map(x -> x + x, range(" + size + "), " + CHUNK + "): local Pool(2) and ClusterPool with 1-3 local"
                + " members of " + THREADS_PER_MEMBER + " threads; pools made before the clock";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft-local", "weft", "Pool(2).map(add, range(n), 100)"),
                Side.jvm("weft-cluster-1", "weft", "ClusterPool, 1 member: map(add, range(n), 100)"),
                Side.jvm("weft-cluster-2", "weft", "ClusterPool, 2 members: map(add, range(n), 100)"),
                Side.jvm("weft-cluster-3", "weft", "ClusterPool, 3 members: map(add, range(n), 100)"),
                Side.cpython("cpython-100", "multiprocessing.Pool(2).map(add, range(n), 100)", "bench_pool_map.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("cluster-map/local-pool", "weft-local", "cpython-100"),
                new Comparison("cluster-map/1-member", "weft-cluster-1", "cpython-100"),
                new Comparison("cluster-map/2-members", "weft-cluster-2", "cpython-100"),
                new Comparison("cluster-map/3-members", "weft-cluster-3", "cpython-100"));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython maps about 1.5 million items/s with chunks of 100: 2,000,000 items make a round of
        // about a second and a half for it.
        return quick
                ? new Settings(500_000, new Settings.Rounds(2, 3, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(2_000_000, new Settings.Rounds(3, 5, 1), new Settings.Rounds(1, 3, 1));
    }

    @Override
    public List<String> jvmOptions(long size) {
        return Worker.JVM_OPTIONS;
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        return PoolMapWorkload.timedMap(pool(sideId), Math.toIntExact(size), CHUNK);
    }

    private static synchronized TaskPool pool(String sideId) throws InterruptedException {
        if (pool != null) {
            return pool;
        }
        if (sideId.equals("weft-local")) {
            pool = new Pool(2);
            return pool;
        }
        int members = switch (sideId) {
            case "weft-cluster-1" -> 1;
            case "weft-cluster-2" -> 2;
            case "weft-cluster-3" -> 3;
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
        Logger.getLogger("com.hazelcast").setLevel(Level.SEVERE);
        String name = "weft-bench-" + UUID.randomUUID();
        Cluster cluster = Cluster.builder().name(name).port(0).liteMember(true).member();
        String address = cluster.localMember().orElseThrow().address();
        for (int i = 0; i < members; i++) {
            Worker.spawn(name, address, THREADS_PER_MEMBER, Level.SEVERE);
        }
        if (!cluster.awaitWorkers(members, Duration.ofSeconds(120))) {
            throw new IllegalStateException(members + " worker members did not join within two minutes");
        }
        pool = cluster.pool();
        return pool;
    }
}
