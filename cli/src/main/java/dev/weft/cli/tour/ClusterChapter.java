package dev.weft.cli.tour;

import dev.weft.cluster.Cluster;
import dev.weft.cluster.ClusterDict;
import dev.weft.cluster.ClusterPool;
import dev.weft.cluster.Worker;
import dev.weft.process.PoolIterator;
import dev.weft.process.Process;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * {@code dev.weft.cluster}: two worker members on this machine, a map across them, the dict they
 * share, and a member killed in the middle of a map with nothing lost.
 */
final class ClusterChapter implements Chapter {
    static final int ITEMS = 20_000;

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String title() {
        return "two local Hazelcast members, a map across them, a member killed mid-map, nothing lost";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        String name = "weft-tour-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        // A member killed on purpose makes the others log warnings with stack traces: not news here.
        Logger hazelcast = Logger.getLogger("com.hazelcast");
        Level level = hazelcast.getLevel();
        hazelcast.setLevel(Level.SEVERE);
        try {
            run(out, name, t0);
        } finally {
            hazelcast.setLevel(level);
        }
    }

    private void run(PrintWriter out, String name, long t0) throws Exception {
        // This JVM joins as a lite member: it holds no data and runs no tasks; the two workers do.
        try (Cluster cluster = Cluster.builder().name(name).port(0).liteMember(true).member()) {
            String address = cluster.localMember().orElseThrow().address();
            List<Process> workers = List.of(Worker.spawn(name, address, 2, Level.SEVERE),
                    Worker.spawn(name, address, 2, Level.SEVERE));
            if (!cluster.awaitWorkers(2, Duration.ofSeconds(60))) {
                throw new IllegalStateException("the two worker members did not join within a minute");
            }
            out.printf("cluster %s...: this JVM and 2 worker members (pids %d, %d), joined in %.1f s%n",
                    name.substring(0, 18), workers.get(0).pid(), workers.get(1).pid(), (System.nanoTime() - t0) / 1e9);

            List<Integer> items = IntStream.range(0, ITEMS).boxed().toList();
            try (ClusterPool pool = cluster.pool()) {
                long t = System.nanoTime();
                List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), items, 100);
                Map<Long, Integer> perMember = new TreeMap<>();
                pids.forEach(p -> perMember.merge(p, 1, Integer::sum));
                out.printf("pool.map over %,d items, chunks of 100: %.2f s; items per member pid: %s%n", ITEMS,
                        (System.nanoTime() - t) / 1e9, perMember);

                String dictName = "tour-squares";
                pool.map(x -> {
                    Cluster.current().<Integer, Integer>dict(dictName).put(x, x * x);
                    return x;
                }, IntStream.range(0, 100).boxed().toList(), 10);
                ClusterDict<Integer, Integer> squares = cluster.dict(dictName);
                out.printf("the members wrote a ClusterDict; this JVM reads %d entries, squares.get(12) = %d%n",
                        squares.size(), squares.get(12));

                List<Integer> results = new ArrayList<>(ITEMS);
                long t2 = System.nanoTime();
                Process victim = workers.get(1);
                try (PoolIterator<Integer> it = pool.imap(x -> x * 2, items, 50)) {
                    for (Integer r : it) {
                        results.add(r);
                        if (results.size() == ITEMS / 2) {
                            victim.kill(); // SIGKILL, half-way through
                        }
                    }
                }
                boolean exact = results.equals(items.stream().map(x -> x * 2).toList());
                out.printf("imap of %,d items with member %d killed (SIGKILL) half-way: %,d results, in order and"
                        + " each once: %s (%.2f s); workers left: %d%n", ITEMS, victim.pid(), results.size(), exact,
                        (System.nanoTime() - t2) / 1e9, cluster.workers().size());
                if (!exact) {
                    throw new IllegalStateException("results were lost or duplicated");
                }
            }
            for (Process w : workers) {
                w.kill();
            }
        }
    }
}
