package dev.weft.process;

import dev.weft.internal.Timeouts;
import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.QueueObject;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.wire.ProtocolException;
import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueFullException;
import dev.weft.queue.WorkQueue;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A first-in, first-out queue shared between processes: Python's {@code multiprocessing.Queue},
 * and a {@link BlockingQueue}. Any process that holds it may put and get; it is handed to another
 * process by passing it, or anything that contains it, as an argument of a child process or of a
 * pool task, or by putting it on another shared queue or sending it through a {@link Pipe}.
 *
 * <h2>Where the items live</h2>
 * The process that creates a queue owns it: the items are kept there, in a {@link WorkQueue}. Other
 * processes get a handle that sends each operation to the owner over an authenticated Unix-domain
 * socket (one connection per pair of processes, shared by all their handles and threads). When the
 * owner is gone (it exited, was killed, or closed its hub), every call on a handle in another
 * process, including one already waiting, throws {@link ObjectUnavailableException}; none hangs.
 * So make the queue in the process that lives longest, usually the parent.
 *
 * <h2>Items are copies</h2>
 * A put encodes the item, in the putting thread, with Weft's codec (primitives, strings, arrays,
 * collections, records, enums; other {@link Serializable} objects through Java serialization), and
 * a get decodes a new copy: what is got is a snapshot of the item as it was when it was put, also
 * within one process. An item that cannot be encoded is refused by the put with
 * {@link IllegalArgumentException} naming its class and where it was found, and so is one whose
 * encoding is over {@link #MAX_ITEM_SIZE} bytes. Items are decoded by
 * the getting process and only into classes its allowlist accepts (the JDK's value types and
 * collections by default); an item of another class makes that get throw {@link ProcessException}
 * naming the class, and the item is consumed. The owner never decodes the items it keeps. Nulls are
 * refused with {@link NullPointerException}, as by every {@code BlockingQueue}.
 *
 * <h2>Methods</h2>
 * As {@link WorkQueue}: Python's names ({@link #put(Object, Duration)}, {@link #putNowait},
 * {@link #get(Duration)}, {@link #getNowait}, {@link #qsize}, {@link #empty}, {@link #full}) report
 * a timeout or a full or empty queue with {@link QueueFullException} or {@link QueueEmptyException}
 * and reject a negative timeout with {@link IllegalArgumentException}; the {@code BlockingQueue}
 * methods return false or null instead and treat a negative time as zero. {@link #qsize},
 * {@link #empty} and {@link #full} are, as in Python, only a hint by the time they return.
 * Iteration, {@code toArray} and {@code contains} work on a snapshot; {@code remove(Object)} and
 * the iterator's {@code remove} are not supported, since they would need the owner to compare
 * decoded items.
 *
 * <h2>Blocking and interrupts</h2>
 * {@link #put(Object) put} (on a bounded queue) and {@link #get()} wait without limit, their timed
 * forms at most the given time; a handle in another process waits in the owner, which keeps one
 * virtual thread per waiting call. A thread interrupted on entry, or while it waits, throws
 * {@link InterruptedException} having put or taken nothing; except that if the owner had already
 * completed the call when the interrupt reached it (it asks the owner to cancel and waits for the
 * answer, at most 10 seconds), the item is returned, or the put stands, and the
 * thread's interrupt status is set: an item is never lost to an interrupt. The other methods do not
 * wait beyond a round trip to the owner.
 *
 * <h2>What a put guarantees</h2>
 * In the owner, and for a bounded queue in every process, a put returns once the item is in the
 * queue. In another process, a put on an unbounded queue (which can never have to wait) returns as
 * soon as the item is encoded and queued for sending, like Python's feeder thread: items put by one
 * process arrive in the order it put them (across all its threads, in the order their puts
 * returned), before anything that process does to the queue afterwards, and a failure to store
 * one (the owner gone, the queue no longer served) is thrown by the next call on the queue from
 * that process. At exit a process waits up to 10 seconds for its pipelined puts
 * to arrive; {@link #joinThread()} waits for them at any time. Python's {@code cancel_join_thread}
 * has no counterpart: sending never blocks on a full pipe here, so waiting at exit cannot deadlock.
 *
 * <h2>Closing</h2>
 * {@link #close()} says this handle will be used no more, as Python's {@code close}: later puts and
 * gets through it throw {@link IllegalStateException}. Other handles on the same queue, in this
 * process or others, are not affected; the items stay with the owner.
 *
 * <p>Memory visibility: in the owner, actions in a thread before it puts an item happen-before
 * actions after another thread of the owner gets that item. Between processes there is no shared
 * memory: what travels is the item's encoded content.
 *
 * <p>Handles are thread-safe.
 *
 * @param <E> the type of the items
 */
public sealed class Queue<E> extends AbstractQueue<E> implements BlockingQueue<E>, Serializable
        permits JoinableQueue {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The largest encoded item a process queue takes, in bytes: 64 MiB less 64. */
    public static final int MAX_ITEM_SIZE = ItemCodec.MAX_SIZE;

    /** The kind of shared object a {@code Queue} travels as. */
    static final String KIND = "Queue";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a RemoteRef
    final transient QueueBackend backend;
    private transient volatile boolean closed;

    /** An unbounded queue owned by this process: Python's {@code Queue()}. */
    public Queue() {
        this(0);
    }

    /**
     * A queue of at most {@code maxsize} items owned by this process: Python's
     * {@code Queue(maxsize)}. A put on a full queue waits until there is room.
     *
     * @param maxsize the most items it holds; 0 for no bound
     * @throws IllegalArgumentException if {@code maxsize} is negative (0 means unbounded)
     */
    public Queue(int maxsize) {
        this(new QueueBackend.Local(new QueueObject(maxsize)));
    }

    Queue(QueueBackend backend) {
        this.backend = backend;
    }

    String kind() {
        return KIND;
    }

    // ---------------------------------------------------------------- put

    /**
     * Puts {@code e}, waiting while the queue is full (only a bounded queue can be).
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws IllegalStateException if this handle is closed
     * @throws IllegalArgumentException if {@code e} cannot be encoded (the message names the class)
     * @throws NullPointerException if {@code e} is null
     * @throws ObjectUnavailableException if the owner is gone
     */
    @Override
    public void put(E e) throws InterruptedException {
        putNanos(e, -1);
    }

    /**
     * Puts {@code e}, waiting at most {@code timeout} for room: Python's {@code put(obj, timeout=...)}.
     *
     * @param e the item, not null
     * @param timeout the longest to wait for room
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     * @throws IllegalArgumentException if {@code timeout} is negative, or {@code e} cannot be encoded
     * @throws IllegalStateException if this handle is closed
     * @throws ObjectUnavailableException if the owner is gone
     */
    public void put(E e, Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (!putNanos(e, nanos == 0 ? 0 : nanos)) {
            throw new QueueFullException("put timed out after " + timeout + ": queue still full (maxsize "
                    + maxsize() + ")");
        }
    }

    /**
     * Puts {@code e} if there is room now: Python's {@code put_nowait}. Does not wait (beyond a
     * round trip to the owner).
     *
     * @param e the item, not null
     * @throws QueueFullException if the queue is full
     * @throws IllegalStateException if this handle is closed
     * @throws ObjectUnavailableException if the owner is gone
     */
    public void putNowait(E e) {
        if (!offer(e)) {
            throw new QueueFullException("queue is full (maxsize " + maxsize() + ")");
        }
    }

    /**
     * Puts {@code e} if there is room now.
     *
     * @throws QueueFullException if the queue is full
     */
    @Override
    public boolean add(E e) {
        putNowait(e);
        return true;
    }

    /** Puts {@code e} if there is room now; false if the queue is full. */
    @Override
    public boolean offer(E e) {
        byte[] item = encode(e);
        checkOpen();
        return withoutWaiting(() -> backend.put(item, 0));
    }

    /**
     * Puts {@code e}, waiting at most the given time for room; a negative time means no wait.
     *
     * @return false if the queue was still full when the time elapsed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is put
     */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Math.max(0, unit.toNanos(timeout));
        return nanos == 0 ? offer(e) : putNanos(e, nanos);
    }

    private boolean putNanos(E e, long nanos) throws InterruptedException {
        byte[] item = encode(e);
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return backend.put(item, nanos);
    }

    private byte[] encode(E e) {
        Objects.requireNonNull(e, "a process queue does not accept null items");
        byte[] item;
        try {
            item = ItemCodec.encode(e);
        } catch (NotEncodableException x) {
            throw new IllegalArgumentException("cannot put on a process queue: " + x.getMessage(), x);
        }
        if (item.length > MAX_ITEM_SIZE) {
            throw new IllegalArgumentException("cannot put on a process queue: the item's encoding has "
                    + item.length + " bytes, over the limit of " + MAX_ITEM_SIZE);
        }
        return item;
    }

    // ---------------------------------------------------------------- get

    /**
     * Takes the next item, waiting while the queue is empty: Python's {@code get()}.
     *
     * @return the item
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws IllegalStateException if this handle is closed
     * @throws ProcessException if the item cannot be decoded here (a class outside this process's
     *     allowlist, named in the message); the item is consumed
     * @throws ObjectUnavailableException if the owner is gone
     */
    public E get() throws InterruptedException {
        return take();
    }

    /** The same as {@link #get()}. */
    @Override
    public E take() throws InterruptedException {
        return decode(getNanos(-1));
    }

    /**
     * Takes the next item, waiting at most {@code timeout}: Python's {@code get(timeout=...)}.
     *
     * @param timeout the longest to wait for an item
     * @return the item
     * @throws QueueEmptyException if the queue is still empty when the timeout elapses
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if this handle is closed
     * @throws ProcessException if the item cannot be decoded here; the item is consumed
     * @throws ObjectUnavailableException if the owner is gone
     */
    public E get(Duration timeout) throws InterruptedException {
        byte[] item = getNanos(Timeouts.toNanos(timeout));
        if (item == null) {
            throw new QueueEmptyException("get timed out after " + timeout + ": queue still empty");
        }
        return decode(item);
    }

    /**
     * Takes the next item if there is one now: Python's {@code get_nowait()}.
     *
     * @return the item
     * @throws QueueEmptyException if the queue is empty
     * @throws IllegalStateException if this handle is closed
     */
    public E getNowait() {
        E e = poll();
        if (e == null) {
            throw new QueueEmptyException("queue is empty");
        }
        return e;
    }

    /** Takes the next item if there is one now; null if not. */
    @Override
    public E poll() {
        checkOpen();
        return decode(withoutWaiting(() -> backend.get(0)));
    }

    /**
     * Takes the next item, waiting at most the given time; a negative time means no wait.
     *
     * @return the item, or null if the queue was still empty when the time elapsed
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Math.max(0, unit.toNanos(timeout));
        return nanos == 0 ? poll() : decode(getNanos(nanos));
    }

    private byte[] getNanos(long nanos) throws InterruptedException {
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return backend.get(nanos);
    }

    /** A copy of the next item without taking it, or null if the queue is empty. */
    @Override
    public E peek() {
        return decode(backend.peek());
    }

    @SuppressWarnings("unchecked")
    E decode(byte[] item) {
        if (item == null) {
            return null;
        }
        try {
            return (E) ItemCodec.decode(item);
        } catch (ClassNotAllowedException e) {
            throw new ProcessException("cannot decode an item of " + this + ": " + e.getMessage(), e);
        } catch (ProtocolException e) {
            throw new ProcessException("cannot decode an item of " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves every item now in the queue into {@code c}, in order.
     *
     * @throws IllegalArgumentException if {@code c} is this queue
     */
    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code maxElements} items, in order, into {@code c}. They leave the queue before
     * they are decoded; one that cannot be decoded throws {@link ProcessException} and the items
     * after it are lost with it.
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
        checkOpen();
        List<byte[]> items = backend.drain(maxElements);
        for (byte[] item : items) {
            c.add(decode(item));
        }
        return items.size();
    }

    // ---------------------------------------------------------------- size and the rest

    /** {@return the number of items in the queue now: Python's {@code qsize()}} */
    public int qsize() {
        return backend.qsize();
    }

    /** The same as {@link #qsize()}. */
    @Override
    public int size() {
        return qsize();
    }

    /** {@return whether the queue has no items now: Python's {@code empty()}} */
    public boolean empty() {
        return qsize() == 0;
    }

    /** {@return whether the queue is at its maxsize now: Python's {@code full()}; never for unbounded} */
    public boolean full() {
        int max = maxsize();
        return max > 0 && qsize() >= max;
    }

    /** {@return the maxsize given at creation; 0 for unbounded} */
    public int maxsize() {
        return backend.maxsize();
    }

    /** Room left before a put would wait; {@link Integer#MAX_VALUE} if unbounded. */
    @Override
    public int remainingCapacity() {
        int max = maxsize();
        return max == 0 ? Integer.MAX_VALUE : Math.max(0, max - qsize());
    }

    /** Drops every item; dropped items need no {@code taskDone()}. */
    @Override
    public void clear() {
        backend.clear();
    }

    /**
     * A snapshot of the items, in order, decoded. Its {@code remove} is not supported.
     *
     * @throws ProcessException if an item cannot be decoded here
     */
    @Override
    public Iterator<E> iterator() {
        List<E> items = new ArrayList<>();
        for (byte[] item : backend.snapshot()) {
            items.add(decode(item));
        }
        return Collections.unmodifiableList(items).iterator();
    }

    /**
     * Closes this handle: Python's {@code close()}. Later puts and gets through it throw
     * {@link IllegalStateException}; other handles and the items are not affected. Idempotent.
     */
    public void close() {
        closed = true;
    }

    /** {@return whether {@link #close()} was called on this handle} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Waits until every item this process put on the queue without waiting (see "What a put
     * guarantees") is in the queue; returns at once in the owner. Python's {@code join_thread}, but
     * callable at any time and on an open handle.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws ObjectUnavailableException if the owner is gone
     */
    public void joinThread() throws InterruptedException {
        backend.flush(Duration.ofNanos(Long.MAX_VALUE));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** Names the queue and its owner; does not contact the owner. */
    @Override
    public String toString() {
        String owner = backend instanceof QueueBackend.Local ? "owned by this process"
                : "owned by process " + backend.ownerPid();
        return kind() + "[" + (maxsize() == 0 ? "" : "maxsize " + maxsize() + ", ") + owner + "]";
    }

    /** Handles are equal when they are the same handle. */
    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /**
     * Travels as a {@link RemoteRef}; the receiving process decodes it into its own handle.
     * Package-private, not private, so that {@link JoinableQueue} inherits it.
     *
     * @return the reference the receiving process attaches to
     */
    @Serial
    final Object writeReplace() {
        return backend.export(kind());
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process queue travels as a reference to its owner, never by content");
    }

    /** The handle a process gets when it decodes {@code ref}. */
    static Object resolve(RemoteRef ref) {
        QueueBackend backend = backend(ref);
        return switch (ref.kind()) {
            case JoinableQueue.KIND -> new JoinableQueue<>(backend);
            case SimpleQueue.KIND -> new SimpleQueue<>(new Queue<>(backend));
            default -> new Queue<>(backend);
        };
    }

    private static QueueBackend backend(RemoteRef ref) {
        Hub hub = Hub.localIfOpen();
        if (hub != null && hub.owns(ref) && hub.lookup(ref.objectId()) instanceof QueueObject store) {
            return new QueueBackend.Local(store);
        }
        return new QueueBackend.Remote(ref, HubClient.of(ref));
    }

    /** A backend call with a zero wait: it cannot block, so it ignores (and keeps) the interrupt status. */
    private interface ZeroWait<T> {
        T call() throws InterruptedException;
    }

    private static <T> T withoutWaiting(ZeroWait<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
