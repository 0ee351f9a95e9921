package dev.weft.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code with lock:} for the JDK's locks, and deadlock avoidance by lock ordering (the
 * Cookbook's {@code acquire(*locks)}).
 *
 * <h2>Guards</h2>
 * {@link #hold(Lock)} and {@link #hold(Semaphore)} acquire and return a {@link Guard} for
 * try-with-resources, so the release cannot be forgotten, whatever the block throws.
 *
 * <h2>Ordered acquisition</h2>
 * {@link #acquireAll} takes several locks in one global order (see below) and releases them in
 * reverse. Two threads that each need the same locks then take them in the same order, so neither
 * can hold one while waiting for the other's. It also remembers, per thread, which locks the
 * thread holds through {@code acquireAll}: a nested call that asks for a lock that comes earlier in
 * the order than one already held could deadlock with another thread, so it throws
 * {@link LockOrderViolationException} before taking anything.
 *
 * <p>The global order: a {@link NamedLock} ranks by creation; any other lock is ranked the first
 * time {@code acquireAll} sees it. Ranks are unique and fixed for the life of the lock. (Python's
 * seed sorts by {@code id()}; Java's identity hash codes are not unique.)
 *
 * <pre>{@code
 * try (var _ = Locks.acquireAll(yLock, xLock)) {   // takes x and y in the global order
 *     transfer(x, y);
 * }
 * }</pre>
 */
public final class Locks {
    private Locks() {}

    /** A guard that releases once; a second {@code close()} does nothing. */
    static final class OnceGuard implements Guard {
        private Runnable release;

        OnceGuard(Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            Runnable r = release;
            if (r != null) {
                release = null;
                r.run();
            }
        }
    }

    /** The guard of one lock: a class of its own so the JIT can keep {@code hold} allocation-free. */
    private static final class LockGuard implements Guard {
        private Lock lock;

        LockGuard(Lock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            Lock l = lock;
            if (l != null) {
                lock = null;
                l.unlock();
            }
        }
    }

    /**
     * Acquires {@code lock} with {@link Lock#lock()} (blocking, not interruptible, as Python's
     * {@code with lock:}) and returns a guard that unlocks it.
     *
     * @param lock the lock to take
     * @return the guard, for try-with-resources
     */
    public static Guard hold(Lock lock) {
        lock.lock();
        return new LockGuard(lock);
    }

    /**
     * Acquires a permit of {@code semaphore} (blocking, not interruptible) and returns a guard
     * that releases it.
     *
     * @param semaphore the semaphore to take a permit of
     * @return the guard, for try-with-resources
     */
    public static Guard hold(Semaphore semaphore) {
        semaphore.acquireUninterruptibly();
        return new OnceGuard(semaphore::release);
    }

    private record Ranked(Lock lock, long rank) {}

    /** What the current thread holds through acquireAll, in increasing rank. */
    private static final ThreadLocal<ArrayList<Ranked>> ORDERED = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Takes every lock in the global order and returns a guard that releases them in reverse.
     * Each lock is taken with {@link Lock#lock()}: this blocks until all are held and is not
     * interruptible.
     *
     * @param locks the locks to take, in any order
     * @return the guard, for try-with-resources
     * @throws LockOrderViolationException if the current thread holds, through an earlier
     *     {@code acquireAll} not yet released, a lock that comes after one of {@code locks} in the
     *     global order (or is one of them); nothing is taken then
     * @throws IllegalArgumentException if no lock is given or the same lock is given twice
     * @throws NullPointerException if any lock is null
     */
    public static Guard acquireAll(Lock... locks) {
        return acquireAll(Arrays.asList(locks));
    }

    /**
     * As {@link #acquireAll(Lock...)}, for a collection of locks.
     *
     * @param locks the locks to take, in any order
     * @return the guard, for try-with-resources
     */
    public static Guard acquireAll(Collection<? extends Lock> locks) {
        if (locks.isEmpty()) {
            throw new IllegalArgumentException("acquireAll needs at least one lock");
        }
        List<Ranked> wanted = new ArrayList<>(locks.size());
        for (Lock lock : locks) {
            wanted.add(new Ranked(Objects.requireNonNull(lock, "lock"), LockRanks.rank(lock)));
        }
        wanted.sort(Comparator.comparingLong(Ranked::rank));
        for (int i = 1; i < wanted.size(); i++) {
            if (wanted.get(i).rank() == wanted.get(i - 1).rank()) {
                throw new IllegalArgumentException("the same lock was given twice: " + wanted.get(i).lock());
            }
        }
        ArrayList<Ranked> held = ORDERED.get();
        if (!held.isEmpty()) {
            Ranked last = held.getLast();
            Ranked first = wanted.getFirst();
            if (last.rank() >= first.rank()) {
                throw new LockOrderViolationException("Lock order violation: thread \""
                        + Thread.currentThread().getName() + "\" asked for " + first.lock()
                        + " while holding " + last.lock() + ", which comes later in the lock order;"
                        + " take them in one Locks.acquireAll call instead");
            }
        }
        int taken = 0;
        try {
            for (Ranked r : wanted) {
                r.lock().lock();
                held.add(r);
                taken++;
            }
        } catch (Throwable t) {
            releaseLast(held, wanted, taken);
            throw t;
        }
        return new OnceGuard(() -> releaseLast(held, wanted, wanted.size()));
    }

    /** Releases, in reverse, the first {@code count} of {@code wanted} and forgets them. */
    private static void releaseLast(ArrayList<Ranked> held, List<Ranked> wanted, int count) {
        Throwable failure = null;
        for (int i = count - 1; i >= 0; i--) {
            Ranked r = wanted.get(i);
            held.remove(r); // by equality of (lock, rank): the last acquisition is at the end
            try {
                r.lock().unlock();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * {@return the locks the current thread holds through {@link #acquireAll}, in the order they were taken}
     */
    public static List<Lock> heldByCurrentThread() {
        return ORDERED.get().stream().map(Ranked::lock).toList();
    }
}
