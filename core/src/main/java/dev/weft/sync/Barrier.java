package dev.weft.sync;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A meeting point for a fixed number of threads: Python's {@code threading.Barrier}.
 *
 * <p>Each of {@link #parties()} threads calls {@link #await()}; they all wait until the last one
 * arrives, then all return together, and the barrier is ready for the next round. The optional
 * action runs once per round, in the last thread to arrive, before any of them is released.
 *
 * <p><b>Breaking.</b> A round breaks, and every thread waiting in it gets a
 * {@link BrokenBarrierException} that says why, when:
 * <ul>
 *   <li>a waiter's timeout elapses (that waiter also gets {@code BrokenBarrierException}, as in
 *       Python, with a {@link java.util.concurrent.TimeoutException} as its cause);
 *   <li>a waiter is interrupted (that waiter gets {@link InterruptedException});
 *   <li>the action throws (the last thread gets the action's exception);
 *   <li>{@link #abort()} is called; or {@link #reset()} is called while threads wait.
 * </ul>
 * A broken barrier stays broken, and {@code await} throws at once, until {@link #reset()}.
 *
 * <p>Memory visibility: actions in each thread before it calls {@code await} happen-before the
 * action, which happens-before every thread's return from that round's {@code await}.
 *
 * <pre>{@code
 * Barrier b = new Barrier(5, Duration.ofSeconds(10));   // Listing 10-3
 * int arrival = b.await();                               // 0 for the first to arrive, 4 for the last
 * }</pre>
 */
public final class Barrier {

    /** One round. A new round starts when the previous one trips or on reset. */
    private static final class Round {
        int arrived;
        boolean tripped;
        /** Why the round broke, or null while it is whole. */
        String brokenBecause;
        Throwable brokenCause;
    }

    private final int parties;
    private final Runnable action;
    private final long defaultTimeoutNanos; // -1: wait forever
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition trip = lock.newCondition();
    private Round round = new Round();

    /**
     * Creates a barrier for {@code parties} threads, with no action and no default timeout.
     *
     * @param parties how many threads each round waits for
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * Creates a barrier for {@code parties} threads whose {@link #await()} breaks the barrier
     * after {@code timeout}.
     *
     * @param parties how many threads each round waits for
     * @param timeout how long an {@link #await()} without its own timeout waits
     * @throws IllegalArgumentException if {@code parties} is less than 1 or timeout is negative
     */
    public Barrier(int parties, Duration timeout) {
        this(parties, null, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Creates a barrier for {@code parties} threads.
     *
     * @param parties how many threads must call {@code await} to trip it
     * @param action run once per round by the last thread to arrive, or null for none
     * @param timeout the timeout of {@link #await()}, or null to wait forever
     * @throws IllegalArgumentException if {@code parties} is less than 1 or timeout is negative
     */
    public Barrier(int parties, Runnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party: " + parties);
        }
        this.parties = parties;
        this.action = action;
        this.defaultTimeoutNanos = timeout == null ? -1 : Timeouts.toNanos(timeout);
    }

    /**
     * Waits until all parties have called {@code await}, or for the default timeout given at
     * construction, if any.
     *
     * @return the arrival index of this thread in this round: 0 for the first, parties-1 for the
     *     last (the one that ran the action)
     * @throws BrokenBarrierException if the barrier is broken on entry or breaks while waiting,
     *     including when the default timeout elapses
     * @throws InterruptedException if this thread is interrupted on entry or while waiting; the
     *     barrier breaks for the others
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        return doAwait(defaultTimeoutNanos);
    }

    /**
     * Waits until all parties have called {@code await} or the timeout elapses; on timeout the
     * barrier breaks for every waiter.
     *
     * @param timeout the longest to wait
     * @return the arrival index of this thread in this round, 0 to parties-1
     * @throws BrokenBarrierException if the barrier is broken on entry, breaks while waiting, or
     *     this thread's timeout elapses
     * @throws InterruptedException if this thread is interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return doAwait(Timeouts.toNanos(timeout));
    }

    private int doAwait(long timeoutNanos) throws InterruptedException, BrokenBarrierException {
        // Not lockInterruptibly: an interrupt on entry must break the round, as one while waiting.
        lock.lock();
        try {
            Round r = round;
            throwIfBroken(r);
            if (Thread.interrupted()) {
                breakRound(r, "a waiting thread was interrupted", null);
                throw new InterruptedException();
            }
            int index = r.arrived++;
            if (index == parties - 1) {
                runActionAndTrip(r);
                return index;
            }
            long nanos = timeoutNanos;
            while (!r.tripped && r.brokenBecause == null) {
                try {
                    if (timeoutNanos < 0) {
                        trip.await();
                    } else if (nanos > 0) {
                        nanos = trip.awaitNanos(nanos);
                    } else {
                        String why = "timed out after " + Duration.ofNanos(timeoutNanos)
                                + " with " + r.arrived + " of " + parties + " parties arrived";
                        breakRound(r, why, new TimeoutException(why));
                    }
                } catch (InterruptedException e) {
                    if (!r.tripped && r.brokenBecause == null) {
                        breakRound(r, "a waiting thread was interrupted", e);
                        throw e;
                    }
                    // The round completed or broke for another reason first; keep the interrupt.
                    Thread.currentThread().interrupt();
                }
            }
            throwIfBroken(r);
            return index;
        } finally {
            lock.unlock();
        }
    }

    private void runActionAndTrip(Round r) {
        if (action != null) {
            try {
                action.run();
            } catch (Throwable t) {
                breakRound(r, "the barrier action threw " + t, t);
                throw t;
            }
        }
        r.tripped = true;
        round = new Round();
        trip.signalAll();
    }

    private static void throwIfBroken(Round r) throws BrokenBarrierException {
        if (r.brokenBecause != null) {
            BrokenBarrierException e = new BrokenBarrierException("barrier broken: " + r.brokenBecause);
            if (r.brokenCause != null) {
                e.initCause(r.brokenCause);
            }
            throw e;
        }
    }

    /** Breaks round {@code r}; must hold the lock. */
    private void breakRound(Round r, String why, Throwable cause) {
        if (r.brokenBecause == null) {
            r.brokenBecause = why;
            r.brokenCause = cause;
        }
        trip.signalAll();
    }

    /**
     * Returns the barrier to its initial state. Threads waiting in the current round get
     * {@link BrokenBarrierException}; a barrier broken earlier becomes usable again. Never blocks
     * beyond taking the barrier's internal lock.
     */
    public void reset() {
        lock.lock();
        try {
            Round r = round;
            if (r.arrived > 0 && r.brokenBecause == null) {
                breakRound(r, "reset() was called while " + r.arrived + " threads waited", null);
            }
            round = new Round();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Breaks the barrier: every thread waiting gets {@link BrokenBarrierException}, and so does
     * every later call to {@code await} until {@link #reset()}. Use it to release the others when
     * one party cannot come.
     */
    public void abort() {
        lock.lock();
        try {
            breakRound(round, "abort() was called", null);
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether the barrier is broken} */
    public boolean isBroken() {
        lock.lock();
        try {
            return round.brokenBecause != null;
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many threads are waiting in the current round (Python's {@code n_waiting})} */
    public int nWaiting() {
        lock.lock();
        try {
            Round r = round;
            return r.brokenBecause == null ? r.arrived : 0;
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many threads must call {@code await} to trip the barrier} */
    public int parties() {
        return parties;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            Round r = round;
            return "Barrier[" + (r.brokenBecause != null ? "broken: " + r.brokenBecause
                    : r.arrived + " of " + parties + " waiting") + "]";
        } finally {
            lock.unlock();
        }
    }
}
