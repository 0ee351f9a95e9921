package dev.weft.queue;

import java.util.function.Predicate;

/**
 * The storage of a {@link WorkQueue}, which decides its order. Not thread-safe: the queue calls
 * it only while holding its lock. "Position" below means place in removal order: position 0 is
 * what {@link #remove()} returns next.
 */
abstract sealed class Store<E> permits RingStore, HeapStore {
    /** Doubling growth, capped where arrays are (the heap's arrays need not be powers of two). */
    static int grow(int length) {
        int grown = length << 1;
        if (grown < 0 || grown > Integer.MAX_VALUE - 8) {
            if (length == Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("WorkQueue cannot hold more than " + length + " items");
            }
            return Integer.MAX_VALUE - 8;
        }
        return grown;
    }

    abstract int size();

    /**
     * Throws if {@code e} can never be added (for example, not Comparable in a natural-order
     * heap), so a put fails at once instead of after waiting for room.
     */
    void check(E e) {}

    /** Adds {@code e}; if it throws, the store is unchanged. */
    abstract void add(E e);

    /** Removes and returns the next item; the store is not empty. */
    abstract E remove();

    /** The next item, or null if empty. */
    abstract E peek();

    /** The items, in removal order for FIFO and LIFO, in heap order for priority. */
    abstract Object[] toArray();

    /** Removes the first item (in {@link #toArray()} order) for which {@code match} holds. */
    abstract boolean removeFirst(Predicate<Object> match);

    /** Removes every item for which {@code filter} holds; if it throws, nothing is removed. */
    abstract int removeIf(Predicate<? super E> filter);

    abstract void clear();
}
