package dev.weft.examples.notes;

import dev.weft.sync.Barrier;
import dev.weft.sync.BoundedSemaphore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Semaphore", second listing:
 * {@code semaphore = threading.BoundedSemaphore(num_permits)} with {@code num_permits = 3}, so
 * that "up to 3 threads can access the shared resource".
 *
 * <p>{@code threading.BoundedSemaphore} becomes {@link BoundedSemaphore}, with the same
 * {@code acquire()} and {@code release()}. Nine threads ask for the resource; a counter records
 * how many are inside at once. So that the output does not depend on timing, each thread inside
 * waits at a three-party {@link Barrier} until three are inside together: the most ever inside is
 * then exactly 3, never more. What makes the semaphore bounded: a {@code release()} without an
 * {@code acquire()} is an error ({@code ValueError} in Python, {@link IllegalStateException}
 * here) instead of quietly raising the count to 4.
 *
 * <pre>{@code
 * 9 threads used the resource; most inside at once: 3
 * release() once too often: IllegalStateException: BoundedSemaphore released too many times: ...
 * }</pre>
 */
public final class BoundedSemaphoreLimit {
    private BoundedSemaphoreLimit() {}

    static final int NUM_PERMITS = 3;
    static final int THREADS = 9; // a multiple of NUM_PERMITS, so that every barrier round fills

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(NUM_PERMITS);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Barrier threeInside = new Barrier(NUM_PERMITS, Duration.ofSeconds(10));

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    semaphore.acquire(); // decrements the counter
                    try {
                        // ... up to 3 threads can access the shared resource
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        threeInside.await();
                        inside.decrementAndGet();
                    } finally {
                        semaphore.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (BrokenBarrierException e) {
                    out.println("barrier broken: " + e.getMessage());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println(THREADS + " threads used the resource; most inside at once: " + mostInside.get());

        try {
            semaphore.release(); // one release more than acquires
        } catch (IllegalStateException e) {
            out.println("release() once too often: IllegalStateException: " + e.getMessage());
        }
    }
}
