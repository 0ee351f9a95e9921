package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.function.ThrowingFunction;
import dev.weft.process.Pool;
import dev.weft.process.TaskPool;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * {@code Pool(2).map(add, range(n), chunksize)}, where {@code add(x)} returns {@code x + x}; the
 * figure is items per second. Weft's {@link Pool} against CPython's {@code multiprocessing.Pool}
 * (its default start method on Linux, {@code fork}), with chunks of 1 item and of 10,000 items.
 *
 * <p>The pool is made once per measuring process, in its first (warm-up) round, outside the clock,
 * on both sides: a warm pool, as a program that maps many times has. It lives until the process
 * exits (its threads are daemons; the workers exit when the parent does). The clock covers the
 * whole {@code map} call: cutting the input into chunks, sending them, the workers' work, and
 * collecting the results into one list.
 *
 * <p>Sizes: a round maps {@code size} items with chunks of 1 and {@link #LARGE_CHUNK_FACTOR} times
 * {@code size} items with chunks of 10,000 (a chunk of 10,000 moves items about a hundred times
 * faster, and {@code size} items would be a handful of chunks); the same on both sides. The input
 * is a {@code range}: a list view computing its items, like Python's {@code range}.
 */
public final class PoolMapWorkload extends Workload {

    static final int PROCESSES = 2;
    static final int LARGE_CHUNK = 10_000;
    /** How many more items a round maps with chunks of 10,000 than with chunks of 1. */
    static final int LARGE_CHUNK_FACTOR = 50;

    /** The pool of this measuring process, made by its first round. */
    private static Pool pool;

    /** The {@code pool-map} workload. */
    public PoolMapWorkload() {
        super("pool-map", "items/s", true);
    }

    @Override
    public String describe(long size) {
        return "Pool(" + PROCESSES + ").map(x -> x + x, range(n), chunksize): n = " + size + " with chunksize 1, "
                + size * LARGE_CHUNK_FACTOR + " with chunksize " + LARGE_CHUNK + "; pool made before the clock";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft-1", "weft", "Pool(2).map(add, range(n), 1)"),
                Side.jvm("weft-10000", "weft", "Pool(2).map(add, range(n), 10000)"),
                Side.cpython("cpython-1", "multiprocessing.Pool(2).map(add, range(n), 1)", "bench_pool_map.py"),
                Side.cpython("cpython-10000", "multiprocessing.Pool(2).map(add, range(n), 10000)",
                        "bench_pool_map.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("pool-map/chunksize-1", "weft-1", "cpython-1")
                        .withTarget(Target.ratioAtLeast(10, "issue 5")),
                new Comparison("pool-map/chunksize-10000", "weft-10000", "cpython-10000")
                        .withTarget(Target.ratioAtLeast(2, "issue 5")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython maps about 70,000 items/s with chunks of 1 and 11 million with chunks of 10,000:
        // 100,000 and 5,000,000 items make rounds of about 1.5 and 0.5 s for it.
        return quick
                ? new Settings(40_000, new Settings.Rounds(3, 5, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(100_000, new Settings.Rounds(5, 10, 2), new Settings.Rounds(1, 3, 2));
    }

    /** The function every item goes through: the same as CPython's {@code add}. */
    static final ThrowingFunction<Integer, Integer> ADD = x -> x + x;

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        int chunksize = switch (sideId) {
            case "weft-1" -> 1;
            case "weft-10000" -> LARGE_CHUNK;
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
        int n = Math.toIntExact(chunksize == 1 ? size : size * LARGE_CHUNK_FACTOR);
        return timedMap(pool(), n, chunksize);
    }

    /**
     * Maps {@link #ADD} over {@code range(n)} on {@code pool} with {@code chunksize}, checks every
     * result (their sum), and returns items per second; the clock covers the whole {@code map} call.
     */
    static double timedMap(TaskPool pool, int n, int chunksize) throws InterruptedException {
        List<Integer> items = new Range(n);
        long start = System.nanoTime();
        List<Integer> results = pool.map(ADD, items, chunksize);
        double rate = n / ((System.nanoTime() - start) / 1e9);
        long total = 0;
        for (int r : results) {
            total += r;
        }
        if (results.size() != n || total != (long) n * (n - 1)) {
            throw new AssertionError("wrong results: " + results.size() + " items, sum " + total);
        }
        return rate;
    }

    private static synchronized Pool pool() {
        if (pool == null) {
            pool = new Pool(PROCESSES);
        }
        return pool;
    }

    /** {@code range(n)}: the ints 0 to n - 1, computed on demand. */
    static final class Range extends AbstractList<Integer> implements RandomAccess {
        private final int n;

        Range(int n) {
            this.n = n;
        }

        @Override
        public Integer get(int index) {
            java.util.Objects.checkIndex(index, n);
            return index;
        }

        @Override
        public int size() {
            return n;
        }
    }
}
