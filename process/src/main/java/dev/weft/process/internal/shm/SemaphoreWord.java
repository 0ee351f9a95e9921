package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A counting semaphore in shared memory. Permits have no owner. Not API.
 *
 * <pre>
 *  +0 count (4)   +4 sequence (4)   +8 sleepers (4)   +12 bound (4): the most permits, or -1
 * </pre>
 */
public final class SemaphoreWord {
    public static final long BYTES = 16;

    private static final long COUNT = 0;
    private static final long SEQ = 4;
    private static final long SLEEPERS = 8;
    private static final long BOUND = 12;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final Segment segment;
    private final MemorySegment words;

    public SemaphoreWord(Segment segment) {
        this.segment = segment;
        this.words = segment.data();
    }

    /** Sets up new memory: {@code value} permits, at most {@code bound} (-1: no bound). */
    public void init(int value, int bound) {
        INT.setVolatile(words, BOUND, bound);
        INT.setVolatile(words, COUNT, value);
    }

    /**
     * Takes a permit if one is free.
     *
     * @throws IllegalStateException if the handle is closed
     */
    public boolean tryAcquire() {
        segment.check();
        return take();
    }

    private boolean take() {
        for (int c; (c = (int) INT.getVolatile(words, COUNT)) > 0; ) {
            if (INT.compareAndSet(words, COUNT, c, c - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a permit, waiting at most {@code nanos} (negative: no limit).
     *
     * @return false if none came free in time
     * @throws InterruptedException if interrupted while waiting; nothing is taken
     * @throws IllegalStateException if the handle is or gets closed while waiting; nothing is taken
     */
    public boolean acquire(long nanos) throws InterruptedException {
        return Futex.await(segment, words, SEQ, SLEEPERS, this::take, nanos, "semaphore");
    }

    /**
     * Gives {@code n} permits back.
     *
     * @throws IllegalStateException if that would exceed the bound, or {@link Integer#MAX_VALUE}
     *     permits (nothing changes), or if the handle is closed
     */
    public void release(int n) {
        segment.check();
        int bound = (int) INT.getVolatile(words, BOUND);
        while (true) {
            int c = (int) INT.getVolatile(words, COUNT);
            if (bound >= 0 && (long) c + n > bound) {
                throw new IllegalStateException("a bounded semaphore released too many times: " + c + " + " + n
                        + " permits would exceed its bound of " + bound);
            }
            if ((long) c + n > Integer.MAX_VALUE) {
                throw new IllegalStateException("a semaphore cannot count more than " + Integer.MAX_VALUE
                        + " permits: " + c + " + " + n + " would overflow");
            }
            if (INT.compareAndSet(words, COUNT, c, c + n)) {
                break;
            }
        }
        if (Futex.read(words, SLEEPERS) > 0) {
            Futex.bumpAndWake(segment, words, SEQ, n);
        }
    }

    /** The free permits now. */
    public int value() {
        segment.check();
        return (int) INT.getVolatile(words, COUNT);
    }

    /** The bound, or -1. */
    public int bound() {
        return (int) INT.getVolatile(words, BOUND);
    }
}
