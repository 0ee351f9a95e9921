package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import dev.weft.process.internal.manager.LockObject;
import dev.weft.process.internal.manager.ManagerServer;
import dev.weft.sync.Guard;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * A lock kept by a {@link Manager}'s server: what Python's {@code manager.Lock()} and
 * {@code manager.RLock()} return, as a {@link Lock}. Any thread of any process that holds the proxy
 * may acquire it; the owner is that thread, and only it may release it
 * ({@link IllegalMonitorStateException} otherwise, as a {@code ReentrantLock}). An {@code RLock} may
 * be acquired again by its owner and is free once released as many times. A {@code Lock} is not
 * reentrant: where Python would wait forever, acquiring it again from the owning thread throws
 * {@link IllegalMonitorStateException}.
 *
 * <h2>Blocking and interrupts</h2>
 * {@link #acquire()} and {@link #lockInterruptibly()} wait without limit, {@link #acquire(Duration)}
 * and {@link #tryLock(long, TimeUnit)} at most the given time, in the server; an interrupted waiter
 * throws {@link InterruptedException} and holds nothing (the server confirms before it returns).
 * {@link #lock()} waits without giving up on interrupt, and keeps the interrupt status. The other
 * methods take one round trip.
 *
 * <h2>Failures</h2>
 * When the owning process dies, or its connection to the server closes, the server releases the
 * lock: nobody waits forever on a dead process (Python's manager keeps such a lock held). When the
 * server is gone, every call throws {@link ManagerUnavailableException}.
 *
 * <p>Memory visibility: none between processes beyond what the calls themselves carry. Within a
 * process, as for any lock: actions before a release happen-before actions after a later acquire
 * by another thread (the reply of the acquire is received after the release's call completed).
 */
public final class LockProxy implements Lock, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    final transient ManagedRef target;

    LockProxy(ManagedRef target) {
        this.target = target;
    }

    /** {@return whether this is an RLock} */
    public boolean reentrant() {
        return target.ref.kind().equals(ManagerServer.RLOCK);
    }

    /**
     * Acquires, waiting without limit: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is held
     * @throws IllegalMonitorStateException if this thread holds a non-reentrant lock already
     */
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        target.call(LockObject.ACQUIRE, -1, ManagedRef.thread(), null);
    }

    /**
     * Acquires, waiting at most {@code timeout}: Python's {@code acquire(timeout=...)}.
     *
     * @param timeout the longest to wait
     * @return false if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is held
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        long nanos = ManagedRef.nanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Result r = nanos == 0 ? target.quick(LockObject.ACQUIRE, 0, ManagedRef.thread(), null)
                : target.call(LockObject.ACQUIRE, nanos, ManagedRef.thread(), null);
        return r.value() != 0;
    }

    /**
     * Releases one hold: Python's {@code release()}.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public void release() {
        target.quick(LockObject.RELEASE, 0, ManagedRef.thread(), null);
    }

    /**
     * Acquires (waiting without limit, keeping an interrupt) and returns a guard whose close releases.
     *
     * @return the guard, for try-with-resources
     */
    public Guard hold() {
        lock();
        return ManagedRef.guard(this::release);
    }

    /** {@return whether some thread of some process holds the lock now: Python's {@code locked()}} A hint. */
    public boolean locked() {
        return target.quick(LockObject.LOCKED, 0, 0, null).value() != 0;
    }

    /** {@return whether the calling thread holds the lock} */
    public boolean isHeldByCurrentThread() {
        return holdCount() > 0;
    }

    /** {@return how many holds the calling thread has (0 if it is not the owner)} */
    public int holdCount() {
        return (int) target.quick(LockObject.HOLD_COUNT, 0, ManagedRef.thread(), null).value();
    }

    @Override
    public void lock() {
        Uninterruptibly.run(() -> target.call(LockObject.ACQUIRE, -1, ManagedRef.thread(), null));
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire();
    }

    @Override
    public boolean tryLock() {
        return target.quick(LockObject.ACQUIRE, 0, ManagedRef.thread(), null).value() != 0;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(Duration.ofNanos(Math.max(0, unit.toNanos(time))));
    }

    @Override
    public void unlock() {
        release();
    }

    /** A new manager condition on this lock: Python's {@code manager.Condition(lock)}. */
    @Override
    public ConditionProxy newCondition() {
        long id = target.createSibling(ManagerServer.CONDITION, target.ref.objectId(), 0).value();
        return new ConditionProxy(new ManagedRef(target.sibling(id, ManagerServer.CONDITION,
                ConditionProxy.param(target.ref.objectId(), reentrant()))), this);
    }

    @Override
    public String toString() {
        return (reentrant() ? "RLockProxy[" : "LockProxy[") + target + "]";
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
        throw new InvalidObjectException("a manager's lock travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new LockProxy(new ManagedRef(ref));
    }
}
