package dev.weft.process;

import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.DictObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace kept by a {@link Manager}'s server: Python's {@code Namespace}, whose attributes every
 * process that holds it reads and writes. Java has no dynamic attributes, so they are named by
 * strings: {@code ns.set("x", 10)} for {@code ns.x = 10}, {@code ns.get("x")} for {@code ns.x}.
 *
 * <p>Values are copies, as a {@link DictProxy}'s (see there for encodings, blocking, failures and
 * visibility): {@code ns.get("list").add(1)} changes only the copy; set it back.
 */
public final class Namespace implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    private final transient ManagedRef target;

    Namespace(ManagedRef target) {
        this.target = target;
    }

    /**
     * Sets attribute {@code name}: Python's {@code ns.name = value}.
     *
     * @param name the attribute's name
     * @param value its value, may be null
     * @throws IllegalArgumentException if {@code value} cannot be encoded
     */
    public void set(String name, Object value) {
        target.quick(DictObject.PUT, 0, 0, Packed.pack(key(name), ManagedRef.encode(Objects.requireNonNull(value, "value"),
                "attribute " + name)));
    }

    /**
     * {@return the value of attribute {@code name}: Python's {@code ns.name}}
     *
     * @param <T> the type the caller expects
     * @param name the attribute's name
     * @throws IllegalArgumentException if there is no such attribute (Python's {@code AttributeError})
     */
    public <T> T get(String name) {
        T value = target.decodeOrNull(target.quick(DictObject.GET, 0, 0, key(name)));
        if (value == null) {
            throw new IllegalArgumentException("the namespace has no attribute " + name);
        }
        return value;
    }

    /**
     * {@return the value of attribute {@code name}, if it has one: Python's {@code getattr(ns, name, None)}}
     *
     * @param <T> the type the caller expects
     * @param name the attribute's name
     */
    public <T> Optional<T> find(String name) {
        return Optional.ofNullable(target.decodeOrNull(target.quick(DictObject.GET, 0, 0, key(name))));
    }

    /**
     * {@return whether attribute {@code name} is set: Python's {@code hasattr}}
     *
     * @param name the attribute's name
     */
    public boolean has(String name) {
        return target.quick(DictObject.CONTAINS_KEY, 0, 0, key(name)).value() != 0;
    }

    /**
     * Deletes attribute {@code name}: Python's {@code del ns.name}.
     *
     * @param name the attribute's name
     * @throws IllegalArgumentException if there is no such attribute
     */
    public void delete(String name) {
        if (target.decodeOrNull(target.quick(DictObject.REMOVE, 0, 0, key(name))) == null) {
            throw new IllegalArgumentException("the namespace has no attribute " + name);
        }
    }

    /**
     * {@return the attributes and their values now, in the order they were first set: Python's
     * {@code vars(ns)}}
     */
    public Map<String, Object> attributes() {
        List<byte[]> items = target.quick(DictObject.ITEMS, 0, 0, null).items();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            out.put(target.decode(items.get(i)), target.decode(items.get(i + 1)));
        }
        return out;
    }

    /** {@code Namespace(x=10, y='a')}, as Python prints one. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Namespace(");
        String sep = "";
        for (Map.Entry<String, Object> e : attributes().entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return b.append(')').toString();
    }

    private static byte[] key(String name) {
        return ManagedRef.encode(Objects.requireNonNull(name, "name"), "an attribute name");
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
        throw new InvalidObjectException("a manager's namespace travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new Namespace(new ManagedRef(ref));
    }
}
