package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A thread pool of two workers: submit every {@code add(a)} (which returns {@code a + a}), then
 * collect every result; the figure is tasks per second. Weft's {@code ThreadPoolExecutor} against
 * the JDK's ({@code Executors.newFixedThreadPool(2)}) and CPython's
 * {@code concurrent.futures.ThreadPoolExecutor(max_workers=2)}. The executor is made before the
 * clock starts and shut down after it stops, on every side; its threads start within the round.
 */
public final class ThreadPoolWorkload extends Workload {

    static final int WORKERS = 2;

    /** The {@code thread-pool} workload. */
    public ThreadPoolWorkload() {
        super("thread-pool", "tasks/s", true);
    }

    @Override
    public String describe(long size) {
        return WORKERS + " workers; submit " + size + " tasks of a + a, then collect every result";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "dev.weft.futures.ThreadPoolExecutor(2)"),
                Side.jvm("jdk", "jdk", "Executors.newFixedThreadPool(2)"),
                Side.cpython("cpython", "concurrent.futures.ThreadPoolExecutor(max_workers=2)",
                        "bench_thread_pool.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("thread-pool", "weft", "cpython").withTarget(Target.ratioAtLeast(20, "issue 3")),
                new Comparison("thread-pool", "weft", "jdk").withTarget(Target.ratioAtLeast(0.9, "issue 3")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython runs about 70,000 tasks/s: 500,000 tasks take it 7 s a round, the JVM 0.1 s.
        return quick
                ? new Settings(200_000, new Settings.Rounds(5, 10, 1), new Settings.Rounds(0, 1, 1))
                : new Settings(500_000, new Settings.Rounds(5, 20, 3), new Settings.Rounds(1, 2, 3));
    }

    static int add(int a) {
        return a + a;
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException, ExecutionException {
        int n = Math.toIntExact(size);
        ExecutorService executor = switch (sideId) {
            case "weft" -> new dev.weft.futures.ThreadPoolExecutor(WORKERS);
            case "jdk" -> Executors.newFixedThreadPool(WORKERS);
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
        try {
            List<Future<Integer>> futures = new ArrayList<>(n);
            long start = System.nanoTime();
            for (int a = 0; a < n; a++) {
                int x = a;
                futures.add(executor.submit(() -> add(x)));
            }
            long total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            if (total != (long) n * (n - 1)) {
                throw new AssertionError("wrong sum of results: " + total);
            }
            return rate;
        } finally {
            executor.shutdown();
        }
    }
}
