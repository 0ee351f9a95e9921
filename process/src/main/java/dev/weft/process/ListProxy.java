package dev.weft.process;

import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.manager.ListObject;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list kept by a {@link Manager}'s server: Python's {@code ListProxy}, as a {@link List}; or, made
 * by {@link Manager#array}, an array of fixed length (Python's {@code ArrayProxy}), whose
 * {@code add} and {@code remove} methods throw {@link UnsupportedOperationException}, as those of
 * {@link java.util.Arrays#asList}.
 *
 * <p>Items are copies and compare by their encodings, as the keys and values of a
 * {@link DictProxy}: see there, and there for blocking, failures and visibility too. Each of
 * {@link #get}, {@link #set}, {@link #add}, {@link #remove(int)}, {@link #indexOf},
 * {@link #contains}, {@link #remove(Object)}, {@link #addAll} and {@link #clear} is one atomic call.
 * Iteration, {@link #toArray()}, {@code equals}, {@code hashCode} and {@code toString} work on a
 * snapshot taken by one call ({@link #copy()}); removing through an iterator writes through by
 * index. Methods built from several calls ({@code sort}, {@code replaceAll}, {@code subList}
 * views) are not atomic. Nulls are refused with {@link NullPointerException}.
 *
 * @param <E> the type of the items
 */
public final class ListProxy<E> extends AbstractList<E> implements RandomAccess, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends the ref
    final transient ManagedRef target;

    ListProxy(ManagedRef target) {
        this.target = target;
    }

    /**
     * The item at {@code index}.
     *
     * @throws IndexOutOfBoundsException if there is none
     */
    @Override
    public E get(int index) {
        return target.decode(target.quick(ListObject.GET, index, 0, null).body());
    }

    @Override
    public E set(int index, E element) {
        return target.decode(target.quick(ListObject.SET, index, 0, encode(element)).body());
    }

    /** Appends {@code element}: Python's {@code append}. */
    @Override
    public boolean add(E element) {
        target.quick(ListObject.APPEND, 0, 0, encode(element));
        modCount++;
        return true;
    }

    @Override
    public void add(int index, E element) {
        target.quick(ListObject.INSERT, index, 0, encode(element));
        modCount++;
    }

    @Override
    public E remove(int index) {
        E old = target.decode(target.quick(ListObject.REMOVE_AT, index, 0, null).body());
        modCount++;
        return old;
    }

    @Override
    public boolean remove(Object o) {
        modCount++;
        return target.quick(ListObject.REMOVE, 0, 0, encode(o)).value() != 0;
    }

    @Override
    public int size() {
        return (int) target.quick(ListObject.SIZE, 0, 0, null).value();
    }

    @Override
    public int indexOf(Object o) {
        return (int) target.quick(ListObject.INDEX_OF, 0, 0, encode(o)).value();
    }

    @Override
    public int lastIndexOf(Object o) {
        return (int) target.quick(ListObject.LAST_INDEX_OF, 0, 0, encode(o)).value();
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public void clear() {
        target.quick(ListObject.CLEAR, 0, 0, null);
        modCount++;
    }

    /** Appends every item of {@code c} in one call: Python's {@code extend}. */
    @Override
    public boolean addAll(Collection<? extends E> c) {
        return addAll(-1, c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        if (index < -1) {
            throw new IndexOutOfBoundsException("index " + index);
        }
        List<byte[]> items = new ArrayList<>(c.size());
        for (E e : c) {
            items.add(encode(e));
        }
        target.quick(ListObject.ADD_ALL, index, 0, Packed.pack(items));
        modCount++;
        return !items.isEmpty();
    }

    /** {@return the items as they are now, in one call} */
    public List<E> copy() {
        List<E> items = new ArrayList<>();
        for (byte[] item : target.quick(ListObject.SNAPSHOT, 0, 0, null).items()) {
            items.add(target.decode(item));
        }
        return items;
    }

    /** Iterates over a snapshot; {@code remove} removes the item at its index now. */
    @Override
    public Iterator<E> iterator() {
        List<E> snapshot = copy();
        return new Iterator<>() {
            private int next;
            private int removed;
            private boolean canRemove;

            @Override
            public boolean hasNext() {
                return next < snapshot.size();
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                canRemove = true;
                return snapshot.get(next++);
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("next() has not been called");
                }
                ListProxy.this.remove(next - 1 - removed);
                removed++;
                canRemove = false;
            }
        };
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }

    @Override
    public String toString() {
        return copy().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof List<?> l && copy().equals(l instanceof ListProxy<?> p ? p.copy() : l);
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    private static byte[] encode(Object item) {
        return ManagedRef.encode(Objects.requireNonNull(item, "item"), "an item");
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
        throw new InvalidObjectException("a manager's list travels as a reference to its server, never by content");
    }

    static Object resolve(RemoteRef ref) {
        return new ListProxy<>(new ManagedRef(ref));
    }
}
