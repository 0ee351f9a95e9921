package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.sync.Locks;
import dev.weft.sync.NamedLock;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Effective Python's Item 38: five threads increment one counter under a lock; the figure is
 * increments per second. Weft's idiom ({@code try (var _ = Locks.hold(lock))}) against the
 * JDK's ({@code lock(); try ... finally unlock()}) and CPython's {@code with lock:}.
 */
public final class LockWorkload extends Workload {

    static final int THREADS = 5;

    /** The {@code lock} workload. */
    public LockWorkload() {
        super("lock", "increments/s", true);
    }

    @Override
    public String describe(long size) {
        return THREADS + " threads increment one counter under one lock, " + size + " increments in all";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Locks.hold(ReentrantLock)"),
                Side.jvm("weft-named", "weft", "Locks.hold(NamedLock), recorder off"),
                Side.jvm("jdk", "jdk", "ReentrantLock lock/try/finally unlock"),
                Side.cpython("cpython", "with threading.Lock()", "bench_lock.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("lock", "weft", "cpython").withTarget(Target.ratioAtLeast(20, "issue 2")),
                new Comparison("lock", "weft", "jdk").withTarget(Target.ratioAtLeast(0.95, "issue 2")));
    }

    @Override
    public Settings settings(boolean quick) {
        return quick
                ? new Settings(2_000_000, new Settings.Rounds(5, 10, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(10_000_000, new Settings.Rounds(5, 10, 3), new Settings.Rounds(1, 3, 3));
    }

    /** The seed's LockingCounter, with Weft's guard. */
    static final class GuardedCounter {
        private final Lock lock;
        long count;

        GuardedCounter(Lock lock) {
            this.lock = lock;
        }

        void increment(int offset) {
            try (var _ = Locks.hold(lock)) {
                count += offset;
            }
        }
    }

    /** The same counter written the JDK's way. */
    static final class PlainCounter {
        private final ReentrantLock lock = new ReentrantLock();
        long count;

        void increment(int offset) {
            lock.lock();
            try {
                count += offset;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        int each = Math.toIntExact(size / THREADS);
        Runnable work;
        java.util.function.LongSupplier total;
        switch (sideId) {
            case "weft", "weft-named" -> {
                var c = new GuardedCounter(sideId.equals("weft") ? new ReentrantLock() : new NamedLock("counter"));
                work = () -> {
                    for (int i = 0; i < each; i++) {
                        c.increment(1);
                    }
                };
                total = () -> c.count;
            }
            case "jdk" -> {
                var c = new PlainCounter();
                work = () -> {
                    for (int i = 0; i < each; i++) {
                        c.increment(1);
                    }
                };
                total = () -> c.count;
            }
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        }
        Thread[] threads = new Thread[THREADS];
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(work);
        }
        for (Thread t : threads) {
            t.join();
        }
        double rate = (double) each * THREADS / ((System.nanoTime() - start) / 1e9);
        if (total.getAsLong() != (long) each * THREADS) {
            throw new AssertionError("lost increments under a lock: " + total.getAsLong());
        }
        return rate;
    }
}
