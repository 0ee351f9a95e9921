package dev.weft.process.internal.pool;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The list a map returns when every result is an {@code Integer}: the values kept unboxed in an
 * {@code int[]}, boxed as they are read. It is a full, mutable list like the {@code ArrayList} a map
 * returns otherwise: it grows and shrinks, and the first element that is not an {@code Integer} (or
 * a null) moves it to boxed storage for good. Not thread-safe, as {@code ArrayList}.
 */
public final class IntList extends AbstractList<Object> implements RandomAccess, java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private int[] ints; // null once boxed
    private Object[] boxed; // null while unboxed
    private int size;

    IntList(int[] values) {
        this.ints = values;
        this.size = values.length;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, size);
        return ints != null ? Integer.valueOf(ints[index]) : boxed[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object set(int index, Object element) {
        Objects.checkIndex(index, size);
        if (ints != null && element instanceof Integer i) {
            int old = ints[index];
            ints[index] = i;
            return old;
        }
        box();
        Object old = boxed[index];
        boxed[index] = element;
        return old;
    }

    @Override
    public void add(int index, Object element) {
        Objects.checkIndex(index, size + 1);
        if (ints != null && element instanceof Integer i) {
            if (size == ints.length) {
                ints = Arrays.copyOf(ints, Math.max(8, size + (size >> 1)));
            }
            System.arraycopy(ints, index, ints, index + 1, size - index);
            ints[index] = i;
        } else {
            box();
            if (size == boxed.length) {
                boxed = Arrays.copyOf(boxed, Math.max(8, size + (size >> 1)));
            }
            System.arraycopy(boxed, index, boxed, index + 1, size - index);
            boxed[index] = element;
        }
        size++;
        modCount++;
    }

    @Override
    public Object remove(int index) {
        Object old = get(index);
        if (ints != null) {
            System.arraycopy(ints, index + 1, ints, index, size - index - 1);
        } else {
            System.arraycopy(boxed, index + 1, boxed, index, size - index - 1);
            boxed[size - 1] = null;
        }
        size--;
        modCount++;
        return old;
    }

    @Override
    public boolean addAll(Collection<?> c) {
        for (Object o : c) {
            add(size, o);
        }
        return !c.isEmpty();
    }

    @Override
    public void clear() {
        ints = new int[0];
        boxed = null;
        size = 0;
        modCount++;
    }

    private void box() {
        if (ints == null) {
            return;
        }
        Object[] b = new Object[Math.max(ints.length, size)];
        for (int i = 0; i < size; i++) {
            b[i] = ints[i];
        }
        boxed = b;
        ints = null;
    }
}
