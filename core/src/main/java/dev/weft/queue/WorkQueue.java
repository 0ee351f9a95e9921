package dev.weft.queue;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.lang.invoke.VarHandle;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A thread-safe work queue with Python's {@code queue} semantics that is also a
 * {@link BlockingQueue}: Python's {@code Queue}, {@code LifoQueue} and {@code PriorityQueue} in
 * one type, chosen by factory method.
 *
 * <h2>Order and size</h2>
 * {@link #fifo()} gives items in the order they were put, {@link #lifo()} the most recent first,
 * {@link #priority()} the least first (by natural order or a comparator; equal items in the order
 * they were put, which Python does not promise). Each takes an optional {@code maxsize}: a put on
 * a full queue blocks until there is room. A maxsize of 0 means unbounded, as in Python.
 *
 * <h2>Python's methods and Java's</h2>
 * <table>
 *   <caption>What each operation does when it cannot proceed</caption>
 *   <tr><th></th><th>blocks</th><th>times out</th><th>throws at once</th><th>returns special value</th></tr>
 *   <tr><td>put</td><td>{@link #put(Object) put(e)}</td>
 *       <td>{@link #put(Object, Duration) put(e, timeout)}: {@link QueueFullException};
 *           {@link #offer(Object, long, TimeUnit) offer(e, t, unit)}: false</td>
 *       <td>{@link #putNowait}: {@link QueueFullException}; {@link #add}: same</td>
 *       <td>{@link #offer(Object) offer(e)}: false</td></tr>
 *   <tr><td>get</td><td>{@link #get()}, {@link #take()}</td>
 *       <td>{@link #get(Duration) get(timeout)}: {@link QueueEmptyException};
 *           {@link #poll(long, TimeUnit) poll(t, unit)}: null</td>
 *       <td>{@link #getNowait}: {@link QueueEmptyException}; {@link #remove()}: same</td>
 *       <td>{@link #poll()}: null</td></tr>
 * </table>
 * Python-style methods take a {@link Duration} and reject a negative one with
 * {@link IllegalArgumentException}; {@code BlockingQueue}'s methods treat a negative time as zero,
 * as their contract says. Null items are rejected with {@link NullPointerException}. A blocking
 * method interrupted on entry or while waiting throws {@link InterruptedException} and has put or
 * taken nothing.
 *
 * <h2>Task accounting</h2>
 * Every item handed out by a get ({@code get}, {@code take}, {@code poll}, {@code remove()},
 * {@code drainTo}...) is a task that the consumer marks finished with {@link #taskDone()}.
 * {@link #join()} blocks until every item ever put has been handed out and marked done. Calling
 * {@code taskDone()} more times than items were handed out throws {@link IllegalStateException}
 * and changes nothing. Items removed without being handed out (by {@code remove(Object)},
 * {@code clear()}, an iterator, or {@code shutdown(true)}) are dropped: they need no
 * {@code taskDone()}.
 *
 * <h2>Shutdown (Python 3.13)</h2>
 * After {@link #shutdown(boolean)}, every put throws {@link QueueShutDownException} (this includes
 * {@code offer}: a false return would claim the queue is full). Gets go on handing out the items
 * left; once none are left, every get that would wait ({@code get}, {@code take}, timed
 * {@code poll}) and {@code getNowait} throw {@link QueueShutDownException} instead, while the
 * plain {@code Queue} methods keep their usual empty-queue behaviour ({@code poll()} returns
 * null). Threads blocked in a put or get when the queue shuts down wake up and throw.
 * {@code shutdown(true)} also drops the items left and releases {@code join()} from waiting for
 * them.
 *
 * <h2>Selecting</h2>
 * {@link Queues#select} waits, without polling, until any of several queues has an item.
 *
 * <h2>Implementations</h2>
 * A bounded FIFO queue of up to {@value #RING_LIMIT} items is lock-free: puts and gets claim slots
 * of a ring with one compare-and-set each, and take a lock only to park when they must wait. The
 * rare operations that reach into the middle of the queue ({@code remove(Object)},
 * {@code removeIf}, {@code clear}, {@code drainTo}, {@code contains}, iteration, an immediate
 * shutdown) briefly stop gets while they work. Other queues (unbounded, LIFO, priority) use one
 * lock and three conditions, as {@link java.util.concurrent.ArrayBlockingQueue}, with storage that
 * grows as needed. In both, {@code taskDone()} is one compare-and-set.
 *
 * <p>Memory visibility: actions in a thread before it puts an item happen-before actions after
 * another thread gets that item; actions before {@code taskDone()} happen-before the return of a
 * {@code join()} that it releases.
 *
 * <p>Code that a queue runs under its lock (a {@code removeIf} predicate, the collection
 * {@code drainTo} adds to, the {@code equals} of {@code remove(Object)}) must not use the same
 * queue: such a call throws {@link IllegalStateException} rather than change the queue in the
 * middle of the operation (or, for the lock-free ring, wait for itself).
 *
 * <p>Iterators are snapshots: they never throw
 * {@link java.util.ConcurrentModificationException}, list the items in get order (heap order for
 * a priority queue), and their {@code remove()} drops that item from the queue if it is still
 * there.
 *
 * @param <E> the type of the items
 */
public abstract sealed class WorkQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>
        permits LockedWorkQueue, RingWorkQueue {

    /** The largest maxsize served by the lock-free ring; larger bounded queues grow as they fill. */
    public static final int RING_LIMIT = 1 << 16;

    /** The order in which a {@link WorkQueue} hands out its items. */
    public enum Order {
        /** First in, first out: Python's {@code Queue}. */
        FIFO,
        /** Last in, first out: Python's {@code LifoQueue}. */
        LIFO,
        /** Least first, ties in put order: Python's {@code PriorityQueue}. */
        PRIORITY
    }

    final Order order;
    final int maxsize; // 0: unbounded
    final int capacity; // maxsize, or Integer.MAX_VALUE

    /**
     * Guards whatever each implementation says, and always: join's waiting, the selectors, and
     * the rare operations. The locked queue takes it for everything; the ring only to park and for
     * the rare operations.
     */
    final ReentrantLock lock = new ReentrantLock();
    final Condition allTasksDone = lock.newCondition();
    /** Threads in join(); written under the lock, read by taskDone() without it. */
    volatile int joinWaiters;
    /** Threads in Queues.select() watching this queue; guarded by lock. */
    Queues.Selector[] selectors;

    WorkQueue(Order order, int maxsize) {
        if (maxsize < 0) {
            throw new IllegalArgumentException(
                    "maxsize must not be negative (0 means unbounded): " + maxsize);
        }
        this.order = order;
        this.maxsize = maxsize;
        this.capacity = maxsize == 0 ? Integer.MAX_VALUE : maxsize;
    }

    // ---------------------------------------------------------------- factories

    /**
     * {@return an unbounded first-in, first-out queue: Python's {@code Queue()}}
     *
     * @param <E> the type of the items
     */
    public static <E> WorkQueue<E> fifo() {
        return new LockedWorkQueue<>(Order.FIFO, 0, null);
    }

    /**
     * {@return a first-in, first-out queue of at most {@code maxsize} items: {@code Queue(maxsize)}}
     *
     * @param <E> the type of the items
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E> WorkQueue<E> fifo(int maxsize) {
        return maxsize > 0 && maxsize <= RING_LIMIT
                ? new RingWorkQueue<>(maxsize)
                : new LockedWorkQueue<>(Order.FIFO, maxsize, null);
    }

    /**
     * {@return an unbounded last-in, first-out queue: Python's {@code LifoQueue()}}
     *
     * @param <E> the type of the items
     */
    public static <E> WorkQueue<E> lifo() {
        return new LockedWorkQueue<>(Order.LIFO, 0, null);
    }

    /**
     * {@return a last-in, first-out queue of at most {@code maxsize} items}
     *
     * @param <E> the type of the items
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E> WorkQueue<E> lifo(int maxsize) {
        return new LockedWorkQueue<>(Order.LIFO, maxsize, null);
    }

    /**
     * {@return an unbounded priority queue in natural order: Python's {@code PriorityQueue()}} Items must
     * be {@link Comparable}; one that is not is refused with {@link ClassCastException} when put.
     *
     * @param <E> the type of the items, in their natural order
     */
    public static <E extends Comparable<? super E>> WorkQueue<E> priority() {
        return new LockedWorkQueue<>(Order.PRIORITY, 0, null);
    }

    /**
     * {@return a priority queue in natural order of at most {@code maxsize} items}
     *
     * @param <E> the type of the items, in their natural order
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E extends Comparable<? super E>> WorkQueue<E> priority(int maxsize) {
        return new LockedWorkQueue<>(Order.PRIORITY, maxsize, null);
    }

    /**
     * {@return a priority queue ordered by {@code comparator}, of at most {@code maxsize} items (0 for
     * unbounded)}
     *
     * @param <E> the type of the items
     * @param comparator the order, smallest first
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if maxsize is negative
     */
    public static <E> WorkQueue<E> priority(Comparator<? super E> comparator, int maxsize) {
        return new LockedWorkQueue<>(Order.PRIORITY, maxsize, Objects.requireNonNull(comparator, "comparator"));
    }

    // ---------------------------------------------------------------- put

    /**
     * Puts {@code e}, blocking while the queue is full.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws QueueShutDownException if the queue is shut down, or shuts down while waiting
     * @throws NullPointerException if {@code e} is null
     * @throws ClassCastException if this is a natural-order priority queue and {@code e} is not
     *     {@link Comparable}
     */
    @Override
    public abstract void put(E e) throws InterruptedException;

    /**
     * Puts {@code e}, waiting at most {@code timeout} for room: Python's
     * {@code put(item, timeout=...)}.
     *
     * @param e the item, not null
     * @param timeout the longest to wait for room
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws QueueShutDownException if the queue is shut down, or shuts down while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public final void put(E e, Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (!offerNanos(e, nanos)) {
            throw new QueueFullException("put timed out after " + timeout + ": queue still full ("
                    + "maxsize " + maxsize + ")");
        }
    }

    /**
     * Puts {@code e} if there is room now: Python's {@code put_nowait}. Never blocks.
     *
     * @param e the item, not null
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public final void putNowait(E e) {
        if (!offer(e)) {
            throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
        }
    }

    /**
     * Puts {@code e} if there is room now. Never blocks.
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    @Override
    public final boolean add(E e) {
        putNowait(e);
        return true;
    }

    /**
     * Puts {@code e} if there is room now. Never blocks.
     *
     * @return {@code false} if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    @Override
    public abstract boolean offer(E e);

    /**
     * Puts {@code e}, waiting at most the given time for room; a negative time means no wait.
     *
     * @return {@code false} if the queue was still full when the time elapsed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws QueueShutDownException if the queue is shut down, or shuts down while waiting
     */
    @Override
    public final boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return offerNanos(e, Math.max(0, unit.toNanos(timeout)));
    }

    /** Puts {@code e}, waiting at most {@code nanos} (not negative) for room. */
    abstract boolean offerNanos(E e, long nanos) throws InterruptedException;

    static void checkItem(Object e) {
        if (e == null) {
            throw new NullPointerException("a WorkQueue does not accept null items");
        }
    }

    static QueueShutDownException shutDownOnPut() {
        return new QueueShutDownException("cannot put: the queue is shut down");
    }

    static QueueShutDownException shutDownOnGet() {
        return new QueueShutDownException("cannot get: the queue is shut down and empty");
    }

    // ---------------------------------------------------------------- get

    /**
     * Takes the next item, blocking while the queue is empty: Python's {@code get()}.
     *
     * @return the item
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws QueueShutDownException if the queue is shut down and empty, or shuts down while
     *     this thread waits
     */
    public final E get() throws InterruptedException {
        return take();
    }

    /** The same as {@link #get()}. */
    @Override
    public abstract E take() throws InterruptedException;

    /**
     * Takes the next item, waiting at most {@code timeout}: Python's {@code get(timeout=...)}.
     *
     * @param timeout the longest to wait for an item
     * @return the item
     * @throws QueueEmptyException if the queue is still empty when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws QueueShutDownException if the queue is shut down and empty, or shuts down while
     *     this thread waits
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public final E get(Duration timeout) throws InterruptedException {
        E e = pollNanos(Timeouts.toNanos(timeout));
        if (e == null) {
            throw new QueueEmptyException("get timed out after " + timeout + ": queue still empty");
        }
        return e;
    }

    /**
     * Takes the next item if there is one now: Python's {@code get_nowait()}. Never blocks.
     *
     * @return the item
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public abstract E getNowait();

    /** Takes the next item if there is one now; returns null if not. Never blocks. */
    @Override
    public abstract E poll();

    /**
     * Takes the next item if there is one now. Never blocks.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    @Override
    public final E remove() {
        E e = poll();
        if (e == null) {
            throw new QueueEmptyException("queue is empty");
        }
        return e;
    }

    /**
     * Takes the next item, waiting at most the given time; a negative time means no wait.
     *
     * @return the item, or null if the queue was still empty when the time elapsed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws QueueShutDownException if the queue is shut down and empty, or shuts down while
     *     this thread waits
     */
    @Override
    public final E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return pollNanos(Math.max(0, unit.toNanos(timeout)));
    }

    /** Takes the next item, waiting at most {@code nanos} (not negative); null on timeout. */
    abstract E pollNanos(long nanos) throws InterruptedException;

    /** The next item without taking it, or null if the queue is empty. Never blocks. */
    @Override
    public abstract E peek();

    /**
     * The next item without taking it. Never blocks.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    @Override
    public final E element() {
        E e = peek();
        if (e == null) {
            throw new QueueEmptyException("queue is empty");
        }
        return e;
    }

    @Override
    public final int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code maxElements} items, in get order, into {@code c}. Each counts as handed
     * out and needs a {@link #taskDone()}. If {@code c.add} throws, the items added so far stay
     * moved and the rest stay in the queue. Never blocks beyond the queue's lock; returns 0 on an
     * empty queue, shut down or not.
     *
     * @throws IllegalArgumentException if {@code c} is this queue
     */
    @Override
    public final int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        return maxElements <= 0 ? 0 : drain(c, maxElements);
    }

    /** drainTo with checked arguments and {@code maxElements > 0}. */
    abstract int drain(Collection<? super E> c, int maxElements);

    // ---------------------------------------------------------------- tasks

    /**
     * Marks one handed-out item as finished: Python's {@code task_done()}. Never blocks, except to
     * take the lock briefly when a thread is waiting in {@link #join()}.
     *
     * @throws IllegalStateException if every item handed out so far is already marked done; the
     *     count is left unchanged
     */
    public abstract void taskDone();

    static IllegalStateException tooManyTaskDone(long fetched) {
        return new IllegalStateException("taskDone() called more times than items were got"
                + " from the queue (" + fetched + " got, all already done)");
    }

    /**
     * Waits until every item put has been got and marked done with {@link #taskDone()}: Python's
     * {@code join()}. Returns at once if that is so already.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public final void join() throws InterruptedException {
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (!allTasksDone()) {
                awaitAllTasksDone(-1);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code timeout} until every item put has been got and marked done.
     *
     * @param timeout the longest to wait
     * @return whether all were done before the timeout elapsed
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (!allTasksDone()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = awaitAllTasksDone(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock; waits once (forever if nanos is negative) and returns the time left. */
    private long awaitAllTasksDone(long nanos) throws InterruptedException {
        // A volatile write, then allTasksDone() reads done: taskDone() writes done, then reads
        // joinWaiters, so one of the two sees the other and no wake-up is lost.
        joinWaiters++;
        try {
            if (allTasksDone()) {
                return nanos;
            }
            if (nanos < 0) {
                allTasksDone.await();
                return -1;
            }
            return allTasksDone.awaitNanos(nanos);
        } finally {
            joinWaiters--;
        }
    }

    /**
     * Holds the lock (so no rare operation runs): whether the queue is empty and every item
     * handed out is marked done.
     */
    abstract boolean allTasksDone();

    /** Holds the lock; after items were dropped or the queue shut down. */
    final void signalIfAllTasksDone() {
        if (joinWaiters != 0 && allTasksDone()) {
            allTasksDone.signalAll();
        }
    }

    /** From a taskDone() that may have finished the tasks, while a thread waits in join(). */
    final void signalJoinersIfAllTasksDone() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            signalIfAllTasksDone();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return how many items are got but not yet marked done, plus how many are still in the queue: what
     * {@link #join()} waits for (Python's {@code unfinished_tasks})}
     */
    public abstract long unfinishedTasks();

    // ---------------------------------------------------------------- shutdown

    /** Shuts the queue down, leaving its items to be got: {@code shutdown(false)}. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13). From now on puts throw {@link QueueShutDownException};
     * gets hand out what is left, then throw it too. Threads blocked in put, get or
     * {@link Queues#select} wake up. Idempotent; never blocks beyond the queue's lock.
     *
     * @param immediate also drop every item left, and release {@link #join()} from waiting for
     *     them (it still waits for items already got and not yet marked done)
     */
    public abstract void shutdown(boolean immediate);

    /** {@return whether {@link #shutdown(boolean)} was called} */
    public abstract boolean isShutdown();

    // ---------------------------------------------------------------- size

    /** {@return the number of items in the queue now: Python's {@code qsize()}} */
    public abstract int qsize();

    /** The same as {@link #qsize()}. */
    @Override
    public final int size() {
        return qsize();
    }

    /** {@return whether the queue has no items now: Python's {@code empty()}} */
    public final boolean empty() {
        return qsize() == 0;
    }

    /** {@return whether the queue is at its maxsize now: Python's {@code full()}; never for unbounded} */
    public final boolean full() {
        return qsize() >= capacity;
    }

    /** {@return the maxsize given at creation; 0 for unbounded} */
    public final int maxsize() {
        return maxsize;
    }

    /** {@return the order in which items are handed out} */
    public final Order order() {
        return order;
    }

    /** Room left before a put would block; {@link Integer#MAX_VALUE} if unbounded. */
    @Override
    public final int remainingCapacity() {
        return maxsize == 0 ? Integer.MAX_VALUE : capacity - qsize();
    }

    // ---------------------------------------------------------------- collection

    @Override
    public final boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        for (Object e : toArray()) {
            if (o.equals(e)) {
                return true;
            }
        }
        return false;
    }

    /** Drops the first item (in get order) equal to {@code o}; it needs no {@code taskDone()}. */
    @Override
    public final boolean remove(Object o) {
        return o != null && dropFirst(o::equals);
    }

    /** Drops the first item (in get order) that {@code match} accepts. */
    abstract boolean dropFirst(Predicate<Object> match);

    /** Drops every item that {@code filter} accepts, atomically; they need no {@code taskDone()}. */
    @Override
    public abstract boolean removeIf(Predicate<? super E> filter);

    @Override
    public final boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(c::contains);
    }

    @Override
    public final boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(e -> !c.contains(e));
    }

    /** Drops every item; dropped items need no {@code taskDone()}. */
    @Override
    public abstract void clear();

    /** The items, in get order (heap order for a priority queue), as one atomic snapshot. */
    @Override
    public abstract Object[] toArray();

    /** A snapshot of the items, in get order (heap order for a priority queue). */
    @Override
    public final Iterator<E> iterator() {
        return new Snapshot(toArray());
    }

    private final class Snapshot implements Iterator<E> {
        private final Object[] items;
        private int next;
        private int last = -1;

        Snapshot(Object[] items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return next < items.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            if (next >= items.length) {
                throw new NoSuchElementException();
            }
            last = next;
            return (E) items[next++];
        }

        /** Drops the item last returned, if it is still in the queue. */
        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() was not called, or remove() was called already");
            }
            Object item = items[last];
            last = -1;
            dropFirst(e -> e == item);
        }
    }

    @Override
    public final String toString() {
        return "WorkQueue[" + order + (maxsize == 0 ? "" : ", maxsize " + maxsize)
                + (isShutdown() ? ", shut down" : "") + ", " + Arrays.toString(toArray()) + "]";
    }

    // ---------------------------------------------------------------- select support

    /** Registers a selector and says whether a get would not block now. */
    final boolean register(Queues.Selector s) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            selectors = with(selectors, s);
            selectorsChanged();
        } finally {
            lock.unlock();
        }
        // The registration must come before the look at the queue, for a put that does not take
        // the lock (the ring) to see it; the lock's release alone does not order a later read.
        VarHandle.fullFence();
        return readyForGet();
    }

    final void unregister(Queues.Selector s) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            selectors = without(selectors, s);
            selectorsChanged();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock; the selectors changed. */
    void selectorsChanged() {}

    /** Holds the lock; wakes every selector. */
    final void signalSelectors() {
        if (selectors != null) {
            for (Queues.Selector s : selectors) {
                s.signal();
            }
        }
    }

    /** Whether a get would not block now: there is an item, or the queue is shut down. */
    abstract boolean readyForGet();

    /** How many selectors are registered now (for tests: a leak would keep them). */
    final int selectorCount() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return selectors == null ? 0 : selectors.length;
        } finally {
            lock.unlock();
        }
    }

    /** {@code selectors} with {@code s} added. */
    static Queues.Selector[] with(Queues.Selector[] selectors, Queues.Selector s) {
        if (selectors == null) {
            return new Queues.Selector[] {s};
        }
        Queues.Selector[] grown = Arrays.copyOf(selectors, selectors.length + 1);
        grown[selectors.length] = s;
        return grown;
    }

    /** {@code selectors} without {@code s} (null when none are left). */
    static Queues.Selector[] without(Queues.Selector[] selectors, Queues.Selector s) {
        if (selectors == null) {
            return null;
        }
        int i = 0;
        while (i < selectors.length && selectors[i] != s) {
            i++;
        }
        if (i == selectors.length) {
            return selectors;
        }
        if (selectors.length == 1) {
            return null;
        }
        Queues.Selector[] shrunk = new Queues.Selector[selectors.length - 1];
        System.arraycopy(selectors, 0, shrunk, 0, i);
        System.arraycopy(selectors, i + 1, shrunk, i, selectors.length - i - 1);
        return shrunk;
    }
}
