package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.function.ThrowingFunction;
import dev.weft.process.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A process pool of two workers, as {@link ThreadPoolWorkload} does it with threads: submit every
 * {@code add(a)} (which returns {@code a + a}), then collect every result; the figure is tasks per
 * second. Weft's {@link ProcessPoolExecutor}{@code (2)} against CPython's
 * {@code concurrent.futures.ProcessPoolExecutor(max_workers=2)} (fork on Linux).
 *
 * <p>Unlike the thread pool's, the executor is made once per measuring process, in its first
 * (warm-up) round, and kept: starting two JVMs (or forking two interpreters) inside the clock
 * would measure start-up, which {@code process-start} measures. It lives until the process exits
 * (daemon threads; the workers exit with their parent). On both sides each task is its own
 * submission with its own future and its own round trip to a worker; nothing is batched by the
 * caller.
 */
public final class ProcessExecutorWorkload extends Workload {

    static final int WORKERS = 2;

    private static ProcessPoolExecutor executor;

    /** The {@code process-executor} workload. */
    public ProcessExecutorWorkload() {
        super("process-executor", "tasks/s", true);
    }

    @Override
    public String describe(long size) {
        return WORKERS + " worker processes; submit " + size
                + " tasks of a + a, then collect every result; executor made before the clock";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "dev.weft.process.ProcessPoolExecutor(2)"),
                Side.cpython("cpython", "concurrent.futures.ProcessPoolExecutor(max_workers=2)",
                        "bench_process_executor.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("process-executor", "weft", "cpython").withTarget(Target.ratioAtLeast(10, "issue 5")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython runs about 11,000 tasks/s: 20,000 tasks take it about 2 s a round.
        return quick
                ? new Settings(10_000, new Settings.Rounds(3, 5, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(20_000, new Settings.Rounds(5, 10, 2), new Settings.Rounds(1, 3, 2));
    }

    /** The task: the same as CPython's {@code add}. */
    static final ThrowingFunction<Integer, Integer> ADD = a -> a + a;

    @Override
    public double measure(String sideId, long size) throws InterruptedException, ExecutionException {
        if (!sideId.equals("weft")) {
            throw new IllegalArgumentException("no JVM side " + sideId);
        }
        int n = Math.toIntExact(size);
        ProcessPoolExecutor ex = executor();
        List<Future<Integer>> futures = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int a = 0; a < n; a++) {
            futures.add(ex.submit(ADD, a));
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
    }

    private static synchronized ProcessPoolExecutor executor() {
        if (executor == null) {
            executor = new ProcessPoolExecutor(WORKERS);
        }
        return executor;
    }
}
