package dev.weft.examples.notes;

import dev.weft.process.Process;
import dev.weft.process.SharedArray;
import dev.weft.process.SharedValue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001 (notes "Concurrency in Python"), "Sharing State Between Processes", shared memory:
 * {@code multiprocessing.Value(typecode, *args, lock=True)} and {@code multiprocessing.Array}. The
 * notes give only the signatures; this is the usual use of both: four processes each add 1,000 to a
 * shared counter under its lock, and each fills its own slot of a shared array of doubles.
 *
 * <p>{@code Value('i', 0)} is {@link SharedValue#ofInt(int)}, {@code Array('d', 4)}
 * {@link SharedArray#ofDouble(int)}: memory mapped by every process that is handed them (here,
 * captured by each {@link Process}'s target). {@code with counter.get_lock(): counter.value += 1}
 * becomes {@code lock()}/{@code unlock()} around {@code set(get() + 1)}, which is not atomic without
 * the lock; {@code addAndGet(1)} would be, without one.
 *
 * <pre>{@code
 * counter: 4000
 * array: [0.0, 1.5, 3.0, 4.5]
 * }</pre>
 */
public final class SharedMemoryValueArray {
    private SharedMemoryValueArray() {}

    static final int PROCESSES = 4;
    static final int ADDS = 1_000;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(PrintStream out) throws InterruptedException {
        try (SharedValue.OfInt counter = SharedValue.ofInt(0); // Value('i', 0)
                SharedArray.OfDouble array = SharedArray.ofDouble(PROCESSES)) { // Array('d', 4)
            List<Process> procs = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                int slot = p;
                Process child = new Process(() -> {
                    for (int i = 0; i < ADDS; i++) {
                        counter.getLock().lock(); // with counter.get_lock():
                        try {
                            counter.set(counter.get() + 1);
                        } finally {
                            counter.getLock().unlock();
                        }
                    }
                    array.set(slot, slot * 1.5);
                });
                child.start();
                procs.add(child);
            }
            for (Process child : procs) {
                child.join();
            }
            out.println("counter: " + counter.get());
            out.println("array: " + array.toList());
        }
    }
}
