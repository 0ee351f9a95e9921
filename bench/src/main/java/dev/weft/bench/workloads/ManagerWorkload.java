package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.process.DictProxy;
import dev.weft.process.Manager;
import java.util.List;

/**
 * Writes through a manager's dict proxy: {@code dict[i % 100] = i} for every {@code i}, one call
 * and one round trip to the manager's server each; the figure is writes per second. Weft's
 * {@link Manager#start()} (a server in a child JVM, on a Unix-domain socket) against CPython's
 * {@code multiprocessing.Manager()} (a forked server process, on a Unix-domain socket too).
 *
 * <p>On both sides the manager and its dict are made once per measuring process, in the first
 * (warm-up) round, outside the clock, and kept until the process exits. On both sides each write
 * waits for the server's reply ({@code put} returns the value it replaced; Python's
 * {@code __setitem__} waits for its reply too).
 */
public final class ManagerWorkload extends Workload {
    static final int KEYS = 100;

    private static Manager manager;
    private static DictProxy<Integer, Integer> dict;

    /** The {@code manager} workload. */
    public ManagerWorkload() {
        super("manager", "writes/s", true);
    }

    @Override
    public String describe(long size) {
        return size + " writes dict[i % " + KEYS + "] = i through a manager's dict proxy; manager made before the clock";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "dev.weft.process.Manager.start().dict()"),
                Side.cpython("cpython", "multiprocessing.Manager().dict()", "bench_manager.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("manager", "weft", "cpython").withTarget(Target.ratioAtLeast(4, "issue 6")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython makes about 15,000 writes/s here: 20,000 take it a little over a second.
        return quick
                ? new Settings(10_000, new Settings.Rounds(3, 5, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(20_000, new Settings.Rounds(5, 10, 2), new Settings.Rounds(1, 3, 2));
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        if (!sideId.equals("weft")) {
            throw new IllegalArgumentException("no JVM side " + sideId);
        }
        int n = Math.toIntExact(size);
        DictProxy<Integer, Integer> d = dict();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            d.put(i % KEYS, i);
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (d.size() != Math.min(n, KEYS) || d.get((n - 1) % KEYS) != n - 1) {
            throw new AssertionError("the dict does not hold the last writes: " + d);
        }
        return rate;
    }

    private static synchronized DictProxy<Integer, Integer> dict() throws InterruptedException {
        if (manager == null) {
            manager = Manager.start();
            dict = manager.dict();
        }
        return dict;
    }
}
