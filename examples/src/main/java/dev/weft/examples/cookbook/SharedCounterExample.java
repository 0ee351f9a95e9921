package dev.weft.examples.cookbook;

import dev.weft.sync.Locks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python Cookbook, 12.4 "Locking Critical Sections": {@code SharedCounter}, whose
 * {@code incr(delta=1)} and {@code decr(delta=1)} change the value under a lock with
 * {@code with self._value_lock:}.
 *
 * <p>{@code threading.Lock()} becomes a {@link ReentrantLock} and {@code with} becomes
 * try-with-resources on {@link Locks#hold}; the default argument becomes an overload. The listing
 * only defines the class; here four threads call {@code incr()} and two call {@code decr()}, ten
 * thousand times each, at the same time, and not one update is lost.
 *
 * <pre>{@code
 * after 4 x 10000 incr() and 2 x 10000 decr(): value = 20000
 * }</pre>
 */
public final class SharedCounterExample {
    private SharedCounterExample() {}

    static final int TIMES = 10_000;

    /** The Cookbook's {@code SharedCounter}. */
    public static final class SharedCounter {
        private int value;
        private final ReentrantLock valueLock = new ReentrantLock();

        public SharedCounter() {
            this(0);
        }

        public SharedCounter(int initialValue) {
            this.value = initialValue;
        }

        public void incr() {
            incr(1);
        }

        public void incr(int delta) {
            try (var _ = Locks.hold(valueLock)) {
                value += delta;
            }
        }

        public void decr() {
            decr(1);
        }

        public void decr(int delta) {
            try (var _ = Locks.hold(valueLock)) {
                value -= delta;
            }
        }

        /** The current value (Python reads {@code _value} directly). */
        public int value() {
            try (var _ = Locks.hold(valueLock)) {
                return value;
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        SharedCounter counter = new SharedCounter();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < TIMES; n++) {
                    counter.incr();
                }
            }));
        }
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < TIMES; n++) {
                    counter.decr();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println("after 4 x " + TIMES + " incr() and 2 x " + TIMES + " decr(): value = " + counter.value());
    }
}
