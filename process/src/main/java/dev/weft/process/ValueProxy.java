package dev.weft.process;

import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.ValueObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * One value kept by a {@link Manager}'s server: Python's {@code ValueProxy} ({@code manager.Value}),
 * with {@link #get} and {@link #set} for its {@code value} attribute, and the atomic
 * {@link #getAndSet} and {@link #compareAndSet} that Python lacks. As in Python,
 * {@code v.set(v.get() + 1)} is two calls and not atomic: hold a manager lock around it, or use
 * {@code compareAndSet} in a loop. For a number shared by processes on one machine,
 * {@link SharedValue} is far faster.
 *
 * <p>The value is a copy, as a {@link DictProxy}'s values are (see there for encodings, blocking,
 * failures and visibility); {@code compareAndSet} compares encodings. It may be null.
 *
 * @param <T> the type of the value
 */
public final class ValueProxy<T> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;

    ValueProxy(ManagedRef target) {
        this.target = target;
    }

    /** {@return the value now: Python's {@code v.value}} */
    public T get() {
        return target.decode(target.quick(ValueObject.GET, 0, 0, null).body());
    }

    /**
     * Sets the value: Python's {@code v.value = x}.
     *
     * @param value the new value, may be null
     */
    public void set(T value) {
        target.quick(ValueObject.SET, 0, 0, ManagedRef.encode(value, "a value"));
    }

    /**
     * Sets the value and returns the one it replaced, atomically.
     *
     * @param value the new value, may be null
     * @return the value it replaced
     */
    public T getAndSet(T value) {
        return target.decode(target.quick(ValueObject.GET_AND_SET, 0, 0, ManagedRef.encode(value, "a value")).body());
    }

    /**
     * Sets the value to {@code update} if it is now {@code expected} (by encoding), atomically.
     *
     * @param expected the value it must hold now
     * @param update the new value
     * @return whether it held {@code expected}, and so was set
     */
    public boolean compareAndSet(T expected, T update) {
        return target.quick(ValueObject.COMPARE_AND_SET, 0, 0,
                Packed.pack(ManagedRef.encode(expected, "a value"), ManagedRef.encode(update, "a value"))).value() != 0;
    }

    /** {@code ValueProxy[value]}. */
    @Override
    public String toString() {
        return "ValueProxy[" + get() + "]";
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
        throw new InvalidObjectException("a manager's value travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new ValueProxy<>(new ManagedRef(ref));
    }
}
