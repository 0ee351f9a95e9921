package dev.weft.process;

import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.ConditionObject;
import dev.weft.process.internal.manager.ManagerServer;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A condition kept by a {@link Manager}'s server, on a manager lock ({@link #lock()}): what Python's
 * {@code manager.Condition()} returns, as a {@link java.util.concurrent.locks.Condition}. Python's names are here too:
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
public final class ConditionProxy extends PythonCondition implements Serializable {
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

    /**
     * {@return the lock this condition waits on (Python's {@code acquire}/{@code release} on the condition)}
     */
    public LockProxy lock() {
        return lock;
    }

    @Override
    boolean waitNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return target.call(ConditionObject.WAIT, nanos, ManagedRef.thread(), null).value() != 0;
    }

    @Override
    void wake(int n) {
        if (n == Integer.MAX_VALUE) {
            target.quick(ConditionObject.NOTIFY_ALL, 0, ManagedRef.thread(), null);
        } else {
            target.quick(ConditionObject.NOTIFY, n, ManagedRef.thread(), null);
        }
    }

    @Override
    public String toString() {
        return "ConditionProxy[" + target + "]";
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
        throw new InvalidObjectException("a manager's condition travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        ManagedRef target = new ManagedRef(ref);
        long lockId = ref.param() / 2;
        String kind = ref.param() % 2 == 1 ? ManagerServer.RLOCK : ManagerServer.LOCK;
        return new ConditionProxy(target, new LockProxy(new ManagedRef(target.sibling(lockId, kind, 0))));
    }
}
