package dev.weft.process;

import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.EventObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * An event kept by a {@link Manager}'s server: what Python's {@code manager.Event()} returns, with
 * the names of {@link dev.weft.sync.Event}. {@link #await()} waits without limit and
 * {@link #await(Duration)} at most the given time, in the server; an interrupted waiter throws
 * {@link InterruptedException}. When the server is gone, every call throws
 * {@link ManagerUnavailableException}.
 */
public final class EventProxy implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;

    EventProxy(ManagedRef target) {
        this.target = target;
    }

    /** {@return whether the flag is set: Python's {@code is_set()}} */
    public boolean isSet() {
        return target.quick(EventObject.IS_SET, 0, 0, null).value() != 0;
    }

    /** Sets the flag, waking every waiter: Python's {@code set()}. */
    public void set() {
        target.quick(EventObject.SET, 0, 0, null);
    }

    /** Clears the flag: Python's {@code clear()}. */
    public void clear() {
        target.quick(EventObject.CLEAR, 0, 0, null);
    }

    /**
     * Waits until the flag is set: Python's {@code wait()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public void await() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        target.call(EventObject.WAIT, -1, 0, null);
    }

    /**
     * Waits at most {@code timeout} for the flag: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return whether the flag is set
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = ManagedRef.nanos(timeout);
        if (nanos == 0) {
            return isSet();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return target.call(EventObject.WAIT, nanos, 0, null).value() != 0;
    }

    @Override
    public String toString() {
        return "EventProxy[" + target + "]";
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
        throw new InvalidObjectException("a manager's event travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new EventProxy(new ManagedRef(ref));
    }
}
