package dev.weft.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The {@link WorkQueue} for every order and size the lock-free ring does not serve: one lock and
 * three conditions (not empty, not full, all done), as {@link java.util.concurrent.ArrayBlockingQueue},
 * over a {@link Store} that decides the order and grows up to maxsize.
 *
 * <p>The task accounting is kept off the lock: {@code taskDone()} is one compare-and-set, and
 * takes the lock only when a thread is waiting in {@code join()}.
 */
final class LockedWorkQueue<E> extends WorkQueue<E> {

    private final Store<E> store; // guarded by lock

    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();

    /** Written under the lock; volatile so that isShutdown() need not take it. */
    private volatile boolean shutdown;
    /** Whether user code (a removeIf filter, drainTo's collection) runs under the lock; guarded by lock. */
    private boolean inCallback;

    /** Items handed out so far. Written under the lock (release); read by taskDone (acquire). */
    @SuppressWarnings("unused") // accessed through FETCHED
    private long fetched;
    /** Calls to taskDone() so far; never more than fetched. */
    @SuppressWarnings("unused") // accessed through DONE
    private volatile long done;
    private static final VarHandle FETCHED;
    private static final VarHandle DONE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FETCHED = l.findVarHandle(LockedWorkQueue.class, "fetched", long.class);
            DONE = l.findVarHandle(LockedWorkQueue.class, "done", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    LockedWorkQueue(Order order, int maxsize, Comparator<? super E> comparator) {
        super(order, maxsize);
        this.store = order == Order.PRIORITY
                ? new HeapStore<>(comparator, capacity)
                : new RingStore<>(order == Order.LIFO, capacity);
    }

    // ---------------------------------------------------------------- put

    @Override
    public void put(E e) throws InterruptedException {
        putWaiting(e, -1);
    }

    @Override
    public boolean offer(E e) {
        checkItem(e);
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            if (ensureOpenAndFull(e)) {
                return false;
            }
            enqueue(e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean offerNanos(E e, long nanos) throws InterruptedException {
        return putWaiting(e, nanos);
    }

    /** Puts {@code e}, waiting for room at most {@code nanos}, or forever if negative. */
    private boolean putWaiting(E e, long nanos) throws InterruptedException {
        checkItem(e);
        final boolean forever = nanos < 0;
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            checkNotInCallback();
            while (ensureOpenAndFull(e)) {
                if (forever) {
                    notFull.await();
                } else if (nanos <= 0) {
                    return false; // awaitNanos returns zero or less once the time is up
                } else {
                    nanos = notFull.awaitNanos(nanos);
                }
            }
            enqueue(e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Throws if shut down; otherwise whether the queue is full. Holds the lock. */
    private boolean ensureOpenAndFull(E e) {
        store.check(e);
        if (shutdown) {
            throw shutDownOnPut();
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

    @Override
    public E take() throws InterruptedException {
        return getWaiting(-1);
    }

    @Override
    public E getNowait() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            if (store.size() == 0) {
                ensureNotShutDownAndEmpty();
                throw new QueueEmptyException("queue is empty");
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            return store.size() == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    E pollNanos(long nanos) throws InterruptedException {
        return getWaiting(nanos);
    }

    /** Takes the next item, waiting at most {@code nanos}, or forever if negative; null on timeout. */
    private E getWaiting(long nanos) throws InterruptedException {
        final boolean forever = nanos < 0;
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            checkNotInCallback();
            while (store.size() == 0) {
                ensureNotShutDownAndEmpty();
                if (forever) {
                    notEmpty.await();
                } else if (nanos <= 0) {
                    return null; // awaitNanos returns zero or less once the time is up
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock; the queue is empty. */
    private void ensureNotShutDownAndEmpty() {
        if (shutdown) {
            throw shutDownOnGet();
        }
    }

    /** Holds the lock; the queue is not empty. */
    private E dequeue() {
        E e = store.remove();
        FETCHED.setRelease(this, fetched + 1);
        notFull.signal();
        return e;
    }

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

    @Override
    int drain(Collection<? super E> c, int maxElements) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            int n = 0;
            inCallback = true;
            try {
                while (n < maxElements && store.size() > 0) {
                    c.add(store.peek());
                    store.remove();
                    n++;
                }
            } finally {
                inCallback = false;
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

    @Override
    public void taskDone() {
        long d, f;
        for (;;) {
            d = done;
            f = (long) FETCHED.getAcquire(this);
            if (d >= f) {
                throw tooManyTaskDone(f);
            }
            if (DONE.compareAndSet(this, d, d + 1)) {
                break;
            }
        }
        // Pairs with join(): it raises joinWaiters, then reads done; we wrote done, then read
        // joinWaiters. Both are volatile, so one of us sees the other. A taskDone that leaves items
        // handed out and not done cannot finish a join, so only one that catches up takes the lock.
        if (joinWaiters != 0 && d + 1 == f) {
            signalJoinersIfAllTasksDone();
        }
    }

    @Override
    boolean allTasksDone() {
        return store.size() == 0 && done == fetched;
    }

    @Override
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

    @Override
    public void shutdown(boolean immediate) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            shutdown = true;
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

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    // ---------------------------------------------------------------- size and collection

    @Override
    public int qsize() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the lock. Refuses a change made by user code that this queue is running under its lock
     * (a removeIf filter, drainTo's collection): it would change the store in the middle of the
     * bulk operation, handing an item out twice or losing one.
     */
    private void checkNotInCallback() {
        if (inCallback) {
            throw new IllegalStateException(
                    "a WorkQueue cannot be changed from inside its own removeIf, drainTo or remove");
        }
    }

    @Override
    boolean dropFirst(Predicate<Object> match) {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            boolean removed;
            inCallback = true;
            try {
                removed = store.removeFirst(match);
            } finally {
                inCallback = false;
            }
            if (!removed) {
                return false;
            }
            notFull.signal();
            signalIfAllTasksDone();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        java.util.Objects.requireNonNull(filter, "filter");
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
            int removed;
            inCallback = true;
            try {
                removed = store.removeIf(filter);
            } finally {
                inCallback = false;
            }
            if (removed == 0) {
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
    public void clear() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            checkNotInCallback();
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

    // ---------------------------------------------------------------- select support

    @Override
    boolean readyForGet() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            return store.size() > 0 || shutdown;
        } finally {
            lock.unlock();
        }
    }
}
