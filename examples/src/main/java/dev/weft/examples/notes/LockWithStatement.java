package dev.weft.examples.notes;

import dev.weft.sync.Locks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Lock": {@code with lock:} around access to
 * a shared resource, and the notes' warning about an exception between {@code acquire()} and
 * {@code release()}.
 *
 * <p>{@code threading.Lock()} becomes a {@link ReentrantLock}; {@code with lock:} becomes
 * try-with-resources on {@link Locks#hold}, which takes the lock and releases it however the block
 * ends: the {@code try/finally} the notes recommend, written once. Four threads append to a shared
 * list inside the block, so none of the 4,000 appends is lost; then a block that throws shows the
 * lock released anyway.
 *
 * <pre>{@code
 * 4 threads appended 4000 items under the lock
 * the block threw "something went wrong"; lock still held: false
 * }</pre>
 */
public final class LockWithStatement {
    private LockWithStatement() {}

    static final int THREADS = 4;
    static final int ITEMS_PER_THREAD = 1_000;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        List<Integer> shared = new ArrayList<>(); // the shared resource; guarded by lock

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                    try (var _ = Locks.hold(lock)) { // with lock:
                        shared.add(i); //     access shared resources
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        try (var _ = Locks.hold(lock)) {
            out.println(THREADS + " threads appended " + shared.size() + " items under the lock");
        }

        // "if an exception occurs between lock.acquire and lock.release(), we may never release
        // the lock": not with the guard.
        try (var _ = Locks.hold(lock)) {
            throw new IllegalStateException("something went wrong");
        } catch (IllegalStateException e) {
            out.println("the block threw \"" + e.getMessage() + "\"; lock still held: " + lock.isLocked());
        }
    }
}
