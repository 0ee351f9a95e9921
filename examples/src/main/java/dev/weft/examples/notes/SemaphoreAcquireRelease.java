package dev.weft.examples.notes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Semaphore", first listing:
 * {@code semaphore = threading.Semaphore()}, then {@code acquire()} (decrements the counter),
 * access to the shared resource, {@code release()}.
 *
 * <p>{@code threading.Semaphore()} has one permit; its Java counterpart is
 * {@code new java.util.concurrent.Semaphore(1)}, with the same {@code acquire()} and
 * {@code release()}, released in {@code finally}. Three threads take turns: each sees the counter
 * at 0 while it holds the permit.
 *
 * <pre>{@code
 * Thread-1 holds the permit; permits left: 0
 * Thread-2 holds the permit; permits left: 0
 * Thread-3 holds the permit; permits left: 0
 * }</pre>
 * (the threads in any order).
 */
public final class SemaphoreAcquireRelease {
    private SemaphoreAcquireRelease() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Semaphore semaphore = new Semaphore(1); // threading.Semaphore(): one permit
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "Thread-" + i;
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    semaphore.acquire(); // decrements the counter
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    // ... access the shared resource
                    out.println(name + " holds the permit; permits left: " + semaphore.availablePermits());
                } finally {
                    semaphore.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
