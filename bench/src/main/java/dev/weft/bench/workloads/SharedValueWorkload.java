package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.process.Process;
import dev.weft.process.ProcessBarrier;
import dev.weft.process.SharedValue;
import java.time.Duration;
import java.util.List;

/**
 * Two processes increment one shared integer under its lock, {@code with v.get_lock(): v.value += 1}
 * (Weft: {@code lock(); set(get() + 1); unlock()}), half of the increments each; the figure is
 * increments per second, for both processes together. Weft's {@link SharedValue#ofInt} with its
 * {@code ProcessRLock} against CPython's {@code multiprocessing.Value('i', 0)} with its lock (fork).
 *
 * <p>On both sides the two children are started before the clock, wait at a start barrier with
 * this process, and meet it again at an end barrier when done: the clock runs from the first
 * barrier to the second, so it measures the increments, not the processes' start or exit. Each
 * round checks that the total is exact. The JVM children are new JVMs each round, so before the
 * start barrier both run the same increment method {@value #WARM_UP} times on another shared value,
 * contended as the measured one will be, to have it compiled with its waiting paths, as a JVM
 * benchmark's warm-up would (a warm-up without contention left the lock's waiting code to be
 * compiled, and the fast path deoptimized, inside the clock); CPython has nothing to warm up.
 */
public final class SharedValueWorkload extends Workload {
    static final int PROCESSES = 2;
    static final int WARM_UP = 200_000;

    /** The {@code shared-value} workload. */
    public SharedValueWorkload() {
        super("shared-value", "increments/s", true);
    }

    @Override
    public String describe(long size) {
        return PROCESSES + " processes, " + size + " increments in all of one shared int under its lock";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "SharedValue.ofInt(0), getLock()"),
                Side.cpython("cpython", "multiprocessing.Value('i', 0), get_lock()", "bench_shared_value.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("shared-value", "weft", "cpython").withTarget(Target.ratioAtLeast(10, "issue 6")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython does about 600,000 locked increments a second here: 1,000,000 take it under two seconds.
        return quick
                ? new Settings(400_000, new Settings.Rounds(1, 3, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(1_000_000, new Settings.Rounds(2, 6, 2), new Settings.Rounds(1, 3, 2));
    }

    /** {@code with v.get_lock(): v.value += 1}, {@code n} times. */
    static void increment(SharedValue.OfInt v, int n) {
        var lock = v.getLock();
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                v.set(v.get() + 1);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public double measure(String sideId, long size) throws Exception {
        if (!sideId.equals("weft")) {
            throw new IllegalArgumentException("no JVM side " + sideId);
        }
        int each = Math.toIntExact(size / PROCESSES);
        try (SharedValue.OfInt v = SharedValue.ofInt(0); SharedValue.OfInt warm = SharedValue.ofInt(0);
                ProcessBarrier start = new ProcessBarrier(PROCESSES + 1); ProcessBarrier end = new ProcessBarrier(PROCESSES + 1)) {
            Process[] children = new Process[PROCESSES];
            for (int p = 0; p < PROCESSES; p++) {
                children[p] = new Process(() -> {
                    increment(warm, WARM_UP);
                    start.await(Duration.ofMinutes(2));
                    increment(v, each);
                    end.await(Duration.ofMinutes(2));
                });
                children[p].start();
            }
            start.await(Duration.ofMinutes(2));
            long t0 = System.nanoTime();
            end.await(Duration.ofMinutes(2));
            double rate = (double) each * PROCESSES / ((System.nanoTime() - t0) / 1e9);
            for (Process child : children) {
                child.join();
            }
            if (v.get() != each * PROCESSES) {
                throw new AssertionError("lost increments: " + v.get() + " of " + each * PROCESSES);
            }
            return rate;
        }
    }
}
