package dev.weft.queue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * A binary min-heap that is stable: items that compare equal come out in the order they went in.
 * Python's {@code PriorityQueue} (and the JDK's) leave that order unspecified, which is why Python
 * code puts {@code (priority, counter, item)} tuples in; here a sequence number kept in a parallel
 * array does it without wrapping each item.
 */
final class HeapStore<E> extends Store<E> {
    private final Comparator<? super E> comparator; // null: natural order
    private Object[] items;
    private long[] seqs;
    private int size;
    private long nextSeq;

    HeapStore(Comparator<? super E> comparator, int expected) {
        this.comparator = comparator;
        int capacity = expected <= 8 ? 8 : 16;
        this.items = new Object[capacity];
        this.seqs = new long[capacity];
    }

    @Override
    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    private boolean less(Object a, long seqA, Object b, long seqB) {
        int c = comparator != null
                ? comparator.compare((E) a, (E) b)
                : ((Comparable<Object>) a).compareTo(b);
        return c < 0 || (c == 0 && seqA < seqB);
    }

    @Override
    void check(E e) {
        if (comparator == null && !(e instanceof Comparable)) {
            // Fail on insert, as PriorityQueue does, not later in some other thread's get; and
            // before waiting for room, since no room will make it fit.
            throw new ClassCastException(e.getClass().getName()
                    + " is not Comparable; give the priority WorkQueue a Comparator");
        }
    }

    @Override
    void add(E e) {
        check(e);
        if (size == items.length) {
            int capacity = Store.grow(items.length);
            items = Arrays.copyOf(items, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
        }
        long seq = nextSeq;
        // Every comparison happens before anything moves: a comparator that throws (or two items
        // that cannot be compared) leaves the heap as it was.
        int target = size;
        while (target > 0) {
            int parent = (target - 1) >>> 1;
            if (!less(e, seq, items[parent], seqs[parent])) {
                break;
            }
            target = parent;
        }
        for (int k = size; k > target; ) {
            int parent = (k - 1) >>> 1;
            items[k] = items[parent];
            seqs[k] = seqs[parent];
            k = parent;
        }
        items[target] = e;
        seqs[target] = seq;
        size++;
        nextSeq++;
    }

    private void siftUp(int k, Object e, long seq) {
        Object[] a = items;
        long[] s = seqs;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!less(e, seq, a[parent], s[parent])) {
                break;
            }
            a[k] = a[parent];
            s[k] = s[parent];
            k = parent;
        }
        a[k] = e;
        s[k] = seq;
    }

    private void siftDown(int k, Object e, long seq) {
        Object[] a = items;
        long[] s = seqs;
        int half = size >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < size && less(a[right], s[right], a[child], s[child])) {
                child = right;
            }
            if (!less(a[child], s[child], e, seq)) {
                break;
            }
            a[k] = a[child];
            s[k] = s[child];
            k = child;
        }
        a[k] = e;
        s[k] = seq;
    }

    @Override
    @SuppressWarnings("unchecked")
    E remove() {
        E top = (E) items[0];
        removeAt(0);
        return top;
    }

    private void removeAt(int i) {
        int last = --size;
        Object moved = items[last];
        long movedSeq = seqs[last];
        items[last] = null;
        if (i != last) {
            siftDown(i, moved, movedSeq);
            if (items[i] == moved) {
                siftUp(i, moved, movedSeq);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    E peek() {
        return (E) items[0];
    }

    @Override
    Object[] toArray() {
        return Arrays.copyOf(items, size);
    }

    @Override
    boolean removeFirst(Predicate<Object> match) {
        for (int i = 0; i < size; i++) {
            if (match.test(items[i])) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    int removeIf(Predicate<? super E> filter) {
        boolean[] remove = new boolean[size];
        for (int i = 0; i < size; i++) {
            remove[i] = filter.test((E) items[i]); // decide everything first: the filter may throw
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!remove[i]) {
                items[kept] = items[i];
                seqs[kept] = seqs[i];
                kept++;
            }
        }
        Arrays.fill(items, kept, size, null);
        int removed = size - kept;
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, items[i], seqs[i]); // re-heapify
        }
        return removed;
    }

    @Override
    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }
}
