package dev.weft.aio;

import java.util.Comparator;

/**
 * A {@link Queue} that gives the smallest item first: Python's {@code asyncio.PriorityQueue}.
 * Items are ordered by their natural order or by a comparator; equal items come out in no
 * particular order (as Python's heap), so put {@code (priority, sequence, item)} records when
 * order among equals matters.
 *
 * @param <E> the type of the items
 */
public final class PriorityQueue<E> extends Queue<E> {
    private final java.util.PriorityQueue<E> heap;

    /** Creates an unbounded queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * Creates a queue of at most {@code maxsize} items (0 or less: unbounded), ordered by
     * {@code comparator}, or by the items' natural order when it is null.
     *
     * @param maxsize the most items it holds; 0 or less for no bound
     * @param comparator the order, smallest first; null for the items' natural order
     */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize);
        this.heap = new java.util.PriorityQueue<>(comparator);
    }

    @Override
    void store(E item) {
        heap.add(item);
    }

    @Override
    E take() {
        return heap.poll();
    }

    @Override
    int stored() {
        return heap.size();
    }
}
