package dev.weft.process;

import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import dev.weft.process.internal.manager.BarrierObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier kept by a {@link Manager}'s server: what Python's {@code manager.Barrier(parties)}
 * returns, with the names of {@link dev.weft.sync.Barrier}. Each {@link #await()} waits in the
 * server until {@link #parties()} callers, from any processes, have arrived; each gets a distinct
 * arrival index from 0 to {@code parties - 1}. As in Python, a wait that times out, is interrupted,
 * or whose process dies breaks the barrier: every other waiter, and every later one until
 * {@link #reset()}, throws {@link BrokenBarrierException}. When the server is gone, every call
 * throws {@link ManagerUnavailableException}.
 */
public final class BarrierProxy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;

    BarrierProxy(ManagedRef target) {
        this.target = target;
    }

    /**
     * Waits for the other parties, as long as the barrier's default timeout allows (none unless
     * given when it was made): Python's {@code wait()}.
     *
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the default timeout
     *     elapsed (which breaks it)
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        return awaitNanos(-1);
    }

    /**
     * Waits at most {@code timeout} for the other parties: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait
     * @return this caller's arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapsed
     *     (which breaks it, as in Python)
     * @throws InterruptedException if interrupted on entry or while waiting (which breaks it)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return awaitNanos(ManagedRef.nanos(timeout));
    }

    private int awaitNanos(long nanos) throws InterruptedException, BrokenBarrierException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Result r = target.callRaw(BarrierObject.WAIT, nanos, 0, null);
        if (r.status() == Result.BROKEN_BARRIER) {
            throw new BrokenBarrierException(r.message());
        }
        if (r.status() == Result.CANCELLED) {
            throw new InterruptedException();
        }
        return (int) r.rethrow(target.ref.describe()).value();
    }

    /** Mends a broken barrier; waiters now get {@link BrokenBarrierException}: Python's {@code reset()}. */
    public void reset() {
        target.quick(BarrierObject.RESET, 0, 0, null);
    }

    /** Breaks the barrier until {@link #reset()}: Python's {@code abort()}. */
    public void abort() {
        target.quick(BarrierObject.ABORT, 0, 0, null);
    }

    /** {@return whether the barrier is broken: Python's {@code broken}} */
    public boolean isBroken() {
        return target.quick(BarrierObject.BROKEN, 0, 0, null).value() != 0;
    }

    /** {@return how many are waiting now: Python's {@code n_waiting}} A hint. */
    public int nWaiting() {
        return (int) target.quick(BarrierObject.N_WAITING, 0, 0, null).value();
    }

    /** {@return how many parties it takes: Python's {@code parties}} */
    public int parties() {
        return (int) target.quick(BarrierObject.PARTIES, 0, 0, null).value();
    }

    @Override
    public String toString() {
        return "BarrierProxy[" + target + "]";
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    private Object writeReplace() {
        return target.ref;
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a manager's barrier travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new BarrierProxy(new ManagedRef(ref));
    }
}
