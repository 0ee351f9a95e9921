package dev.weft.examples.notes;

import dev.weft.sync.BoundedSemaphore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Semaphore", third listing:
 * {@code with semaphore: some code}.
 *
 * <p>{@code with semaphore:} becomes try-with-resources on {@link BoundedSemaphore#hold()}, which
 * acquires a permit and gives it back when the block ends. (For a JDK
 * {@link java.util.concurrent.Semaphore}, {@link dev.weft.sync.Locks#hold(java.util.concurrent.Semaphore)}
 * does the same.) Five threads run "some code" under the notes' three-permit semaphore; afterwards
 * all three permits are free again.
 *
 * <pre>{@code
 * Thread-1 runs some code
 * ... (Thread-2 to Thread-5, in any order)
 * permits free after the with blocks: 3 of 3
 * }</pre>
 */
public final class SemaphoreWithStatement {
    private SemaphoreWithStatement() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(3);
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "Thread-" + i;
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                try (var _ = semaphore.hold()) { // with semaphore:
                    out.println(name + " runs some code"); //     some code
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println("permits free after the with blocks: " + semaphore.availablePermits()
                + " of " + semaphore.maxPermits());
    }
}
