package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.function.ThrowingRunnable;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.BrokenBarrierException;

/**
 * A cyclic barrier in shared memory. Not API.
 *
 * <pre>
 *  +0  state (8): generation (bits 40-63), how the last 8 generations ended (bits 32-39, bit 32 the
 *      previous one: 1 broken, 0 passed), broken (bit 31), arrivals (bits 0-30)
 *  +8  sequence (4)   +12 sleepers (4)   +16 parties (4)
 * </pre>
 *
 * <h2>One word</h2>
 * Everything that decides a round's fate is in the one state word and changes only by
 * compare-and-set of the whole word, so every party of a round sees the same outcome: the last
 * arrival's trip and a waiter's timeout (or interrupt) that would break the round cannot both
 * succeed, whichever comes first wins and the other sees it. (With the broken mark in a word of its
 * own, a waiter could time out, check that its round had not passed, and mark it broken just after
 * the last arrival let the others through: some parties passed, others saw it broken.)
 *
 * <p>A round ends by a trip, which starts the next generation with a 0 ("passed") pushed onto the
 * history, or by {@link #reset()}, which starts it with a 1 ("broken"). A waiter of generation g
 * that finds generation g+k (k from 1 to 8) reads its round's fate from history bit k-1; a waiter
 * that slept through more than 8 generations (possible only with resets, or more parties calling
 * than the barrier counts) cannot know and reports the barrier broken.
 *
 * <h2>The action</h2>
 * The last arrival first sets the arrivals to {@code parties} (the round is tripping: no timeout or
 * interrupt breaks it now, and callers of the next round wait for it to end), runs the action, then
 * trips the round, or marks it broken if the action threw. {@link #abort()} and {@link #reset()}
 * still break a tripping round: the action's party then throws {@link BrokenBarrierException} too.
 */
public final class BarrierWord {
    public static final long BYTES = 24;

    private static final long STATE = 0;
    private static final long SEQ = 8;
    private static final long SLEEPERS = 12;
    private static final long PARTIES = 16;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();

    private static final long BROKEN = 1L << 31;
    private static final long COUNT = BROKEN - 1;
    private static final int HISTORY = 8;
    private static final long GENERATIONS = 1L << 24;

    private final Segment segment;
    private final MemorySegment words;

    public BarrierWord(Segment segment) {
        this.segment = segment;
        this.words = segment.data();
    }

    public void init(int parties) {
        INT.setVolatile(words, PARTIES, parties);
    }

    public int parties() {
        segment.check();
        return (int) INT.getVolatile(words, PARTIES);
    }

    private long state() {
        return (long) LONG.getVolatile(words, STATE);
    }

    private static long generation(long s) {
        return s >>> 40;
    }

    private static int count(long s) {
        return (int) (s & COUNT);
    }

    private static boolean broken(long s) {
        return (s & BROKEN) != 0;
    }

    /** The first state of the generation after {@code s}'s, which ended broken or not. */
    private static long next(long s, boolean brokenEnd) {
        long history = (((s >>> 32) & 0xFF) << 1 | (brokenEnd ? 1 : 0)) & 0xFF;
        return ((generation(s) + 1) % GENERATIONS) << 40 | history << 32;
    }

    /** Whether some generation was broken (true) or passed (false) as {@code s} tells, or null if it cannot. */
    private static Boolean endOf(long generation, long s) {
        long k = (generation(s) - generation + GENERATIONS) % GENERATIONS;
        if (k < 1 || k > HISTORY) {
            return null;
        }
        return ((s >>> (32 + k - 1)) & 1) != 0;
    }

    /** Whether the current generation is broken. */
    public boolean isBroken() {
        segment.check();
        return broken(state());
    }

    /** How many wait now (none in a broken round). */
    public int nWaiting() {
        segment.check();
        long s = state();
        return broken(s) ? 0 : Math.min(count(s), parties() - 1);
    }

    /**
     * Arrives and waits for the others, at most {@code nanos} (negative: no limit); the last to
     * arrive runs {@code action} (null for none) before any party is released.
     *
     * @return this arrival's index, 0 to parties - 1 (the last arrival's is parties - 1)
     * @throws BrokenBarrierException if the round is or becomes broken, or the time is up (which
     *     breaks it unless it is tripping already), or the action threw a checked exception (the
     *     cause)
     * @throws InterruptedException if interrupted while waiting (which breaks the round); an
     *     interrupt that comes once the round is tripping is kept, and the wait goes on
     * @throws IllegalStateException if the handle is or gets closed while waiting; the arrival
     *     stays counted
     * @throws RuntimeException or {@link Error} that the action threw (the round is broken)
     */
    public int await(long nanos, ThrowingRunnable action) throws InterruptedException, BrokenBarrierException {
        segment.enter();
        try {
            return arriveAndWait(nanos, action);
        } finally {
            segment.exit();
        }
    }

    private int arriveAndWait(long nanos, ThrowingRunnable action) throws InterruptedException, BrokenBarrierException {
        int parties = (int) INT.getVolatile(words, PARTIES);
        long deadline = System.nanoTime() + nanos;
        for (int round = 0; ; round++) {
            segment.checkWaiting("barrier");
            int seq = Futex.read(words, SEQ);
            long s = state();
            if (broken(s)) {
                throw new BrokenBarrierException("the barrier is broken");
            }
            int index = count(s);
            if (index >= parties) {
                // The last party of this round runs its action: the next round starts when it is done.
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = nanos < 0 ? Futex.SLICE_NANOS : deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BrokenBarrierException("the wait timed out before this party could arrive: the action"
                            + " of the round before was still running (the barrier is not broken)");
                }
                sleep(s, seq, left, round);
            } else if (index + 1 == parties) {
                if (action == null) {
                    if (LONG.compareAndSet(words, STATE, s, next(s, false))) {
                        wakeAll();
                        return index;
                    }
                } else if (LONG.compareAndSet(words, STATE, s, s + 1)) {
                    return trip(generation(s), index, action);
                }
            } else if (LONG.compareAndSet(words, STATE, s, s + 1)) {
                return waitForRound(generation(s), index, parties, nanos, deadline);
            }
        }
    }

    /** The last arrival, the round marked tripping: runs the action, then ends the round. */
    private int trip(long generation, int index, ThrowingRunnable action) throws InterruptedException,
            BrokenBarrierException {
        Throwable failure = null;
        try {
            action.run();
        } catch (Throwable t) {
            failure = t;
        }
        while (true) {
            long s = state();
            if (generation(s) != generation || broken(s)) {
                wakeAll();
                BrokenBarrierException e = new BrokenBarrierException("the barrier was aborted or reset while its"
                        + " action ran");
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                throw e;
            }
            if (LONG.compareAndSet(words, STATE, s, failure == null ? next(s, false) : s | BROKEN)) {
                wakeAll();
                break;
            }
        }
        if (failure == null) {
            return index;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        throw (BrokenBarrierException) new BrokenBarrierException("the barrier action threw " + failure
                + ", which breaks the barrier").initCause(failure);
    }

    private int waitForRound(long generation, int index, int parties, long nanos, long deadline)
            throws InterruptedException, BrokenBarrierException {
        boolean interrupted = false;
        try {
            for (int round = 0; ; round++) {
                segment.checkWaiting("barrier");
                int seq = Futex.read(words, SEQ);
                long s = state();
                if (generation(s) != generation) {
                    Boolean brokenEnd = endOf(generation, s);
                    if (brokenEnd == null) {
                        throw new BrokenBarrierException("the barrier went through more than " + HISTORY
                                + " rounds while this party waited: whether its round passed is unknown");
                    }
                    if (brokenEnd) {
                        throw new BrokenBarrierException("the barrier was reset while this party waited");
                    }
                    return index;
                }
                if (broken(s)) {
                    throw new BrokenBarrierException("the barrier is broken: a party timed out, was interrupted, or"
                            + " the action threw, or it was aborted");
                }
                boolean tripping = count(s) >= parties;
                interrupted |= Thread.interrupted();
                long left = nanos < 0 ? Futex.SLICE_NANOS : deadline - System.nanoTime();
                if (!tripping && interrupted) {
                    if (LONG.compareAndSet(words, STATE, s, s | BROKEN)) {
                        wakeAll();
                        interrupted = false; // reported by the exception
                        throw new InterruptedException();
                    }
                    continue;
                }
                if (!tripping && left <= 0) {
                    if (LONG.compareAndSet(words, STATE, s, s | BROKEN)) {
                        wakeAll();
                        throw new BrokenBarrierException("the wait timed out, which breaks the barrier");
                    }
                    continue;
                }
                sleep(s, seq, tripping ? Futex.SLICE_NANOS : left, round); // a tripping round ends when its action does
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sleep(long s, int seq, long nanos, int round) {
        Futex.add(words, SLEEPERS, 1);
        try {
            if (state() == s) {
                Futex.sleep(words, SEQ, seq, nanos, round);
            }
        } finally {
            Futex.add(words, SLEEPERS, -1);
        }
    }

    /** Breaks the current round until {@link #reset()}. */
    public void abort() {
        segment.check();
        while (true) {
            long s = state();
            if (broken(s)) {
                return;
            }
            if (LONG.compareAndSet(words, STATE, s, s | BROKEN)) {
                wakeAll();
                return;
            }
        }
    }

    /** Breaks the waiters of the current round, if any, and starts a new, empty one; clears a break. */
    public void reset() {
        segment.check();
        while (true) {
            long s = state();
            if (!broken(s) && count(s) == 0) {
                return; // a fresh round: nothing to break
            }
            if (LONG.compareAndSet(words, STATE, s, next(s, true))) {
                wakeAll();
                return;
            }
        }
    }

    private void wakeAll() {
        Futex.bumpAndWake(segment, words, SEQ, Integer.MAX_VALUE);
    }
}
