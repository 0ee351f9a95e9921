package dev.weft.examples.recipes;

import java.io.PrintStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-2 "Using Locks", Listing 10-2 "Creating
 * a Lock Object": a thread adds 1 to a shared sum under a lock; then the non-blocking acquire the
 * text describes ({@code acquire(blocking=False)}).
 *
 * <p>{@code threading.Lock()} becomes a {@link ReentrantLock}; {@code acquire()}/{@code release()}
 * become {@code lock()} and {@code unlock()} in {@code try/finally} (or
 * {@link dev.weft.sync.Locks#hold} with try-with-resources); {@code acquire(blocking=False)} is
 * {@link ReentrantLock#tryLock()}, which returns at once with whether it got the lock. Python's
 * globals {@code sum} and {@code my_lock} become the fields of one shared object. (The listing
 * calls {@code threading.thread}, which does not exist; {@code threading.Thread} is meant.)
 *
 * <pre>{@code
 * sum = 1
 * acquire(blocking=False) while another thread holds the lock: false
 * acquire(blocking=False) when the lock is free: true
 * sum = 2
 * }</pre>
 */
public final class LockedAdder {
    private LockedAdder() {}

    /** Python's module globals {@code sum} and {@code my_lock}. */
    static final class Shared {
        final ReentrantLock myLock = new ReentrantLock();
        int sum = 0; // guarded by myLock

        void adder() {
            myLock.lock(); // my_lock.acquire(): blocks while another thread holds it
            try {
                sum = sum + 1;
            } finally {
                myLock.unlock(); // my_lock.release()
            }
        }

        /** The adder with {@code acquire(blocking=False)}: does nothing if the lock is busy. */
        boolean tryAdder() {
            if (!myLock.tryLock()) {
                return false; // free to do something else instead of waiting
            }
            try {
                sum = sum + 1;
                return true;
            } finally {
                myLock.unlock();
            }
        }

        int sum() {
            myLock.lock();
            try {
                return sum;
            } finally {
                myLock.unlock();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once every thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Shared shared = new Shared();
        Thread myThread = Thread.ofPlatform().unstarted(shared::adder);
        myThread.start();
        myThread.join();
        out.println("sum = " + shared.sum());

        // acquire(blocking=False) returns right away with whether it got the lock.
        shared.myLock.lock(); // this thread holds the lock now...
        try {
            Thread other = Thread.ofPlatform().start(() -> out.println(
                    "acquire(blocking=False) while another thread holds the lock: " + shared.tryAdder()));
            other.join(); // ...so the other thread's non-blocking acquire fails, without waiting
        } finally {
            shared.myLock.unlock();
        }
        out.println("acquire(blocking=False) when the lock is free: " + shared.tryAdder());
        out.println("sum = " + shared.sum());
    }
}
