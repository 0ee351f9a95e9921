package dev.weft.examples.effective;

import dev.weft.sync.Locks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Effective Python, Item 38 "Use Lock to Prevent Data Races in Threads": five threads each
 * increment a shared {@code Counter} 10^5 times, first without a lock, then a
 * {@code LockingCounter} whose {@code increment} holds a {@code Lock}.
 *
 * <p>{@code self.count += offset} is a read, an add and a write, in Java as in Python: two
 * threads can read the same value and one increment is lost, so the first count is usually short
 * of 500000 (by how much depends on the machine, the JIT and luck). {@code threading.Lock} becomes
 * a {@link ReentrantLock}, and {@code with self.lock:} try-with-resources on {@link Locks#hold};
 * with it the count is exact. ({@code java.util.concurrent.atomic.AtomicLong} would be the
 * lock-free way.) The two counters share an interface, {@link Incrementer}, so that
 * {@code worker} and {@code runThreads} take either, as duck typing lets the book's do.
 *
 * <pre>{@code
 * Counter should be 500000, found 271838, time: 0.012
 * Locking Counter should be 500000, found 500000, time: 0.048
 * }</pre>
 */
public final class CounterDataRace {
    private CounterDataRace() {}

    /** The book's {@code how_many = 10**5}. */
    static final int HOW_MANY = 100_000;

    /** What {@code worker} needs of a counter. */
    public interface Incrementer {
        void increment(int offset);

        int count();
    }

    /** The book's {@code Counter}: no lock, so increments can be lost. */
    public static final class Counter implements Incrementer {
        private int count = 0;

        @Override
        public void increment(int offset) {
            count += offset;
        }

        @Override
        public int count() {
            return count;
        }
    }

    /** The book's {@code LockingCounter}. */
    public static final class LockingCounter implements Incrementer {
        private final ReentrantLock lock = new ReentrantLock();
        private int count = 0; // guarded by lock

        @Override
        public void increment(int offset) {
            try (var _ = Locks.hold(lock)) {
                count += offset;
            }
        }

        @Override
        public int count() {
            try (var _ = Locks.hold(lock)) {
                return count;
            }
        }
    }

    /** The type of {@code worker}, which {@code runThreads} runs in each thread. */
    @FunctionalInterface
    public interface Worker {
        void work(int sensorIndex, int howMany, Incrementer counter);
    }

    static void worker(int sensorIndex, int howMany, Incrementer counter) {
        for (int i = 0; i < howMany; i++) {
            counter.increment(1);
        }
    }

    static void runThreads(Worker func, int howMany, Incrementer counter) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int sensorIndex = i;
            Thread thread = Thread.ofPlatform().unstarted(() -> func.work(sensorIndex, howMany, counter));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Incrementer counter = new Counter();
        long start = System.nanoTime();
        runThreads(CounterDataRace::worker, HOW_MANY, counter);
        long end = System.nanoTime();
        out.println(String.format(Locale.ROOT, "Counter should be %d, found %d, time: %.3f",
                5 * HOW_MANY, counter.count(), (end - start) / 1e9));

        counter = new LockingCounter();
        start = System.nanoTime();
        runThreads(CounterDataRace::worker, HOW_MANY, counter);
        end = System.nanoTime();
        out.println(String.format(Locale.ROOT, "Locking Counter should be %d, found %d, time: %.3f",
                5 * HOW_MANY, counter.count(), (end - start) / 1e9));
    }
}
