package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The process-wide part of a robust lock, in shared memory: which process holds it. Threads of one
 * process are ordered by a local lock first (the caller's), so this word only ever changes hands
 * between processes. Not API.
 *
 * <pre>
 *  +0  owner (8): 0 when free, else the owner process ({@link Owners}: pid and start time)
 *  +64 sequence (4): bumped by each release that wakes a sleeper (a cache line of its own with:)
 *  +68 sleepers (4): how many wait in the kernel now
 *  +72 wake pending (4): 1 from a release that woke a sleeper until a sleeper wakes
 * </pre>
 *
 * <p>Acquire: compare-and-set the owner from 0 to this process; on failure, spin a little, then
 * sleep on the sequence word in slices. After each slice in which the owner did not change, check
 * that the owner process is alive; if it is not (it died holding the lock, or its id now names
 * another process), take the word over from it by compare-and-set and report
 * {@link #RECOVERED}: the owner died, as a robust mutex's {@code EOWNERDEAD}. Release: set the owner
 * to 0, and if anyone sleeps and no wake-up is on its way already, bump the sequence and wake one:
 * a process that releases and takes the lock back many times while another sleeps makes one
 * system call, not one per release.
 *
 * <p>The caller orders this process's threads with a local lock held around every hold of the
 * word, so a thread that holds that local lock and finds the word owned by this very process knows
 * the hold was left behind (by a handle closed while it held the lock, whose release then failed):
 * it takes the word and reports {@link #RECOVERED}, as from a dead owner, rather than waiting
 * forever for itself.
 */
public final class MutexWord {
    public static final long BYTES = 128;

    /** Acquired, from a live owner's release or free. */
    public static final int ACQUIRED = 0;
    /** Acquired from an owner that died holding it. */
    public static final int RECOVERED = 1;
    /** Not acquired within the time allowed. */
    public static final int TIMED_OUT = 2;

    private static final long OWNER = 0;
    // The sleepers' words live on another cache line than the owner word: a waiter counting itself
    // in and out must not take the owner word's line from the holder.
    private static final long SEQ = 64;
    private static final long SLEEPERS = 68;
    private static final long WAKE_PENDING = 72;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    /**
     * Reads of the owner word before sleeping. Few: a waiter that spins keeps pulling the word's
     * cache line from the holder, which slows the holder more than a sleep costs the waiter (measured
     * with shared-value: 10 and 100 spins alike, 2,000 halved the rate).
     */
    private static final int SPINS = 10;

    private final Segment segment;
    private final MemorySegment words;

    public MutexWord(Segment segment) {
        this.segment = segment;
        this.words = segment.data();
    }

    /**
     * One attempt, not waiting.
     *
     * @throws IllegalStateException if the handle is closed
     */
    public int tryAcquire() {
        segment.check();
        if (LONG.compareAndSet(words, OWNER, 0L, Owners.SELF)) {
            return ACQUIRED;
        }
        long owner = (long) LONG.getVolatile(words, OWNER);
        if (owner == Owners.SELF) {
            return RECOVERED; // left behind by a closed handle of this process (see the class comment)
        }
        if (owner != 0 && !Owners.alive(owner) && LONG.compareAndSet(words, OWNER, owner, Owners.SELF)) {
            return RECOVERED;
        }
        return TIMED_OUT;
    }

    /**
     * Acquires for this process, waiting at most {@code nanos} (negative: no limit).
     *
     * @return {@link #ACQUIRED}, {@link #RECOVERED} or {@link #TIMED_OUT}
     * @throws InterruptedException if interrupted while waiting (noticed within a slice); nothing
     *     is held
     * @throws IllegalStateException if the handle is or gets closed while waiting (noticed within a
     *     slice); nothing is held
     */
    public int acquire(long nanos) throws InterruptedException {
        segment.check();
        // Test, then test-and-set: spinning on a read keeps the word's cache line shared until it
        // is free, instead of pulling it from the holder with a failing compare-and-set each time.
        for (int i = 0; i < SPINS; i++) {
            if ((long) LONG.getVolatile(words, OWNER) == 0L && LONG.compareAndSet(words, OWNER, 0L, Owners.SELF)) {
                return ACQUIRED;
            }
            Thread.onSpinWait();
        }
        segment.enter();
        try {
            return await(nanos);
        } finally {
            segment.exit();
        }
    }

    private int await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long lastOwner = 0;
        for (int round = 0; ; round++) {
            segment.checkWaiting("lock");
            int seq = Futex.read(words, SEQ);
            long owner = (long) LONG.getVolatile(words, OWNER);
            if (owner == 0) {
                if (LONG.compareAndSet(words, OWNER, 0L, Owners.SELF)) {
                    return ACQUIRED;
                }
                continue;
            }
            if (owner == Owners.SELF) {
                return RECOVERED; // left behind by a closed handle of this process (see the class comment)
            }
            if (owner == lastOwner && !Owners.alive(owner)) {
                if (LONG.compareAndSet(words, OWNER, owner, Owners.SELF)) {
                    return RECOVERED;
                }
                continue;
            }
            lastOwner = owner;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = nanos < 0 ? Futex.SLICE_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return TIMED_OUT;
            }
            Futex.add(words, SLEEPERS, 1);
            try {
                if ((long) LONG.getVolatile(words, OWNER) == owner) {
                    Futex.sleep(words, SEQ, seq, left, round);
                }
            } finally {
                Futex.add(words, SLEEPERS, -1);
                Futex.INT.setVolatile(words, WAKE_PENDING, 0); // awake: the next release may wake another
            }
        }
    }

    /**
     * Releases; the caller knows this process holds it.
     *
     * @throws IllegalMonitorStateException if this process does not hold it (another took it over,
     *     believing this one dead, which cannot happen while this one lives)
     * @throws IllegalStateException if the handle is closed (the word stays held)
     */
    public void release() {
        segment.check();
        if (!LONG.compareAndSet(words, OWNER, Owners.SELF, 0L)) {
            throw new IllegalMonitorStateException("the lock is not held by this process");
        }
        if (Futex.read(words, SLEEPERS) > 0 && Futex.INT.compareAndSet(words, WAKE_PENDING, 0, 1)) {
            Futex.bumpAndWake(segment, words, SEQ, 1);
        }
    }

    /** Whether some process holds it now. */
    public boolean locked() {
        return (long) LONG.getVolatile(words, OWNER) != 0;
    }

    /** The process id of the holder, or 0. */
    public long ownerPid() {
        long owner = (long) LONG.getVolatile(words, OWNER);
        return owner == 0 ? 0 : Owners.pid(owner);
    }
}
