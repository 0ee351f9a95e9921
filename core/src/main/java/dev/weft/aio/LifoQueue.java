package dev.weft.aio;

import java.util.ArrayDeque;

/**
 * A last-in, first-out {@link Queue}: Python's {@code asyncio.LifoQueue}.
 *
 * @param <E> the type of the items
 */
public final class LifoQueue<E> extends Queue<E> {
    private final ArrayDeque<E> stack = new ArrayDeque<>();

    /** Creates an unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue of at most {@code maxsize} items (0 or less: unbounded).
     *
     * @param maxsize the most items it holds; 0 or less for no bound
     */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void store(E item) {
        stack.push(item);
    }

    @Override
    E take() {
        return stack.poll();
    }

    @Override
    int stored() {
        return stack.size();
    }
}
