package dev.weft.aio;

import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueFullException;
import dev.weft.queue.QueueShutDownException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * A first-in, first-out queue for the tasks of one event loop: Python's {@code asyncio.Queue},
 * with {@link LifoQueue} and {@link PriorityQueue} beside it. {@link #put} waits while the queue
 * is full (when it has a {@code maxsize}); {@link #get} waits while it is empty; both are await
 * points that serve waiters in order. {@link #taskDone()} and {@link #join()} count unfinished
 * items; {@link #shutdown(boolean)} ends the queue (Python 3.13).
 *
 * <p>Not thread-safe: use it from the tasks and callbacks of its loop (every method checks). To
 * feed it from another thread, use {@code loop.callSoonThreadsafe(() -> q.putNowait(x))}.
 *
 * @param <E> the type of the items
 */
public sealed class Queue<E> permits LifoQueue, PriorityQueue {
    private final int maxsize;
    private final ArrayDeque<Waiter> getters = new ArrayDeque<>();
    private final ArrayDeque<Waiter> putters = new ArrayDeque<>();
    /** Tasks waiting in {@link #join()}. */
    private final ArrayDeque<Waiter> joiners = new ArrayDeque<>();
    private int unfinished;
    private boolean shutDown;

    /** Creates an unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue of at most {@code maxsize} items; 0 or less means unbounded, as in Python.
     *
     * @param maxsize the most items it holds; 0 or less for no bound
     */
    public Queue(int maxsize) {
        this.maxsize = Math.max(0, maxsize);
    }

    // The store: a FIFO here; LifoQueue and PriorityQueue override these three.
    private final ArrayDeque<E> items = new ArrayDeque<>();

    void store(E item) {
        items.addLast(item);
    }

    E take() {
        return items.pollFirst();
    }

    int stored() {
        return items.size();
    }

    /** {@return the number of items in the queue: Python's {@code qsize()}} */
    public int qsize() {
        return stored();
    }

    /** {@return the bound given at construction; 0 for none} */
    public int maxsize() {
        return maxsize;
    }

    /** {@return whether the queue holds no item} */
    public boolean empty() {
        return stored() == 0;
    }

    /** {@return whether the queue holds {@code maxsize} items (never, when unbounded)} */
    public boolean full() {
        return maxsize > 0 && stored() >= maxsize;
    }

    /**
     * Adds {@code item}, waiting (an await point) while the queue is full.
     *
     * @param item the item, not null
     * @throws QueueShutDownException if the queue is shut down, on entry or while waiting
     * @throws CancellationException if the calling task is cancelled; the item is then not added
     */
    public void put(E item) {
        Task<?> t = Aio.requireTask("Queue.put");
        t.deliverCancel();
        while (full()) {
            checkOpen();
            Waiters.awaitTurn(t, putters, () -> {
                if (!full()) {
                    Waiters.wakeFirst(putters); // it was woken for a free slot it will not use
                }
            });
        }
        putNowait(item);
    }

    /**
     * Adds {@code item} without waiting.
     *
     * @param item the item, not null
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        Aio.requireLoop("Queue");
        checkOpen();
        if (full()) {
            throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
        }
        store(item);
        unfinished++;
        Waiters.wakeFirst(getters);
    }

    /**
     * Removes and returns the next item, waiting (an await point) while the queue is empty.
     *
     * @return the item
     * @throws QueueShutDownException if the queue is shut down and empty (or shut down with
     *     {@code immediate}), on entry or while waiting
     * @throws CancellationException if the calling task is cancelled; no item is taken then
     */
    public E get() {
        Task<?> t = Aio.requireTask("Queue.get");
        t.deliverCancel();
        while (empty()) {
            if (shutDown) {
                throw new QueueShutDownException("queue is shut down and empty");
            }
            Waiters.awaitTurn(t, getters, () -> {
                if (!empty()) {
                    Waiters.wakeFirst(getters); // it was woken for an item it will not take
                }
            });
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item without waiting.
     *
     * @return the item
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        Aio.requireLoop("Queue");
        if (empty()) {
            if (shutDown) {
                throw new QueueShutDownException("queue is shut down and empty");
            }
            throw new QueueEmptyException("queue is empty");
        }
        E item = take();
        Waiters.wakeFirst(putters);
        return item;
    }

    /**
     * Tells that an item got earlier has been dealt with: Python's {@code task_done()}.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        Aio.requireLoop("Queue");
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than there were items");
        }
        if (--unfinished == 0) {
            joiners.forEach(w -> w.grant());
        }
    }

    /** Waits (an await point) until every item put has been marked done with {@link #taskDone()}. */
    public void join() {
        Task<?> t = Aio.requireTask("Queue.join");
        t.deliverCancel();
        while (unfinished > 0) { // again after a wake-up: items put since then count too, as in Python
            Waiters.awaitTurn(t, joiners, () -> {});
        }
    }

    /**
     * Shuts the queue down: Python 3.13's {@code shutdown(immediate)}. Later puts throw
     * {@link QueueShutDownException}, and so do gets once the queue is empty; waiting putters and
     * getters are woken to throw it. With {@code immediate}, the items are dropped (each counted
     * done, so {@link #join()} returns) and gets throw at once.
     *
     * @param immediate whether to drop the items still queued, failing their {@code join} waiters too, rather
     *     than let them be got
     */
    public void shutdown(boolean immediate) {
        Aio.requireLoop("Queue");
        shutDown = true;
        if (immediate) {
            while (!empty()) {
                take();
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                joiners.forEach(w -> w.grant());
            }
        }
        getters.forEach(w -> w.grant());
        putters.forEach(w -> w.grant());
    }

    private void checkOpen() {
        if (shutDown) {
            throw new QueueShutDownException("queue is shut down");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + stored() + ", maxsize=" + maxsize
                + ", unfinished=" + unfinished + (shutDown ? ", shut down" : "") + "]";
    }
}
