package dev.weft.process;

import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.DictObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A dict kept by a {@link Manager}'s server: Python's {@code DictProxy}, as a {@link ConcurrentMap}.
 * Every process that holds it (hand it to a child process or a pool task as an argument, or put it
 * on a queue) reads and writes the same dict.
 *
 * <h2>Keys and values are copies</h2>
 * A put encodes the key and the value with Weft's codec in the calling process; a get decodes a new
 * copy in the caller's (only classes its allowlist accepts; others fail with
 * {@link ProcessException} naming the class). The server never decodes them: two keys are the same
 * key when their encodings are equal, which for the codec's value types (strings, numbers, booleans,
 * enums, records and lists of them) is exactly {@code equals}; {@link #containsValue} and the
 * conditional ops compare values the same way. As with Python's proxies, changing a value that was
 * got changes only the copy: put it back.
 *
 * <h2>Atomicity and order</h2>
 * Each method is one call to the server, and atomic there: {@link #putIfAbsent},
 * {@link #remove(Object, Object)} and the {@code replace} methods are compare-and-set operations,
 * so {@code ConcurrentMap}'s {@code compute}, {@code merge} and {@code computeIfAbsent}, which are
 * built on them, are atomic across processes too (they may call the function more than once).
 * {@link #entrySet()}, {@link #keySet()}, {@link #values()}, iteration, {@code equals},
 * {@code hashCode} and {@code toString} work on a snapshot taken by one call; removing through
 * their iterators and {@code Entry.setValue} write through. Entries keep insertion order, as a
 * Python dict. Nulls are refused with {@link NullPointerException}, as by every
 * {@code ConcurrentMap}.
 *
 * <h2>Blocking and failures</h2>
 * Every method waits for one round trip to the server and does not give up on interrupt (nothing
 * it does waits in the server). When the server is gone, each call throws
 * {@link ManagerUnavailableException} at once.
 *
 * <p>Memory visibility: a write's effects are in the server when the writing call returns, so any
 * call that starts after it, from any process, sees them.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class DictProxy<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    final transient ManagedRef target;

    DictProxy(ManagedRef target) {
        this.target = target;
    }

    @Override
    public V get(Object key) {
        return target.decodeOrNull(target.quick(DictObject.GET, 0, 0, encodeKey(key)));
    }

    @Override
    public V put(K key, V value) {
        return target.decodeOrNull(target.quick(DictObject.PUT, 0, 0, Packed.pack(encodeKey(key), encodeValue(value))));
    }

    @Override
    public V remove(Object key) {
        return target.decodeOrNull(target.quick(DictObject.REMOVE, 0, 0, encodeKey(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        return target.quick(DictObject.CONTAINS_KEY, 0, 0, encodeKey(key)).value() != 0;
    }

    @Override
    public boolean containsValue(Object value) {
        return target.quick(DictObject.CONTAINS_VALUE, 0, 0, encodeValue(value)).value() != 0;
    }

    @Override
    public int size() {
        return (int) target.quick(DictObject.SIZE, 0, 0, null).value();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        target.quick(DictObject.CLEAR, 0, 0, null);
    }

    /** Puts every mapping of {@code m} in one call: Python's {@code update}. */
    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        List<byte[]> parts = new ArrayList<>(2 * m.size());
        for (Map.Entry<? extends K, ? extends V> e : m.entrySet()) {
            parts.add(encodeKey(e.getKey()));
            parts.add(encodeValue(e.getValue()));
        }
        target.quick(DictObject.PUT_ALL, 0, 0, Packed.pack(parts));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return target.decodeOrNull(target.quick(DictObject.PUT_IF_ABSENT, 0, 0,
                Packed.pack(encodeKey(key), encodeValue(value))));
    }

    @Override
    public boolean remove(Object key, Object value) {
        if (key == null || value == null) {
            return false;
        }
        return target.quick(DictObject.REMOVE_IF, 0, 0, Packed.pack(encodeKey(key), encodeValue(value))).value() != 0;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return target.quick(DictObject.REPLACE_IF, 0, 0,
                Packed.pack(encodeKey(key), encodeValue(oldValue), encodeValue(newValue))).value() != 0;
    }

    @Override
    public V replace(K key, V value) {
        return target.decodeOrNull(target.quick(DictObject.REPLACE, 0, 0, Packed.pack(encodeKey(key), encodeValue(value))));
    }

    /** {@return the mappings, as they are now, in insertion order: Python's {@code copy()}} */
    public Map<K, V> copy() {
        List<byte[]> items = target.quick(DictObject.ITEMS, 0, 0, null).items();
        Map<K, V> copy = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            copy.put(target.decode(items.get(i)), target.decode(items.get(i + 1)));
        }
        return copy;
    }

    /** A snapshot of the entries; removing through it, or setting an entry's value, writes through. */
    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Map<K, V> snapshot = copy();
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                Iterator<Map.Entry<K, V>> it = snapshot.entrySet().iterator();
                return new Iterator<>() {
                    private Map.Entry<K, V> last;

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<K, V> next() {
                        Map.Entry<K, V> e = it.next();
                        last = e;
                        return new SimpleEntry<>(e.getKey(), e.getValue()) {
                            @Serial
                            private static final long serialVersionUID = 1L;

                            @Override
                            public V setValue(V value) {
                                super.setValue(value);
                                return DictProxy.this.put(getKey(), value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last == null) {
                            throw new IllegalStateException("next() has not been called");
                        }
                        DictProxy.this.remove(last.getKey());
                        last = null;
                    }
                };
            }

            @Override
            public int size() {
                return snapshot.size();
            }
        };
    }

    private byte[] encodeKey(Object key) {
        return ManagedRef.encode(Objects.requireNonNull(key, "key"), "a key");
    }

    private byte[] encodeValue(Object value) {
        return ManagedRef.encode(Objects.requireNonNull(value, "value"), "a value");
    }

    /** The mappings as they are now, as any map shows them. */
    @Override
    public String toString() {
        return copy().toString();
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
        throw new InvalidObjectException("a manager's dict travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new DictProxy<>(new ManagedRef(ref));
    }
}
