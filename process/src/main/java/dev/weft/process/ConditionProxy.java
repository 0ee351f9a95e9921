package dev.weft.process;

import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.ConditionObject;
import dev.weft.process.internal.manager.ManagerServer;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * A condition kept by a {@link Manager}'s server, on a manager lock ({@link #lock()}): what Python's
 * {@code manager.Condition()} returns, as a {@link Condition}. Python's names are here too:
 * {@link #await(Duration)} for {@code wait(timeout)}, {@link #awaitFor} for {@code wait_for},
 * {@link #notify(int)} and {@link #notifyAll_()} for {@code notify(n)} and {@code notify_all()}.
 *
 * <p>A wait releases every hold the calling thread has on the lock, waits in the server for a
 * notify (waiters are woken in the order they began to wait) or the timeout, then takes the holds
 * back before it returns, even when interrupted (then it throws {@link InterruptedException} holding
 * the lock, as {@code Condition.await} does). Waiting or notifying without holding the lock throws
 * {@link IllegalMonitorStateException}. As with any condition, re-check what you wait for:
 * {@link #awaitFor} does. When the server is gone, every call throws
 * {@link ManagerUnavailableException}.
 */
public final class ConditionProxy implements Condition, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;
    @SuppressWarnings("serial")
    private final transient LockProxy lock;

    ConditionProxy(ManagedRef target, LockProxy lock) {
        this.target = target;
        this.lock = lock;
    }

    /** How a condition's ref names its lock: the lock's id and whether it is an RLock. */
    static long param(long lockId, boolean reentrant) {
        return lockId * 2 + (reentrant ? 1 : 0);
    }

    /** The lock this condition waits on (Python's {@code acquire}/{@code release} on the condition). */
    public LockProxy lock() {
        return lock;
    }

    /**
     * Waits for a notify, at most {@code timeout}: Python's {@code wait(timeout)}.
     *
     * @return false if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return waitNanos(ManagedRef.nanos(timeout));
    }

    /**
     * Waits until {@code predicate} is true, re-checking it after each notify, at most
     * {@code timeout} in all: Python's {@code wait_for(predicate, timeout)}. The predicate runs in
     * this thread with the lock held.
     *
     * @return the predicate's last value
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + ManagedRef.nanos(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            waitNanos(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    private boolean waitNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return target.call(ConditionObject.WAIT, nanos, ManagedRef.thread(), null).value() != 0;
    }

    /**
     * Wakes up to {@code n} waiters: Python's {@code notify(n)}.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void notify(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        target.quick(ConditionObject.NOTIFY, n, ManagedRef.thread(), null);
    }

    /**
     * Wakes every waiter: Python's {@code notify_all()} (the underscore keeps it apart from
     * {@link Object#notifyAll()}).
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public void notifyAll_() {
        target.quick(ConditionObject.NOTIFY_ALL, 0, ManagedRef.thread(), null);
    }

    @Override
    public void await() throws InterruptedException {
        waitNanos(-1);
    }

    @Override
    public void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                waitNanos(-1);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the wait ended holding the lock; a notify may have been spent: wait again
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        waitNanos(Math.max(0, nanosTimeout));
        return nanosTimeout - (System.nanoTime() - start);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return waitNanos(Math.max(0, unit.toNanos(time)));
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return waitNanos(Math.max(0, TimeUnit.MILLISECONDS.toNanos(deadline.getTime() - System.currentTimeMillis())));
    }

    @Override
    public void signal() {
        notify(1);
    }

    @Override
    public void signalAll() {
        notifyAll_();
    }

    @Override
    public String toString() {
        return "ConditionProxy[" + target + "]";
    }

    @Serial
    private Object writeReplace() {
        return target.ref;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a manager's condition travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        ManagedRef target = new ManagedRef(ref);
        long lockId = ref.param() / 2;
        String kind = ref.param() % 2 == 1 ? ManagerServer.RLOCK : ManagerServer.LOCK;
        return new ConditionProxy(target, new LockProxy(new ManagedRef(target.sibling(lockId, kind, 0))));
    }
}
