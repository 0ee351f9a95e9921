package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that ticks at a fixed rate and that any number of threads can wait on, from the
 * Cookbook's "Determining If a Thread Has Started" ({@code PeriodicTimer.wait_for_tick}).
 *
 * <p>After {@link #start()}, a daemon thread ticks every {@code interval}, at fixed times from the
 * start (so delays do not accumulate; a tick that comes late is not repeated). Each tick wakes
 * every thread in {@link #waitForTick()}. {@link #close()} stops the ticking and makes every
 * waiter, present and future, throw: nothing waits forever on a stopped clock.
 *
 * <pre>{@code
 * try (PeriodicTimer timer = new PeriodicTimer(Duration.ofSeconds(2))) {
 *     timer.start();
 *     for (int n = 10; n > 0; n--) {
 *         timer.waitForTick();
 *         System.out.println("T-minus " + n);
 *     }
 * }
 * }</pre>
 *
 * <p>Memory visibility: the tick happens-before the return of the {@code waitForTick} calls it
 * ends.
 */
public final class PeriodicTimer implements AutoCloseable {
    private static final AtomicLong NUMBER = new AtomicLong();

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ticked = lock.newCondition();
    private long ticks; // guarded by lock
    private boolean started, closed; // guarded by lock
    private Thread thread; // guarded by lock

    /**
     * Creates a stopped timer that will tick every {@code interval}.
     *
     * @param interval the time between ticks
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public PeriodicTimer(Duration interval) {
        this.intervalNanos = Timeouts.toNanos(interval);
        if (intervalNanos == 0) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
    }

    /**
     * Starts ticking in a daemon thread named {@code PeriodicTimer-N}.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        lock.lock();
        try {
            if (started || closed) {
                throw new IllegalStateException(closed ? "PeriodicTimer is closed" : "PeriodicTimer already started");
            }
            started = true;
            thread = Thread.ofPlatform().daemon().name("PeriodicTimer-" + NUMBER.incrementAndGet())
                    .start(this::run);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long next = System.nanoTime() + intervalNanos;
        for (;;) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted() || isClosed()) {
                    return;
                }
            }
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                ticks++;
                ticked.signalAll();
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            next += intervalNanos;
            if (next - now <= 0) {
                // Fell behind (a long pause): skip the missed ticks, keep the phase.
                next += ((now - next) / intervalNanos + 1) * intervalNanos;
            }
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next tick.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalStateException if the timer was never started, or is closed (before or while
     *     this thread waits)
     */
    public void waitForTick() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            checkRunning();
            long last = ticks;
            while (last == ticks) {
                ticked.await();
                if (last == ticks) {
                    checkRunning(); // a tick that came first wins over a close that came after it
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code timeout} for the next tick.
     *
     * @param timeout the longest to wait
     * @return whether a tick came before the timeout
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalStateException if the timer was never started, or is closed
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean waitForTick(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            checkRunning();
            long last = ticks;
            while (last == ticks) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = ticked.awaitNanos(nanos);
                if (last == ticks) {
                    checkRunning();
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkRunning() {
        if (closed) {
            throw new IllegalStateException("PeriodicTimer is closed");
        }
        if (!started) {
            throw new IllegalStateException("PeriodicTimer was not started: waiting would never end");
        }
    }

    /** {@return how many times the timer has ticked} */
    public long ticks() {
        lock.lock();
        try {
            return ticks;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the interval between ticks} */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * Stops the timer: its thread ends promptly, and every thread in {@code waitForTick}, now or
     * later, gets {@link IllegalStateException}. Idempotent; never blocks beyond the internal lock.
     */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            t = thread;
            ticked.signalAll();
        } finally {
            lock.unlock();
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
