package dev.weft.queue;

import java.util.function.Predicate;

/**
 * A growable circular array, taken from the head (FIFO) or from the tail (LIFO). The capacity
 * is always a power of two, so positions wrap with a mask instead of a division.
 */
final class RingStore<E> extends Store<E> {
    private final boolean lifo;
    private Object[] items;
    private int head; // index of the oldest item
    private int size;

    RingStore(boolean lifo, int expected) {
        this.lifo = lifo;
        // Start small (a bounded queue rarely fills) and double up to what is needed.
        this.items = new Object[expected <= 8 ? 8 : 16];
    }

    @Override
    int size() {
        return size;
    }

    @Override
    void add(E e) {
        Object[] a = items;
        if (size == a.length) {
            if (a.length == 1 << 30) {
                throw new OutOfMemoryError("a WorkQueue cannot hold more than 2^30 items");
            }
            a = growTo(a.length << 1);
        }
        a[(head + size) & (a.length - 1)] = e;
        size++;
    }

    private Object[] growTo(int capacity) {
        Object[] old = items;
        Object[] a = new Object[capacity];
        int firstPart = Math.min(size, old.length - head);
        System.arraycopy(old, head, a, 0, firstPart);
        System.arraycopy(old, 0, a, firstPart, size - firstPart);
        head = 0;
        return items = a;
    }

    /** The array index of the item at removal position {@code position}. */
    private int index(int position) {
        int fromHead = lifo ? size - 1 - position : position;
        return (head + fromHead) & (items.length - 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    E remove() {
        Object[] a = items;
        E e;
        if (lifo) {
            int i = (head + size - 1) & (a.length - 1);
            e = (E) a[i];
            a[i] = null;
        } else {
            e = (E) a[head];
            a[head] = null;
            head = (head + 1) & (a.length - 1);
        }
        size--;
        return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    E peek() {
        return size == 0 ? null : (E) items[index(0)];
    }

    @Override
    Object[] toArray() {
        Object[] out = new Object[size];
        for (int p = 0; p < size; p++) {
            out[p] = items[index(p)];
        }
        return out;
    }

    @Override
    boolean removeFirst(Predicate<Object> match) {
        for (int p = 0; p < size; p++) {
            if (match.test(items[index(p)])) {
                removeAtPosition(p);
                return true;
            }
        }
        return false;
    }

    /** Removes the item at removal position p, closing the gap toward the tail. */
    private void removeAtPosition(int p) {
        int mask = items.length - 1;
        int fromHead = lifo ? size - 1 - p : p;
        for (int k = fromHead; k < size - 1; k++) {
            items[(head + k) & mask] = items[(head + k + 1) & mask];
        }
        items[(head + size - 1) & mask] = null;
        size--;
    }

    @Override
    @SuppressWarnings("unchecked")
    int removeIf(Predicate<? super E> filter) {
        int mask = items.length - 1;
        boolean[] remove = new boolean[size];
        for (int k = 0; k < size; k++) {
            remove[k] = filter.test((E) items[(head + k) & mask]); // decide first: it may throw
        }
        int kept = 0;
        for (int k = 0; k < size; k++) {
            Object e = items[(head + k) & mask];
            if (!remove[k]) {
                items[(head + kept++) & mask] = e;
            }
        }
        for (int k = kept; k < size; k++) {
            items[(head + k) & mask] = null;
        }
        int removed = size - kept;
        size = kept;
        return removed;
    }

    @Override
    void clear() {
        int mask = items.length - 1;
        for (int k = 0; k < size; k++) {
            items[(head + k) & mask] = null;
        }
        head = 0;
        size = 0;
    }
}
