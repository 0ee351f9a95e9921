package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.BrokenBarrierException;

/**
 * A cyclic barrier in shared memory. Not API.
 *
 * <pre>
 *  +0  generation (high 32 bits) and arrivals in it (low 32 bits) (8)
 *  +8  broken mark (4): generation + 1 of the broken generation, or 0
 *  +12 sequence (4)   +16 sleepers (4)   +20 parties (4)
 * </pre>
 *
 * An arrival adds one to the arrivals by compare-and-set; the last one starts the next generation
 * (arrivals 0) and wakes everyone. A waiter of generation g returns when the generation moves on,
 * and throws {@link BrokenBarrierException} when generation g is marked broken: by a waiter that
 * timed out or was interrupted (as Python's {@code Barrier}), by {@link #abort()}, or by
 * {@link #reset()}, which also starts a new generation.
 */
public final class BarrierWord {
    public static final long BYTES = 24;

    private static final long STATE = 0;
    private static final long BROKEN = 8;
    private static final long SEQ = 12;
    private static final long SLEEPERS = 16;
    private static final long PARTIES = 20;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();

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
        return (int) INT.getVolatile(words, PARTIES);
    }

    private long state() {
        return (long) LONG.getVolatile(words, STATE);
    }

    private boolean brokenAt(long generation) {
        return (int) INT.getVolatile(words, BROKEN) == (int) generation + 1;
    }

    /** Whether the current generation is broken. */
    public boolean isBroken() {
        return brokenAt(state() >>> 32);
    }

    /** How many wait now. */
    public int nWaiting() {
        return (int) state();
    }

    /**
     * Arrives and waits for the others, at most {@code nanos} (negative: no limit).
     *
     * @return this arrival's index, 0 to parties - 1
     * @throws BrokenBarrierException if the generation is or becomes broken, or the time is up
     *     (which breaks it)
     * @throws InterruptedException if interrupted while waiting (which breaks it)
     */
    public int await(long nanos) throws InterruptedException, BrokenBarrierException {
        segment.enter();
        try {
            return arriveAndWait(nanos);
        } finally {
            segment.exit();
        }
    }

    private int arriveAndWait(long nanos) throws InterruptedException, BrokenBarrierException {
        int parties = parties();
        long generation;
        int index;
        while (true) {
            long s = state();
            generation = s >>> 32;
            if (brokenAt(generation)) {
                throw new BrokenBarrierException("the barrier is broken");
            }
            index = (int) s;
            if (index + 1 == parties) {
                if (LONG.compareAndSet(words, STATE, s, (generation + 1) << 32)) {
                    wakeAll();
                    return index;
                }
            } else if (LONG.compareAndSet(words, STATE, s, s + 1)) {
                break;
            }
        }
        long deadline = System.nanoTime() + nanos;
        for (int round = 0; ; round++) {
            segment.checkWaiting("barrier");
            int seq = Futex.read(words, SEQ);
            if (brokenAt(generation)) {
                throw new BrokenBarrierException("the barrier is broken: a party timed out, was interrupted, or it was"
                        + " aborted or reset");
            }
            if (state() >>> 32 != generation) {
                return index;
            }
            if (Thread.interrupted()) {
                breakGeneration(generation);
                throw new InterruptedException();
            }
            long left = nanos < 0 ? Futex.SLICE_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                breakGeneration(generation);
                throw new BrokenBarrierException("the wait timed out, which breaks the barrier");
            }
            Futex.add(words, SLEEPERS, 1);
            try {
                Futex.sleep(words, SEQ, seq, left, round);
            } finally {
                Futex.add(words, SLEEPERS, -1);
            }
        }
    }

    private void breakGeneration(long generation) {
        if (state() >>> 32 == generation) {
            INT.setVolatile(words, BROKEN, (int) generation + 1);
            wakeAll();
        }
    }

    /** Breaks the current generation until {@link #reset()}. */
    public void abort() {
        breakGeneration(state() >>> 32);
    }

    /** Breaks the waiters of the current generation and starts a new, empty one. */
    public void reset() {
        while (true) {
            long s = state();
            long generation = s >>> 32;
            INT.setVolatile(words, BROKEN, (int) generation + 1);
            if (LONG.compareAndSet(words, STATE, s, (generation + 1) << 32)) {
                break;
            }
        }
        wakeAll();
    }

    private void wakeAll() {
        Futex.bumpAndWake(segment, words, SEQ, Integer.MAX_VALUE);
    }
}
