package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.ManagerServer;
import dev.weft.process.internal.manager.SemaphoreObject;
import dev.weft.sync.Guard;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * A semaphore kept by a {@link Manager}'s server: what Python's {@code manager.Semaphore(n)} and
 * {@code manager.BoundedSemaphore(n)} return. Its permits have no owner, as in Python: any thread
 * of any process may release one, and a process that dies holding some does not give them back. A
 * bounded one refuses a release that would exceed its initial value
 * ({@link IllegalStateException}, Python's {@code ValueError}).
 *
 * <p>{@link #acquire()} waits without limit, {@link #tryAcquire(Duration)} at most the given time,
 * in the server; an interrupted waiter throws {@link InterruptedException} and has taken nothing.
 * When the server is gone, every call throws {@link ManagerUnavailableException}.
 */
public final class SemaphoreProxy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;

    SemaphoreProxy(ManagedRef target) {
        this.target = target;
    }

    /** {@return whether releases above the initial value are refused} */
    public boolean bounded() {
        return target.ref.kind().equals(ManagerServer.BOUNDED_SEMAPHORE);
    }

    /**
     * Takes a permit, waiting without limit: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     */
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        target.call(SemaphoreObject.ACQUIRE, -1, 0, null);
    }

    /**
     * Takes a permit if one is free now: Python's {@code acquire(blocking=False)}.
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        return target.quick(SemaphoreObject.ACQUIRE, 0, 0, null).value() != 0;
    }

    /**
     * Takes a permit, waiting at most {@code timeout}: Python's {@code acquire(timeout=...)}.
     *
     * @param timeout the longest to wait
     * @return false if none came free in time
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = ManagedRef.nanos(timeout);
        if (nanos == 0) {
            return tryAcquire();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return target.call(SemaphoreObject.ACQUIRE, nanos, 0, null).value() != 0;
    }

    /**
     * Takes a permit (waiting without limit, keeping an interrupt) and returns a guard whose close gives it back.
     *
     * @return the guard, for try-with-resources
     */
    public Guard hold() {
        Uninterruptibly.run(() -> target.call(SemaphoreObject.ACQUIRE, -1, 0, null));
        return ManagedRef.guard(this::release);
    }

    /**
     * Gives a permit back: Python's {@code release()}.
     *
     * @throws IllegalStateException if the semaphore is bounded and every permit is free already
     */
    public void release() {
        release(1);
    }

    /**
     * Gives {@code n} permits back: Python's {@code release(n)}.
     *
     * @param n how many permits to give back
     * @throws IllegalStateException if the semaphore is bounded and that would exceed its bound
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must release at least one permit: " + n);
        }
        target.quick(SemaphoreObject.RELEASE, n, 0, null);
    }

    /** {@return the number of free permits now: Python's {@code get_value()}} A hint. */
    public int availablePermits() {
        return (int) target.quick(SemaphoreObject.VALUE, 0, 0, null).value();
    }

    @Override
    public String toString() {
        return (bounded() ? "BoundedSemaphoreProxy[" : "SemaphoreProxy[") + target + "]";
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
        throw new InvalidObjectException("a manager's semaphore travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new SemaphoreProxy(new ManagedRef(ref));
    }
}
