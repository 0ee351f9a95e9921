package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting on a 32-bit word of shared memory, across processes. A waiter reads the word (a sequence
 * number), checks what it waits for, and sleeps while the word still holds what it read; whoever
 * changes what it waits for bumps the word first and then wakes the sleepers. A sleep lasts at most
 * {@link #SLICE_NANOS}, so that a waiter notices an interrupt, its timeout, or a dead owner soon
 * after. Not API.
 *
 * <p>A platform thread sleeps in the kernel ({@code futex}); a virtual thread parks for short,
 * growing intervals instead, since a thread blocked in a system call would hold its carrier.
 *
 * <p>A thread sleeps or wakes only while it keeps the mapping ({@link Segment#enter()}): the kernel
 * is given a plain address, and closing the handle must not unmap it under a sleeper. A waiter
 * whose handle is closed while it waits throws {@link IllegalStateException} within a slice.
 */
public final class Futex {
    private Futex() {}

    /** The longest single sleep: how late an interrupt or a dead owner may be noticed. */
    public static final long SLICE_NANOS = 20_000_000L;

    static final VarHandle INT = JAVA_INT.varHandle();

    /** The word's value, read with volatile semantics. */
    public static int read(MemorySegment words, long offset) {
        return (int) INT.getVolatile(words, offset);
    }

    /** Adds {@code delta} atomically; returns the new value. */
    public static int add(MemorySegment words, long offset, int delta) {
        return (int) INT.getAndAdd(words, offset, delta) + delta;
    }

    /**
     * Sleeps while the word at {@code offset} holds {@code seen}, at most {@code nanos} (and one
     * slice). {@code round} counts the caller's sleeps so far, to grow a virtual thread's parks. The
     * caller keeps the mapping meanwhile ({@link Segment#enter()}).
     */
    public static void sleep(MemorySegment words, long offset, int seen, long nanos, int round) {
        long n = Math.min(nanos, SLICE_NANOS);
        if (n <= 0) {
            return;
        }
        if (Thread.currentThread().isVirtual()) {
            LockSupport.parkNanos(Math.min(n, 50_000L << Math.min(round, 5))); // 50 µs up to 1.6 ms
            return;
        }
        Native.futexWait(words.address() + offset, seen, n);
    }

    /**
     * Waits until {@code ready} is true, at most {@code nanos} (negative: no limit), by the protocol
     * above: read the sequence word at {@code seq}, check, count in at {@code sleepers}, check again,
     * sleep a slice. {@code ready} is called with no lock held, possibly many times; it may act
     * (take a permit). {@code what} names the object for the error of a handle closed meanwhile.
     *
     * @return true once {@code ready} was; false if the time ran out first
     * @throws InterruptedException if interrupted while waiting (noticed within a slice)
     * @throws IllegalStateException if {@code segment} is or gets closed while waiting (noticed
     *     within a slice)
     */
    public static boolean await(Segment segment, MemorySegment words, long seq, long sleepers,
            java.util.function.BooleanSupplier ready, long nanos, String what) throws InterruptedException {
        segment.check();
        if (ready.getAsBoolean()) {
            return true;
        }
        segment.enter();
        try {
            return awaitEntered(segment, words, seq, sleepers, ready, nanos, what);
        } finally {
            segment.exit();
        }
    }

    private static boolean awaitEntered(Segment segment, MemorySegment words, long seq, long sleepers,
            java.util.function.BooleanSupplier ready, long nanos, String what) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (int round = 0; ; round++) {
            segment.checkWaiting(what);
            int seen = read(words, seq);
            if (ready.getAsBoolean()) {
                return true;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = nanos < 0 ? SLICE_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            add(words, sleepers, 1);
            try {
                if (ready.getAsBoolean()) {
                    return true; // changed before this waiter was counted: its changer may not wake anyone
                }
                sleep(words, seq, seen, left, round);
            } finally {
                add(words, sleepers, -1);
            }
        }
    }

    /**
     * Bumps the word at {@code offset} and wakes up to {@code n} of its sleepers. If the handle was
     * closed meanwhile, only bumps it (or not even that): sleepers notice within a slice anyway.
     */
    public static void bumpAndWake(Segment segment, MemorySegment words, long offset, int n) {
        if (!segment.tryEnter()) {
            return;
        }
        try {
            INT.getAndAdd(words, offset, 1);
            Native.futexWake(words.address() + offset, n);
        } finally {
            segment.exit();
        }
    }
}
