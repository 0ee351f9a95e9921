package dev.weft.process.internal.shm;

import java.lang.foreign.MemorySegment;

/**
 * A condition's wake-up word in shared memory; the waiting protocol around its lock is the
 * caller's. Not API.
 *
 * <pre>
 *  +0 sequence (4): bumped by each notify   +4 sleepers (4)
 * </pre>
 *
 * A waiter reads the sequence while it still holds the lock, releases the lock, and waits until
 * the sequence moves (or its time is up); a notify, made with the lock held, bumps the sequence and
 * wakes the number of sleepers asked for. Waiters that had not yet fallen asleep also see the
 * sequence move, so a notify may wake more waiters than asked: spurious wake-ups, which
 * {@code Condition} allows; re-check what you wait for.
 */
public final class ConditionWord {
    public static final long BYTES = 8;

    private static final long SEQ = 0;
    private static final long SLEEPERS = 4;

    private final Segment segment;
    private final MemorySegment words;

    public ConditionWord(Segment segment) {
        this.segment = segment;
        this.words = segment.data();
    }

    /**
     * The sequence now, read with the lock held before a wait.
     *
     * @throws IllegalStateException if the handle is closed
     */
    public int sequence() {
        segment.check();
        return Futex.read(words, SEQ);
    }

    /**
     * Waits until the sequence is no longer {@code seen}, at most {@code nanos} (negative: no limit).
     *
     * @return true if it moved (notified, or spuriously), false if the time is up
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the handle is or gets closed while waiting
     */
    public boolean await(int seen, long nanos) throws InterruptedException {
        return Futex.await(segment, words, SEQ, SLEEPERS, () -> Futex.read(words, SEQ) != seen, nanos, "condition");
    }

    /**
     * Bumps the sequence and wakes up to {@code n} sleepers.
     *
     * @throws IllegalStateException if the handle is closed
     */
    public void notify(int n) {
        segment.check();
        Futex.bumpAndWake(segment, words, SEQ, n);
    }
}
