package dev.weft.queue;

import dev.weft.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A thread-safe work queue with Python's {@code queue} semantics that is also a
 * {@link BlockingQueue}: Python's {@code Queue}, {@code LifoQueue} and {@code PriorityQueue} in
 * one class, chosen by factory method.
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
 * as their contract says. Null items are rejected with {@link NullPointerException}.
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
 * <h2>Implementation</h2>
 * One lock and three conditions (not empty, not full, all done), as
 * {@link java.util.concurrent.ArrayBlockingQueue}, with storage that grows up to maxsize. The
 * task accounting is kept off the lock: {@code taskDone()} is one compare-and-set, and takes the
 * lock only when a thread is waiting in {@code join()}.
 *
 * <p>Memory visibility: actions in a thread before it puts an item happen-before actions after
 * another thread gets that item; actions before {@code taskDone()} happen-before the return of a
 * {@code join()} that it releases.
 *
 * <p>Iterators are snapshots taken under the lock: they never throw
 * {@link java.util.ConcurrentModificationException}, list the items in get order (heap order for
 * a priority queue), and their {@code remove()} drops that item from the queue if it is still
 * there.
 *
 * @param <E> the type of the items
 */
public final class WorkQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    /** The order in which a {@link WorkQueue} hands out its items. */
    public enum Order {
        /** First in, first out: Python's {@code Queue}. */
        FIFO,
        /** Last in, first out: Python's {@code LifoQueue}. */
        LIFO,
        /** Least first, ties in put order: Python's {@code PriorityQueue}. */
        PRIORITY
    }

    private final Order order;
    private final int maxsize; // 0: unbounded
    private final int capacity; // maxsize, or Integer.MAX_VALUE
    private final Store<E> store; // guarded by lock

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allTasksDone = lock.newCondition();

    private boolean shutdown; // guarded by lock
    private volatile boolean shutdownFlag; // for isShutdown() without the lock

    /** Items handed out so far. Written under the lock (release); read by taskDone (acquire). */
    @SuppressWarnings("unused") // accessed through FETCHED
    private long fetched;
    /** Calls to taskDone() so far; never more than fetched. */
    @SuppressWarnings("unused") // accessed through DONE
    private volatile long done;
    /** Threads in join(); written under the lock, read by taskDone() without it. */
    private volatile int joinWaiters;

    /** Threads in Queues.select() watching this queue; guarded by lock. */
    private Queues.Selector[] selectors;

    private static final VarHandle FETCHED;
    private static final VarHandle DONE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FETCHED = l.findVarHandle(WorkQueue.class, "fetched", long.class);
            DONE = l.findVarHandle(WorkQueue.class, "done", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WorkQueue(Order order, int maxsize, Comparator<? super E> comparator) {
        if (maxsize < 0) {
            throw new IllegalArgumentException(
                    "maxsize must not be negative (0 means unbounded): " + maxsize);
        }
        this.order = order;
        this.maxsize = maxsize;
        this.capacity = maxsize == 0 ? Integer.MAX_VALUE : maxsize;
        this.store = order == Order.PRIORITY
                ? new HeapStore<>(comparator, capacity)
                : new RingStore<>(order == Order.LIFO, capacity);
    }

    // ---------------------------------------------------------------- factories

    /** An unbounded first-in, first-out queue: Python's {@code Queue()}. */
    public static <E> WorkQueue<E> fifo() {
        return new WorkQueue<>(Order.FIFO, 0, null);
    }

    /**
     * A first-in, first-out queue of at most {@code maxsize} items: {@code Queue(maxsize)}.
     *
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E> WorkQueue<E> fifo(int maxsize) {
        return new WorkQueue<>(Order.FIFO, maxsize, null);
    }

    /** An unbounded last-in, first-out queue: Python's {@code LifoQueue()}. */
    public static <E> WorkQueue<E> lifo() {
        return new WorkQueue<>(Order.LIFO, 0, null);
    }

    /**
     * A last-in, first-out queue of at most {@code maxsize} items.
     *
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E> WorkQueue<E> lifo(int maxsize) {
        return new WorkQueue<>(Order.LIFO, maxsize, null);
    }

    /**
     * An unbounded priority queue in natural order: Python's {@code PriorityQueue()}. Items must
     * be {@link Comparable}; one that is not is refused with {@link ClassCastException} when put.
     */
    public static <E extends Comparable<? super E>> WorkQueue<E> priority() {
        return new WorkQueue<>(Order.PRIORITY, 0, null);
    }

    /**
     * A priority queue in natural order of at most {@code maxsize} items.
     *
     * @throws IllegalArgumentException if maxsize is negative (0 means unbounded)
     */
    public static <E extends Comparable<? super E>> WorkQueue<E> priority(int maxsize) {
        return new WorkQueue<>(Order.PRIORITY, maxsize, null);
    }

    /**
     * A priority queue ordered by {@code comparator}, of at most {@code maxsize} items (0 for
     * unbounded).
     *
     * @throws IllegalArgumentException if maxsize is negative
     */
    public static <E> WorkQueue<E> priority(Comparator<? super E> comparator, int maxsize) {
        return new WorkQueue<>(Order.PRIORITY, maxsize, Objects.requireNonNull(comparator, "comparator"));
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
    public void put(E e) throws InterruptedException {
        checkItem(e);
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (ensureOpenAndFull()) {
                notFull.await();
            }
            enqueue(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code e}, waiting at most {@code timeout} for room: Python's
     * {@code put(item, timeout=...)}.
     *
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws QueueShutDownException if the queue is shut down, or shuts down while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public void put(E e, Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (!offerNanos(e, nanos)) {
            throw new QueueFullException("put timed out after " + timeout + ": queue still full ("
                    + "maxsize " + maxsize + ")");
        }
    }

    /**
     * Puts {@code e} if there is room now: Python's {@code put_nowait}. Never blocks.
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(E e) {
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
    public boolean add(E e) {
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
    public boolean offer(E e) {
        checkItem(e);
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (ensureOpenAndFull()) {
                return false;
            }
            enqueue(e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code e}, waiting at most the given time for room; a negative time means no wait.
     *
     * @return {@code false} if the queue was still full when the time elapsed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws QueueShutDownException if the queue is shut down, or shuts down while waiting
     */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return offerNanos(e, Math.max(0, unit.toNanos(timeout)));
    }

    private boolean offerNanos(E e, long nanos) throws InterruptedException {
        checkItem(e);
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (ensureOpenAndFull()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            enqueue(e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkItem(E e) {
        if (e == null) {
            throw new NullPointerException("a WorkQueue does not accept null items");
        }
    }

    /** Throws if shut down; otherwise whether the queue is full. Holds the lock. */
    private boolean ensureOpenAndFull() {
        if (shutdown) {
            throw new QueueShutDownException("cannot put: the queue is shut down");
        }
        return store.size() >= capacity;
    }

    /** Holds the lock; there is room. */
    private void enqueue(E e) {
        store.add(e);
        notEmpty.signal();
        if (selectors != null) {
            signalSelectors();
        }
    }

    // ---------------------------------------------------------------- get

    /**
     * Takes the next item, blocking while the queue is empty: Python's {@code get()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws QueueShutDownException if the queue is shut down and empty, or shuts down while
     *     this thread waits
     */
    public E get() throws InterruptedException {
        return take();
    }

    /** The same as {@link #get()}. */
    @Override
    public E take() throws InterruptedException {
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (store.size() == 0) {
                ensureNotShutDownAndEmpty();
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item, waiting at most {@code timeout}: Python's {@code get(timeout=...)}.
     *
     * @throws QueueEmptyException if the queue is still empty when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws QueueShutDownException if the queue is shut down and empty, or shuts down while
     *     this thread waits
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public E get(Duration timeout) throws InterruptedException {
        E e = pollNanos(Timeouts.toNanos(timeout));
        if (e == null) {
            throw new QueueEmptyException("get timed out after " + timeout + ": queue still empty");
        }
        return e;
    }

    /**
     * Takes the next item if there is one now: Python's {@code get_nowait()}. Never blocks.
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (store.size() == 0) {
                ensureNotShutDownAndEmpty();
                throw new QueueEmptyException("queue is empty");
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next item if there is one now; returns null if not. Never blocks. */
    @Override
    public E poll() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size() == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item if there is one now. Never blocks.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    @Override
    public E remove() {
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
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return pollNanos(Math.max(0, unit.toNanos(timeout)));
    }

    private E pollNanos(long nanos) throws InterruptedException {
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (store.size() == 0) {
                ensureNotShutDownAndEmpty();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock; the queue is empty. */
    private void ensureNotShutDownAndEmpty() {
        if (shutdown) {
            throw new QueueShutDownException("cannot get: the queue is shut down and empty");
        }
    }

    /** Holds the lock; the queue is not empty. */
    private E dequeue() {
        E e = store.remove();
        FETCHED.setRelease(this, fetched + 1);
        notFull.signal();
        return e;
    }

    /** The next item without taking it, or null if the queue is empty. Never blocks. */
    @Override
    public E peek() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.peek();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item without taking it. Never blocks.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    @Override
    public E element() {
        E e = peek();
        if (e == null) {
            throw new QueueEmptyException("queue is empty");
        }
        return e;
    }

    @Override
    public int drainTo(Collection<? super E> c) {
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
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            int n = 0;
            try {
                while (n < maxElements && store.size() > 0) {
                    c.add(store.peek());
                    store.remove();
                    n++;
                }
            } finally {
                if (n > 0) {
                    FETCHED.setRelease(this, fetched + n);
                    notFull.signalAll();
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Marks one handed-out item as finished: Python's {@code task_done()}. Never blocks, except to
     * take the lock briefly when a thread is waiting in {@link #join()}.
     *
     * @throws IllegalStateException if every item handed out so far is already marked done; the
     *     count is left unchanged
     */
    public void taskDone() {
        for (;;) {
            long d = done;
            long f = (long) FETCHED.getAcquire(this);
            if (d >= f) {
                throw new IllegalStateException("taskDone() called more times than items were got"
                        + " from the queue (" + f + " got, all " + d + " already done)");
            }
            if (DONE.compareAndSet(this, d, d + 1)) {
                break;
            }
        }
        // Pairs with join(): it raises joinWaiters, then reads done; we wrote done, then read
        // joinWaiters. Both are volatile, so one of us sees the other.
        if (joinWaiters != 0) {
            final ReentrantLock lock = this.lock;
            lock.lock();
            try {
                if (allTasksDone()) {
                    allTasksDone.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Holds the lock. */
    private boolean allTasksDone() {
        return store.size() == 0 && done == fetched;
    }

    /** Holds the lock; after items were dropped. */
    private void signalIfAllTasksDone() {
        if (joinWaiters != 0 && allTasksDone()) {
            allTasksDone.signalAll();
        }
    }

    /**
     * Waits until every item put has been got and marked done with {@link #taskDone()}: Python's
     * {@code join()}. Returns at once if that is so already.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public void join() throws InterruptedException {
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
     * @return whether all were done before the timeout elapsed
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean join(Duration timeout) throws InterruptedException {
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
        joinWaiters++; // a volatile write: see taskDone()
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
     * How many items are got but not yet marked done, plus how many are still in the queue: what
     * {@link #join()} waits for (Python's {@code unfinished_tasks}).
     */
    public long unfinishedTasks() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size() + (fetched - done);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- shutdown

    /** Shuts the queue down, leaving its items to be got: {@code shutdown(false)}. */
    public void shutdown() {
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
    public void shutdown(boolean immediate) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            shutdown = true;
            shutdownFlag = true;
            if (immediate) {
                store.clear();
                signalIfAllTasksDone();
            }
            notEmpty.signalAll();
            notFull.signalAll();
            if (selectors != null) {
                signalSelectors();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #shutdown(boolean)} was called. */
    public boolean isShutdown() {
        return shutdownFlag;
    }

    // ---------------------------------------------------------------- size

    /** The number of items in the queue now: Python's {@code qsize()}. */
    public int qsize() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size();
        } finally {
            lock.unlock();
        }
    }

    /** The same as {@link #qsize()}. */
    @Override
    public int size() {
        return qsize();
    }

    /** Whether the queue has no items now: Python's {@code empty()}. */
    public boolean empty() {
        return qsize() == 0;
    }

    /** Whether the queue is at its maxsize now: Python's {@code full()}; never for unbounded. */
    public boolean full() {
        return qsize() >= capacity;
    }

    /** The maxsize given at creation; 0 for unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** The order in which items are handed out. */
    public Order order() {
        return order;
    }

    /** Room left before a put would block; {@link Integer#MAX_VALUE} if unbounded. */
    @Override
    public int remainingCapacity() {
        if (maxsize == 0) {
            return Integer.MAX_VALUE;
        }
        return capacity - qsize();
    }

    // ---------------------------------------------------------------- collection

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            for (Object e : store.toArray()) {
                if (o.equals(e)) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the first item (in get order) equal to {@code o}; it needs no {@code taskDone()}. */
    @Override
    public boolean remove(Object o) {
        return o != null && dropFirst(o::equals);
    }

    private boolean dropFirst(Predicate<Object> match) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (!store.removeFirst(match)) {
                return false;
            }
            notFull.signal();
            signalIfAllTasksDone();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every item that {@code filter} accepts, atomically. */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (store.removeIf(filter) == 0) {
                return false;
            }
            notFull.signalAll();
            signalIfAllTasksDone();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(c::contains);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(e -> !c.contains(e));
    }

    /** Drops every item; dropped items need no {@code taskDone()}. */
    @Override
    public void clear() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (store.size() > 0) {
                store.clear();
                notFull.signalAll();
                signalIfAllTasksDone();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object[] toArray() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.toArray();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the items, in get order (heap order for a priority queue). */
    @Override
    public Iterator<E> iterator() {
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

    // ---------------------------------------------------------------- select support

    /** Registers a selector and says whether a get would not block now. */
    boolean register(Queues.Selector s) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            Queues.Selector[] old = selectors;
            Queues.Selector[] grown;
            if (old == null) {
                grown = new Queues.Selector[] {s};
            } else {
                grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = s;
            }
            selectors = grown;
            return store.size() > 0 || shutdown;
        } finally {
            lock.unlock();
        }
    }

    void unregister(Queues.Selector s) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            Queues.Selector[] old = selectors;
            if (old == null) {
                return;
            }
            int i = 0;
            while (i < old.length && old[i] != s) {
                i++;
            }
            if (i == old.length) {
                return;
            }
            if (old.length == 1) {
                selectors = null;
            } else {
                Queues.Selector[] shrunk = new Queues.Selector[old.length - 1];
                System.arraycopy(old, 0, shrunk, 0, i);
                System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                selectors = shrunk;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether a get would not block now: there is an item, or the queue is shut down. */
    boolean readyForGet() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size() > 0 || shutdown;
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock. */
    private void signalSelectors() {
        for (Queues.Selector s : selectors) {
            s.signal();
        }
    }

    @Override
    public String toString() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return "WorkQueue[" + order + (maxsize == 0 ? "" : ", maxsize " + maxsize)
                    + (shutdown ? ", shut down" : "") + ", " + Arrays.toString(store.toArray()) + "]";
        } finally {
            lock.unlock();
        }
    }
}
