package dev.weft.process.internal.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * An event's flag in shared memory. Not API.
 *
 * <pre>
 *  +0 flag (4)   +4 sequence (4)   +8 sleepers (4)
 * </pre>
 */
public final class EventWord {
    public static final long BYTES = 12;

    private static final long FLAG = 0;
    private static final long SEQ = 4;
    private static final long SLEEPERS = 8;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final Segment segment;
    private final MemorySegment words;

    public EventWord(Segment segment) {
        this.segment = segment;
        this.words = segment.data();
    }

    /** Whether the flag is set. Throws {@link IllegalStateException} if the handle is closed, as every method here. */
    public boolean isSet() {
        segment.check();
        return flag();
    }

    private boolean flag() {
        return (int) INT.getVolatile(words, FLAG) != 0;
    }

    /** Sets the flag and wakes every sleeper. */
    public void set() {
        segment.check();
        INT.setVolatile(words, FLAG, 1);
        if (Futex.read(words, SLEEPERS) > 0) {
            Futex.bumpAndWake(segment, words, SEQ, Integer.MAX_VALUE);
        }
    }

    public void clear() {
        segment.check();
        INT.setVolatile(words, FLAG, 0);
    }

    /**
     * Waits at most {@code nanos} (negative: no limit) for the flag.
     *
     * @return whether it is set
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the handle is or gets closed while waiting
     */
    public boolean await(long nanos) throws InterruptedException {
        return Futex.await(segment, words, SEQ, SLEEPERS, this::flag, nanos, "event");
    }
}
