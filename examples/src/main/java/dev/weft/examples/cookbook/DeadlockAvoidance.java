package dev.weft.examples.cookbook;

import dev.weft.sync.LockOrderViolationException;
import dev.weft.sync.Locks;
import dev.weft.sync.NamedLock;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.5 "Locking with Deadlock Avoidance": the {@code acquire(*locks)} context
 * manager, which takes several locks in one global order and refuses a nested acquire against
 * that order; thread 1 takes {@code (x_lock, y_lock)} and thread 2 {@code (y_lock, x_lock)}, three
 * times each, without deadlock.
 *
 * <p>{@code acquire(*locks)} is {@link Locks#acquireAll}, used with try-with-resources. Python
 * sorts by {@code id(lock)}; Weft ranks a {@link NamedLock} by creation (any other lock the first
 * time {@code acquireAll} sees it), so both threads take {@code x_lock} first whatever order they
 * name them in, and neither can hold one while waiting for the other's. The seed's
 * {@code RuntimeError('Lock Order Violation')} for a nested acquire against the order is
 * {@link LockOrderViolationException}, thrown before anything is taken; the end of the example
 * shows it. The listing's threads are daemons that the notebook never joins; here they are
 * joined.
 *
 * <pre>{@code
 * Thread-1
 * Thread-1
 * Thread-1
 * Thread-2
 * Thread-2
 * Thread-2
 * nested acquire of y_lock while holding x_lock: ok
 * nested acquire of x_lock while holding y_lock: Lock Order Violation
 * }</pre>
 * (the six thread lines in any interleaving).
 */
public final class DeadlockAvoidance {
    private DeadlockAvoidance() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        NamedLock xLock = new NamedLock("x_lock");
        NamedLock yLock = new NamedLock("y_lock");

        Thread t1 = Thread.ofPlatform().daemon().name("Thread-1").start(() -> {
            int count = 0;
            while (true) {
                count += 1;
                try (var _ = Locks.acquireAll(xLock, yLock)) {
                    out.println("Thread-1");
                }
                if (count >= 3) {
                    break;
                }
            }
        });
        Thread t2 = Thread.ofPlatform().daemon().name("Thread-2").start(() -> {
            int count = 0;
            while (true) {
                count += 1;
                try (var _ = Locks.acquireAll(yLock, xLock)) {
                    out.println("Thread-2");
                }
                if (count >= 3) {
                    break;
                }
            }
        });
        t1.join();
        t2.join();

        // "make sure lock order of previously acquired locks is not violated"
        try (var _ = Locks.acquireAll(xLock)) {
            try (var _ = Locks.acquireAll(yLock)) {
                out.println("nested acquire of y_lock while holding x_lock: ok");
            }
        }
        try (var _ = Locks.acquireAll(yLock)) {
            try (var _ = Locks.acquireAll(xLock)) {
                out.println("nested acquire of x_lock while holding y_lock: ok");
            }
        } catch (LockOrderViolationException e) {
            out.println("nested acquire of x_lock while holding y_lock: Lock Order Violation");
        }
    }
}
