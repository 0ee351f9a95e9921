package dev.weft.process;

import dev.weft.process.internal.shm.BarrierWord;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier shared by processes on one machine, in shared memory: Python's
 * {@code multiprocessing.Barrier(parties)}, with the names of {@link dev.weft.sync.Barrier}. Each
 * {@link #await()} waits until {@link #parties()} callers, from any processes, have arrived, and
 * gets a distinct arrival index from 0 to {@code parties - 1}; then the barrier is ready for the
 * next round. As in Python, a wait that times out or is interrupted breaks the barrier: every other
 * waiter, and every later one until {@link #reset()}, throws {@link BrokenBarrierException}. A party
 * whose process dies while it waits does not break it (nothing notices); give waits a timeout when
 * a party may die. An interrupt is noticed within 20 ms. Memory visibility: actions of each party
 * before it arrives happen-before actions of every party after its wait returns.
 */
public final class ProcessBarrier implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessBarrier";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient BarrierWord word;

    /**
     * A barrier for {@code parties} callers.
     *
     * @throws IllegalArgumentException if {@code parties} is below 1
     */
    public ProcessBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: " + parties);
        }
        this.segment = Segment.create(BarrierWord.BYTES);
        this.word = new BarrierWord(segment);
        word.init(parties);
    }

    private ProcessBarrier(Segment segment) {
        this.segment = segment;
        this.word = new BarrierWord(segment);
    }

    /**
     * Waits for the other parties, without limit: Python's {@code wait()}.
     *
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return word.await(-1);
    }

    /**
     * Waits at most {@code timeout} for the other parties: Python's {@code wait(timeout)}.
     *
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapsed
     *     (which breaks it)
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        long nanos = dev.weft.internal.Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return word.await(nanos);
    }

    /** Breaks the waiters of this round and starts an empty one: Python's {@code reset()}. */
    public void reset() {
        word.reset();
    }

    /** Breaks the barrier until {@link #reset()}: Python's {@code abort()}. */
    public void abort() {
        word.abort();
    }

    /** Whether it is broken: Python's {@code broken}. */
    public boolean isBroken() {
        return word.isBroken();
    }

    /** How many wait now: Python's {@code n_waiting}. A hint. */
    public int nWaiting() {
        return word.nWaiting();
    }

    /** How many parties it takes: Python's {@code parties}. */
    public int parties() {
        return word.parties();
    }

    /**
     * Releases this process's handle (the memory is unmapped once no handle here and no waiting
     * thread uses it); a wait of another thread of this process on it then throws
     * {@link IllegalStateException} within 20 ms. Idempotent.
     */
    @Override
    public void close() {
        segment.close();
    }

    @Override
    public String toString() {
        return "ProcessBarrier[" + (segment.isClosed() ? "closed" : word.nWaiting() + " of " + word.parties() + " waiting")
                + "]";
    }

    @Serial
    private Object writeReplace() {
        return segment.ref(KIND, 0, null);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process barrier travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return new ProcessBarrier(Segment.open(ref));
    }
}
