package dev.weft.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.weft.cluster.internal.ChangeWaiter;
import dev.weft.cluster.internal.Counters;
import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue shared by every process of a cluster: a {@link BlockingQueue} (Hazelcast's
 * {@code IQueue}) with Python's {@code JoinableQueue} names and its {@link #taskDone()} and
 * {@link #join()}. Made by {@link Cluster#queue(String)}; every view of the same name is the same
 * queue.
 *
 * <p><b>Consistency, honestly.</b> The items live on one member (the owner of the queue's
 * partition), with a backup copy on {@link Cluster.Builder#backupCount another}: when the owner
 * dies, the backup takes over and no item that a {@code put} returned for is lost (unless the
 * owner and every backup die at once). Writes go to the backup synchronously. Items are in FIFO
 * order. A {@code take} whose member dies after taking an item and before using it loses that
 * item: the queue does not know who took what.
 *
 * <p>The count of unfinished tasks that {@link #join()} waits for is kept in a dict entry beside
 * the queue, raised by each put before the item is added and lowered by {@link #taskDone()}. The
 * two are separate steps: a process that dies between them leaves the count one too high, so a
 * {@code join} would wait for a task that never comes; give {@link #join(Duration)} a timeout where
 * that matters.
 *
 * <p>Blocking methods block the calling thread, are interruptible, and throw
 * {@link com.hazelcast.core.HazelcastInstanceNotActiveException} if this process leaves the cluster
 * while they wait. Null items are not allowed.
 *
 * @param <E> the type of the items, serializable
 */
public final class ClusterQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    /** The dict that holds every cluster queue's unfinished-task count, by queue name. */
    static final String UNFINISHED = "weft.queue.unfinished";

    private final IQueue<E> queue;
    private final IMap<String, Long> unfinished;
    private final String name;

    ClusterQueue(HazelcastInstance hz, String name) {
        this.name = name;
        this.queue = hz.getQueue(name);
        this.unfinished = hz.getMap(UNFINISHED);
    }

    /**
     * The queue's name.
     *
     * @return its name in the cluster
     */
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ Python's names

    /**
     * Adds {@code item}, waiting for room if the queue is bounded (by Hazelcast configuration):
     * Python's {@code put(item)}.
     *
     * @param item the item
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void put(E item) throws InterruptedException {
        counted(item);
        boolean added = false;
        try {
            queue.put(item);
            added = true;
        } finally {
            if (!added) {
                uncount();
            }
        }
    }

    /**
     * Removes and returns the next item, waiting for one: Python's {@code get()}.
     *
     * @return the item
     * @throws InterruptedException if interrupted while waiting
     */
    public E get() throws InterruptedException {
        return queue.take();
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}: Python's
     * {@code get(timeout=)}.
     *
     * @param timeout how long to wait at most
     * @return the item, or {@code null} if none came in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public E get(Duration timeout) throws InterruptedException {
        return queue.poll(Timeouts.toNanos(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * How many items the queue holds now: Python's {@code qsize()}.
     *
     * @return the number of items
     */
    public int qsize() {
        return queue.size();
    }

    /**
     * Marks one item taken from the queue as done: Python's {@code task_done()}.
     *
     * @throws IllegalStateException if called more times than items were put (Python's
     *     {@code ValueError})
     */
    public void taskDone() {
        if (unfinished.executeOnKey(name, new Counters.TakeOne()) < 0) {
            throw new IllegalStateException("taskDone() called more times than items were put on " + name);
        }
    }

    /**
     * Blocks until every item put has been marked done with {@link #taskDone()}: Python's
     * {@code join()}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        ChangeWaiter.await(unfinished, name, this::finished, -1);
    }

    /**
     * {@link #join()} for at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return whether every item was done in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return ChangeWaiter.await(unfinished, name, this::finished, Timeouts.toNanos(timeout));
    }

    /**
     * The number of items put and not yet marked done.
     *
     * @return the count {@link #join()} waits to see at zero
     */
    public long unfinishedTasks() {
        Long n = unfinished.get(name);
        return n == null ? 0 : n;
    }

    private boolean finished() {
        return unfinishedTasks() == 0;
    }

    private void counted(E item) {
        if (item == null) {
            throw new NullPointerException("a cluster queue holds no nulls");
        }
        unfinished.executeOnKey(name, new Counters.Add(1));
    }

    private void uncount() {
        unfinished.executeOnKey(name, new Counters.Add(-1));
    }

    // ------------------------------------------------------------------ BlockingQueue

    @Override
    public boolean offer(E item) {
        counted(item);
        boolean added = false;
        try {
            added = queue.offer(item);
            return added;
        } finally {
            if (!added) {
                uncount();
            }
        }
    }

    @Override
    public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
        counted(item);
        boolean added = false;
        try {
            added = queue.offer(item, timeout, unit);
            return added;
        } finally {
            if (!added) {
                uncount();
            }
        }
    }

    @Override
    public E take() throws InterruptedException {
        return queue.take();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    @Override
    public E poll() {
        return queue.poll();
    }

    @Override
    public E peek() {
        return queue.peek();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return queue.drainTo(c);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        return queue.drainTo(c, maxElements);
    }

    @Override
    public boolean remove(Object item) {
        return queue.remove(item);
    }

    /** A snapshot of the items, in order; removing through it is not supported. */
    @Override
    public Iterator<E> iterator() {
        return java.util.Collections.unmodifiableCollection(queue).iterator();
    }

    @Override
    public String toString() {
        return "ClusterQueue[" + name + ", size=" + queue.size() + ", unfinished=" + unfinishedTasks() + "]";
    }
}
