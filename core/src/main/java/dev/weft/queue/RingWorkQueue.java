package dev.weft.queue;

import dev.weft.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The lock-free bounded FIFO {@link WorkQueue}: a ring of slots, each with a sequence number
 * (D. Vyukov's bounded MPMC queue), so that a put and a get each cost one compare-and-set and
 * producers and consumers touch different cache lines until the queue runs empty or full.
 *
 * <h2>Indices and slots</h2>
 * {@code tail} counts the slots ever claimed by puts, {@code head} those claimed by gets; item
 * {@code i} lives in slot {@code i & mask}. A slot's sequence number says whose turn it is: equal
 * to {@code i}, it is free for the put of item {@code i}; equal to {@code i + 1}, it holds item
 * {@code i} for a get; the get then sets it to {@code i + length} for the put one lap later.
 * <pre>
 *   put:  t = tail; seq[t] == t ?  CAS tail t -&gt; t+1; item[t] = e; seq[t] = t+1
 *   get:  h = head; seq[h] == h+1 ? CAS head h -&gt; h+1; e = item[h]; seq[h] = h+length
 * </pre>
 * A put also stops at {@code head + maxsize} (maxsize may be less than the ring's length), keeping
 * a cached limit so it reads {@code head} only about once per maxsize puts.
 *
 * <h2>Shutdown and the rare operations</h2>
 * Shutdown sets a bit in {@code tail} for good, so a put either claimed its slot before the
 * shutdown or fails its compare-and-set and sees the bit. Operations that reach into the middle
 * of the queue (remove, removeIf, clear, drainTo, toArray, an immediate shutdown) hold the lock and
 * freeze {@code head} with another bit, which stops gets (puts go on beyond the frozen range);
 * they wait for puts in flight in that range to publish, rework it, and unfreeze. They only ever
 * move {@code head} forward: the items they keep are moved toward the tail, and the slots they
 * free are released at the head end. So whenever the slots under {@code head} change, {@code head}
 * changes too, and a get that read a slot before such an operation fails its compare-and-set
 * instead of taking a stale item (no ABA).
 *
 * <h2>Accounting</h2>
 * Items handed out = {@code head - dropped}, where {@code dropped} counts items the rare
 * operations removed; {@code taskDone()} is one compare-and-set on {@code done}.
 *
 * <h2>Waiting</h2>
 * A get that finds the queue empty (a put that finds it full) enlists in a queue of waiters under
 * the lock, publishes their count in a volatile field, re-checks, and parks. The other side reads
 * that count after each publish (one volatile read, after the volatile write that publishes) and
 * wakes one waiter only when there is one. A waiter that is woken and then leaves without using
 * the wake-up passes it on.
 */
final class RingWorkQueue<E> extends WorkQueue<E> {

    private static final long SHUT = 1L << 62; // in tail: shut down, for good
    private static final long FROZEN = 1L << 62; // in head: a rare operation holds the slots
    private static final long INDEX = SHUT - 1;
    private static final int SPINS_BEFORE_YIELD = 256;

    // The fields both sides read or write on every operation, one cache line each, padded by
    // inheritance (HotSpot lays out a superclass's fields before its subclass's).
    static class Pad0 {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    static class TailLine extends Pad0 {
        volatile long tail;
        long limit; // producers' cache of head + maxsize; read and written opaquely
    }

    static class Pad1 extends TailLine {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    static class HeadLine extends Pad1 {
        volatile long head;
        /** Consumers' last reading of tail's index (opaque); tail only grows, so it is a lower bound. */
        long tailSeen;
    }

    static class Pad2 extends HeadLine {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    static class DoneLine extends Pad2 {
        volatile long done;
    }

    static class Pad3 extends DoneLine {
        long p30, p31, p32, p33, p34, p35, p36, p37;
    }

    /** Rarely written, read after every put or get. */
    static class WakeLine extends Pad3 {
        volatile int takerWake; // waiting gets + selectors
        volatile int putterWake; // waiting puts
    }

    static final class Hot extends WakeLine {
        long p40, p41, p42, p43, p44, p45, p46, p47;
    }

    private static final VarHandle TAIL, LIMIT, HEAD, TAIL_SEEN, DONE, SEQ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(TailLine.class, "tail", long.class);
            LIMIT = l.findVarHandle(TailLine.class, "limit", long.class);
            HEAD = l.findVarHandle(HeadLine.class, "head", long.class);
            TAIL_SEEN = l.findVarHandle(HeadLine.class, "tailSeen", long.class);
            DONE = l.findVarHandle(DoneLine.class, "done", long.class);
            SEQ = MethodHandles.arrayElementVarHandle(long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A thread parked in a get or put. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        /** Set (under the lock) by the thread that took this waiter off the queue to wake it. */
        volatile boolean woken;
    }

    private final Hot hot = new Hot();
    private final int length;
    private final int mask;
    private final Object[] items;
    private final long[] seqs;

    private final ArrayDeque<Waiter> takers = new ArrayDeque<>(); // guarded by lock
    private final ArrayDeque<Waiter> putters = new ArrayDeque<>(); // guarded by lock
    /** Items the rare operations removed without handing them out; written under the lock. */
    private volatile long dropped;

    RingWorkQueue(int maxsize) {
        super(Order.FIFO, maxsize);
        // At least two slots: with one, "item i published" (sequence i + 1) would read the same as
        // "free for item i + 1", and a put could overwrite an item a get has claimed but not read.
        // The limit, not the ring's length, is what holds the queue to maxsize.
        this.length = Math.max(2, Integer.highestOneBit(maxsize - 1) << 1);
        this.mask = length - 1;
        this.items = new Object[length];
        this.seqs = new long[length];
        for (int i = 0; i < length; i++) {
            seqs[i] = i;
        }
        hot.limit = maxsize;
    }

    private static void spin(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield(); // the thread we wait for was descheduled mid-step
        }
    }

    // ---------------------------------------------------------------- the ring

    /**
     * Claims a slot and puts {@code e} in it.
     *
     * @return false if the queue is full
     * @throws QueueShutDownException if it is shut down
     */
    private boolean tryPut(E e) {
        final Hot hot = this.hot;
        final long[] seqs = this.seqs;
        for (int spins = 0; ; ) {
            long t = hot.tail;
            if ((t & SHUT) != 0) {
                throw shutDownOnPut();
            }
            if (t >= (long) LIMIT.getOpaque(hot)) {
                long limit = (hot.head & INDEX) + capacity;
                LIMIT.setOpaque(hot, limit); // racing producers may store an older limit: only costs a reread
                if (t >= limit) {
                    return false;
                }
            }
            int i = (int) t & mask;
            long s = (long) SEQ.getAcquire(seqs, i);
            if (s == t) {
                if (TAIL.weakCompareAndSet(hot, t, t + 1)) {
                    items[i] = e;
                    SEQ.setVolatile(seqs, i, t + 1); // publish; also orders the read of takerWake after it
                    return true;
                }
            } else if (s < t) {
                spin(spins++); // the get one lap back has claimed this slot and is about to free it
            }
            // s > t: another put took slot t; read tail again
        }
    }

    /** What {@link #tryTake()} returns while a rare operation holds the slots. */
    private static final Object BUSY = new Object();

    /** Takes the next item; null if the queue is empty, {@link #BUSY} if frozen. */
    private Object tryTake() {
        final Hot hot = this.hot;
        final long[] seqs = this.seqs;
        for (int spins = 0; ; ) {
            long h = hot.head;
            if ((h & FROZEN) != 0) {
                return BUSY;
            }
            int i = (int) h & mask;
            long s = (long) SEQ.getAcquire(seqs, i);
            if (s == h + 1) {
                if (HEAD.weakCompareAndSet(hot, h, h + 1)) {
                    Object x = items[i];
                    items[i] = null;
                    SEQ.setVolatile(seqs, i, h + length); // free the slot; orders the read of putterWake
                    return x;
                }
            } else if (s <= h) {
                if ((hot.tail & INDEX) <= h) {
                    return null;
                }
                spin(spins++); // a put claimed slot h and is about to publish it
            }
            // s > h + 1: head moved on since we read it
        }
    }

    /** Waits while a rare operation holds the slots (it holds the lock for as long). */
    private void awaitRareOperation() {
        if (lock.isHeldByCurrentThread()) {
            // A removeIf predicate or a drainTo collection is using this queue: it would wait for
            // itself forever.
            throw new IllegalStateException(
                    "a WorkQueue cannot be used from inside its own removeIf, drainTo or remove");
        }
        lock.lock();
        lock.unlock();
    }

    /** Takes the next item, waiting out rare operations; null if empty. */
    @SuppressWarnings("unchecked")
    private E takeNow() {
        Object x;
        while ((x = tryTake()) == BUSY) {
            awaitRareOperation();
        }
        if (x != null && hot.putterWake != 0) {
            wakeOne(putters, false);
        }
        return (E) x;
    }

    private void afterPut() {
        if (hot.takerWake != 0) {
            wakeOne(takers, true);
        }
    }

    // ---------------------------------------------------------------- put

    @Override
    public void put(E e) throws InterruptedException {
        checkItem(e);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (tryPut(e)) {
            afterPut();
        } else {
            awaitRoom(e, -1);
        }
    }

    @Override
    public boolean offer(E e) {
        checkItem(e);
        if (tryPut(e)) {
            afterPut();
            return true;
        }
        return false;
    }

    @Override
    boolean offerNanos(E e, long nanos) throws InterruptedException {
        checkItem(e);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (tryPut(e)) {
            afterPut();
            return true;
        }
        return nanos > 0 && awaitRoom(e, nanos);
    }

    /** Puts {@code e}, parking while full; {@code nanos < 0} waits forever. False on timeout. */
    private boolean awaitRoom(E e, long nanos) throws InterruptedException {
        long deadline = nanos < 0 ? 0 : Timeouts.deadline(nanos);
        Waiter w = null;
        boolean done = false;
        try {
            for (;;) {
                if (tryPut(e)) {
                    done = true;
                    afterPut();
                    return true;
                }
                if (w == null || w.woken) {
                    w = enlist(putters, w);
                    continue; // check again now that a get will see us
                }
                if (!park(nanos, deadline)) {
                    return false;
                }
            }
        } finally {
            if (w != null) {
                delist(putters, w, done);
            }
        }
    }

    // ---------------------------------------------------------------- get

    @Override
    public E take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        E x = takeNow();
        return x != null ? x : awaitItem(-1);
    }

    @Override
    public E getNowait() {
        for (;;) {
            E x = takeNow();
            if (x != null) {
                return x;
            }
            if (!isShutdown()) {
                throw new QueueEmptyException("queue is empty"); // it was, when takeNow looked
            }
            if (shutAndEmpty()) {
                throw shutDownOnGet();
            }
            // Shut down, but items put before the shutdown arrived after takeNow looked: take one.
        }
    }

    /**
     * Whether the queue is shut down and empty, at one instant: once shut down, tail's index is
     * final, so reading head after tail sees both conditions hold together.
     */
    private boolean shutAndEmpty() {
        long t = hot.tail;
        return (t & SHUT) != 0 && (hot.head & INDEX) >= (t & INDEX);
    }

    @Override
    public E poll() {
        return takeNow();
    }

    @Override
    E pollNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos == 0) {
            for (;;) {
                E x = takeNow();
                if (x != null || !isShutdown()) {
                    return x;
                }
                if (shutAndEmpty()) {
                    throw shutDownOnGet();
                }
            }
        }
        E x = takeNow();
        return x != null ? x : awaitItem(nanos);
    }

    /** Takes an item, parking while empty; {@code nanos < 0} waits forever. Null on timeout. */
    private E awaitItem(long nanos) throws InterruptedException {
        long deadline = nanos < 0 ? 0 : Timeouts.deadline(nanos);
        Waiter w = null;
        boolean took = false;
        try {
            for (;;) {
                E x = takeNow();
                if (x != null) {
                    took = true;
                    return x;
                }
                if (isShutdown()) {
                    if (shutAndEmpty()) {
                        throw shutDownOnGet(); // empty, and nothing can be put any more
                    }
                    continue; // items put before the shutdown remain: take one
                }
                if (w == null || w.woken) {
                    w = enlist(takers, w);
                    continue; // check again now that a put will see us
                }
                if (!park(nanos, deadline)) {
                    return null;
                }
            }
        } finally {
            if (w != null) {
                delist(takers, w, took);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        final Hot hot = this.hot;
        for (int spins = 0; ; ) {
            long h = hot.head;
            if ((h & FROZEN) != 0) {
                awaitRareOperation();
                continue;
            }
            int i = (int) h & mask;
            long s = (long) SEQ.getAcquire(seqs, i);
            if (s == h + 1) {
                Object x = items[i];
                if (hot.head == h) {
                    return (E) x; // head did not move, so item h was still in place when read
                }
            } else if (s <= h) {
                if ((hot.tail & INDEX) <= h) {
                    return null;
                }
                spin(spins++);
            }
        }
    }

    // ---------------------------------------------------------------- waiting

    /** Parks once; false if the deadline passed. */
    private boolean park(long nanos, long deadline) throws InterruptedException {
        if (nanos < 0) {
            LockSupport.park(this);
        } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return true;
    }

    /** Puts a waiter (a new one if {@code w} is null) on {@code waiters}. */
    private Waiter enlist(ArrayDeque<Waiter> waiters, Waiter w) {
        lock.lock();
        try {
            if (w == null) {
                w = new Waiter();
            }
            w.woken = false;
            waiters.addLast(w);
            updateWakeCounts();
        } finally {
            lock.unlock();
        }
        // The count is a volatile write; the re-check that follows reads the ring with acquire
        // reads, which a plain unlock does not order after it.
        VarHandle.fullFence();
        return w;
    }

    /** Takes {@code w} off {@code waiters}; passes on a wake-up it did not use. */
    private void delist(ArrayDeque<Waiter> waiters, Waiter w, boolean succeeded) {
        boolean wasWoken;
        lock.lock();
        try {
            wasWoken = !waiters.removeFirstOccurrence(w) && w.woken;
            updateWakeCounts();
        } finally {
            lock.unlock();
        }
        if (wasWoken && !succeeded) {
            wakeOne(waiters, false); // the put that woke us already told the selectors
        }
    }

    /** Holds the lock. */
    private void updateWakeCounts() {
        hot.takerWake = takers.size() + (selectors == null ? 0 : selectors.length);
        hot.putterWake = putters.size();
    }

    /**
     * Wakes the first waiter of {@code waiters}, if any; with {@code selectorsToo}, also every
     * selector (a put makes this queue ready for them).
     */
    private void wakeOne(ArrayDeque<Waiter> waiters, boolean selectorsToo) {
        lock.lock();
        try {
            wake(waiters, 1);
            if (selectorsToo) {
                signalSelectors();
            }
            updateWakeCounts();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the lock; wakes every waiter of both kinds and every selector. */
    private void wakeEveryone() {
        wake(takers, Integer.MAX_VALUE);
        wake(putters, Integer.MAX_VALUE);
        signalSelectors();
        updateWakeCounts();
    }

    /** Holds the lock; takes up to {@code max} waiters off {@code waiters} and unparks them. */
    private static void wake(ArrayDeque<Waiter> waiters, int max) {
        for (int n = 0; n < max; n++) {
            Waiter w = waiters.pollFirst();
            if (w == null) {
                return;
            }
            w.woken = true;
            LockSupport.unpark(w.thread);
        }
    }

    // ---------------------------------------------------------------- rare operations

    /**
     * Holds the lock. Freezes head, waits until every put claimed below tail has published, and
     * returns {head, tail} of the frozen range.
     */
    private long[] freeze() {
        long h = freezeHead();
        return new long[] {h, awaitPublished(h)};
    }

    /** Holds the lock. Freezes head, stopping gets, and returns its index. */
    private long freezeHead() {
        final Hot hot = this.hot;
        long h;
        do {
            h = hot.head;
        } while (!HEAD.compareAndSet(hot, h, h | FROZEN));
        return h;
    }

    /** Holds the lock and a frozen head {@code h}; waits until every put claimed below tail has published. */
    private long awaitPublished(long h) {
        long t = hot.tail & INDEX;
        for (long k = h; k < t; k++) {
            int i = (int) k & mask;
            for (int spins = 0; (long) SEQ.getAcquire(seqs, i) != k + 1; ) {
                spin(spins++);
            }
        }
        return t;
    }

    /**
     * Holds the lock and the frozen range {@code [h, t)}. Removes the items at the positions
     * {@code remove} marks: the kept ones move toward the tail, the freed slots at the head end
     * are released for puts, and head moves past them. Unfreezes head.
     *
     * @param handedOut whether the removed items count as got (drainTo) or as dropped
     */
    private void compactAndUnfreeze(long h, long t, boolean[] remove, int removed, boolean handedOut) {
        if (removed > 0) {
            long newHead = h + removed;
            long to = t - 1;
            for (long k = t - 1; k >= h; k--) {
                Object x = items[(int) k & mask];
                if (!remove[(int) (k - h)]) {
                    if (to != k) {
                        items[(int) to & mask] = x;
                    }
                    to--;
                }
            }
            for (long k = h; k < newHead; k++) {
                int i = (int) k & mask;
                items[i] = null;
                seqs[i] = k + length; // free for the put one lap on (plain: unfreezing publishes it)
            }
            if (!handedOut) {
                dropped += removed;
            }
            HEAD.setVolatile(hot, newHead);
            wake(putters, Integer.MAX_VALUE); // room for every one of them, maybe
            updateWakeCounts();
            signalIfAllTasksDone();
        } else {
            HEAD.setVolatile(hot, h);
        }
    }

    /** Drops the items that {@code match} accepts (only the first if {@code firstOnly}). */
    private int drop(Predicate<Object> match, boolean firstOnly) {
        lock.lock();
        try {
            long[] range = freeze();
            long h = range[0], t = range[1];
            boolean[] remove = new boolean[(int) (t - h)];
            int removed = 0;
            try {
                for (long k = h; k < t; k++) {
                    if (match.test(items[(int) k & mask])) {
                        remove[(int) (k - h)] = true;
                        removed++;
                        if (firstOnly) {
                            break;
                        }
                    }
                }
            } catch (Throwable failure) {
                HEAD.setVolatile(hot, h); // the predicate threw: remove nothing
                throw failure;
            }
            compactAndUnfreeze(h, t, remove, removed, false);
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean dropFirst(Predicate<Object> match) {
        return drop(match, true) > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        return drop(x -> filter.test((E) x), false) > 0;
    }

    @Override
    public void clear() {
        drop(x -> true, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    int drain(Collection<? super E> c, int maxElements) {
        lock.lock();
        try {
            long[] range = freeze();
            long h = range[0], t = range[1];
            int n = 0;
            try {
                while (n < maxElements && h + n < t) {
                    c.add((E) items[(int) (h + n) & mask]);
                    n++;
                }
            } finally {
                boolean[] remove = new boolean[(int) (t - h)];
                Arrays.fill(remove, 0, n, true);
                compactAndUnfreeze(h, t, remove, n, true);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object[] toArray() {
        lock.lock();
        try {
            long[] range = freeze();
            long h = range[0], t = range[1];
            Object[] out = new Object[(int) (t - h)];
            for (long k = h; k < t; k++) {
                out[(int) (k - h)] = items[(int) k & mask];
            }
            HEAD.setVolatile(hot, h);
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown(boolean immediate) {
        lock.lock();
        try {
            final Hot hot = this.hot;
            // An immediate shutdown freezes gets first, so no thread can see it shut down while the
            // items it drops are still there: shutting down and dropping are one step to others.
            long h = immediate ? freezeHead() : 0;
            long t;
            do {
                t = hot.tail;
            } while ((t & SHUT) == 0 && !TAIL.compareAndSet(hot, t, t | SHUT));
            if (immediate) {
                long end = awaitPublished(h); // tail is final now
                boolean[] remove = new boolean[(int) (end - h)];
                Arrays.fill(remove, true);
                compactAndUnfreeze(h, end, remove, remove.length, false);
            }
            wakeEveryone();
            signalIfAllTasksDone();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        return (hot.tail & SHUT) != 0;
    }

    // ---------------------------------------------------------------- size and tasks

    @Override
    public int qsize() {
        final Hot hot = this.hot;
        for (;;) {
            long h = hot.head;
            if ((h & FROZEN) != 0) {
                awaitRareOperation(); // the size is about to change all at once
                continue;
            }
            long t = hot.tail;
            if (hot.head == h) {
                // head stood still while tail was read: t - h was the size at that moment
                return (int) ((t & INDEX) - h);
            }
        }
    }

    /** Items handed out so far: a consistent read of head and dropped. */
    private long fetched() {
        final Hot hot = this.hot;
        for (;;) {
            long h = hot.head;
            if ((h & FROZEN) != 0) {
                awaitRareOperation();
                continue;
            }
            long d = dropped;
            if (hot.head == h) {
                return h - d;
            }
        }
    }

    @Override
    public void taskDone() {
        final Hot hot = this.hot;
        long f, d;
        for (;;) {
            // done first: fetched only grows, so if done >= fetched read later, it held when done
            // was read, and "too many" is true at that moment.
            d = hot.done;
            f = fetched();
            if (d >= f) {
                throw tooManyTaskDone(f);
            }
            if (DONE.compareAndSet(hot, d, d + 1)) {
                break;
            }
        }
        // join() raises joinWaiters, then reads done; we wrote done, then read joinWaiters: both
        // volatile, so one of us sees the other. Only a taskDone that catches up with the items
        // handed out while the queue is empty can finish a join, so only it takes the lock; any
        // other leaves a later taskDone (or the rare operation that drops items) to do it.
        if (joinWaiters != 0 && d + 1 == f && looksEmpty()) {
            signalJoinersIfAllTasksDone();
        }
    }

    /**
     * Whether the queue may be empty, reading tail (the producers' cache line) only when the last
     * reading remembered on the consumers' line no longer proves there are items. False means
     * there were items after head was read; true is to be confirmed under the lock.
     */
    private boolean looksEmpty() {
        final Hot hot = this.hot;
        long h = hot.head & INDEX;
        if ((long) TAIL_SEEN.getOpaque(hot) > h) {
            return false;
        }
        long t = hot.tail & INDEX;
        TAIL_SEEN.setOpaque(hot, t); // racing consumers may store an older reading: only costs a reread
        return t <= h;
    }

    /** From one consistent reading of head, tail and done. */
    @Override
    boolean allTasksDone() {
        final Hot hot = this.hot;
        for (;;) {
            long h = hot.head;
            long t = hot.tail & INDEX;
            long d = hot.done;
            if (hot.head == h && (hot.tail & INDEX) == t) {
                return t == h && d == h - dropped;
            }
        }
    }

    @Override
    public long unfinishedTasks() {
        lock.lock();
        try {
            final Hot hot = this.hot;
            for (;;) {
                long h = hot.head;
                long t = hot.tail & INDEX;
                long d = hot.done;
                if (hot.head == h && (hot.tail & INDEX) == t) {
                    return (t - h) + (h - dropped - d);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- select support

    @Override
    void selectorsChanged() {
        updateWakeCounts();
    }

    @Override
    boolean readyForGet() {
        return qsize() > 0 || isShutdown();
    }
}
