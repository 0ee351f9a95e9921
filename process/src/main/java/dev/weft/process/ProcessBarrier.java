package dev.weft.process;

import dev.weft.function.ThrowingRunnable;
import dev.weft.process.internal.shm.BarrierWord;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier shared by processes on one machine, in shared memory: Python's
 * {@code multiprocessing.Barrier(parties, action, timeout)}, with the names of
 * {@link dev.weft.sync.Barrier}. Each {@link #await()} waits until {@link #parties()} callers, from
 * any processes, have arrived, and gets a distinct arrival index from 0 to {@code parties - 1} (the
 * last to arrive gets {@code parties - 1}); then the barrier is ready for the next round.
 *
 * <h2>Breaking</h2>
 * As in Python, a wait that times out or is interrupted breaks the round: every other waiter, and
 * every later one until {@link #reset()}, throws {@link BrokenBarrierException}. Every party of a
 * round sees the same outcome: a timeout that races with the last arrival either breaks the round
 * for all of its parties or comes too late and the round passes for all. A party whose process
 * dies while it waits does not break it (nothing notices); give waits a timeout when a party may
 * die.
 *
 * <h2>The action</h2>
 * The optional action runs once per round, in the last party to arrive (whatever its process),
 * before any party is released. While it runs, no timeout or interrupt breaks the round (a waiter's
 * timeout that elapses meanwhile waits for the action; an interrupt is kept and the wait goes on),
 * and callers of the next round wait for it to finish. If it throws, the round is broken: the
 * other parties get {@link BrokenBarrierException}, and the last party gets the action's
 * {@link RuntimeException} or {@link Error}, or a {@code BrokenBarrierException} caused by its
 * checked exception. {@link #abort()} and {@link #reset()} while it runs break the round, its party
 * included.
 *
 * <h2>Handing it to other processes</h2>
 * The action and the default timeout travel with the barrier: each process's handle runs the same
 * action when its party is the last to arrive. So a barrier with an action can be handed to another
 * process only if the action is serializable ({@link ThrowingRunnable} is; a lambda that captures
 * something that is not fails to encode, naming it) and its classes are allowed where it is decoded
 * (a task's own classes are).
 *
 * <p>An interrupt is noticed within 20 ms. {@link #close()} releases this process's handle; a wait
 * of another thread of this process on it then throws {@link IllegalStateException} (within 20 ms;
 * its arrival stays counted). Memory visibility: actions of each party before it arrives
 * happen-before the action, which happens-before actions of every party after its wait returns.
 */
public final class ProcessBarrier implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessBarrier";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient BarrierWord word;
    @SuppressWarnings("serial") // sent in the ShmRef, where it must be serializable
    private final transient ThrowingRunnable action;
    private final transient Duration timeout;
    private final transient long timeoutNanos; // -1: none

    /**
     * What travels with the memory's handle: the action and the default timeout.
     *
     * @param action run once per round by the last party to arrive, or null
     * @param timeout how long a wait without its own timeout lasts, or null for no limit
     */
    record Settings(ThrowingRunnable action, Duration timeout) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * A barrier for {@code parties} callers, with no action and no default timeout.
     *
     * @param parties how many callers each round waits for
     * @throws IllegalArgumentException if {@code parties} is below 1
     * @throws ProcessException if the system cannot make shared memory
     */
    public ProcessBarrier(int parties) {
        this(parties, null, null);
    }

    /**
     * A barrier for {@code parties} callers whose {@link #await()} waits at most {@code timeout}:
     * Python's {@code Barrier(parties, timeout=timeout)}.
     *
     * @param parties how many callers each round waits for
     * @param timeout how long a wait without its own timeout lasts
     * @throws IllegalArgumentException if {@code parties} is below 1 or {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public ProcessBarrier(int parties, Duration timeout) {
        this(parties, null, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * A barrier for {@code parties} callers: Python's {@code Barrier(parties, action, timeout)}.
     *
     * @param action run once per round by the last party to arrive, before any is released, or
     *     null for none (see the class comment; it must be serializable to hand the barrier on)
     * @param timeout how long {@link #await()} waits at most, or null for no limit
     * @param parties how many callers each round waits for
     * @throws IllegalArgumentException if {@code parties} is below 1 or {@code timeout} is negative
     * @throws ProcessException if the system cannot make shared memory
     */
    public ProcessBarrier(int parties, ThrowingRunnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: " + parties);
        }
        long nanos = timeout == null ? -1 : dev.weft.internal.Timeouts.toNanos(timeout);
        this.segment = Segment.create(BarrierWord.BYTES);
        this.word = new BarrierWord(segment);
        this.action = action;
        this.timeout = timeout;
        this.timeoutNanos = nanos;
        word.init(parties);
    }

    private ProcessBarrier(Segment segment, Settings settings) {
        this.segment = segment;
        this.word = new BarrierWord(segment);
        this.action = settings == null ? null : settings.action();
        this.timeout = settings == null ? null : settings.timeout();
        this.timeoutNanos = timeout == null ? -1 : timeout.toNanos();
    }

    /**
     * Waits for the other parties, at most the default timeout if one was given, else without
     * limit: Python's {@code wait()}.
     *
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the default timeout
     *     elapsed (which breaks it), or the action threw a checked exception
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     * @throws IllegalStateException if this handle is or gets closed
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return word.await(timeoutNanos, action);
    }

    /**
     * Waits at most {@code timeout} for the other parties: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapsed
     *     (which breaks it), or the action threw a checked exception
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if this handle is or gets closed
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        long nanos = dev.weft.internal.Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return word.await(nanos, action);
    }

    /** {@return the default timeout of {@link #await()}, if one was given: Python's {@code timeout}} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Breaks the waiters of this round and starts an empty one: Python's {@code reset()}. */
    public void reset() {
        word.reset();
    }

    /** Breaks the barrier until {@link #reset()}: Python's {@code abort()}. */
    public void abort() {
        word.abort();
    }

    /** {@return whether it is broken: Python's {@code broken}} */
    public boolean isBroken() {
        return word.isBroken();
    }

    /** {@return how many wait now: Python's {@code n_waiting}} A hint. */
    public int nWaiting() {
        return word.nWaiting();
    }

    /** {@return how many parties it takes: Python's {@code parties}} */
    public int parties() {
        return word.parties();
    }

    /**
     * Releases this process's handle (the memory is unmapped once no handle here and no waiting
     * thread uses it). Idempotent.
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

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    private Object writeReplace() {
        ShmRef ref = segment.ref(KIND, 0, null);
        return action == null && timeout == null ? ref : ref.with(new Settings(action, timeout));
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process barrier travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return new ProcessBarrier(Segment.open(ref), (Settings) ref.extra());
    }
}
