package dev.weft.process;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * An unbounded first-in, first-out queue shared between processes with only the essential
 * operations: Python's {@code multiprocessing.SimpleQueue}. It works as {@link Queue} does (owned
 * by the process that creates it, handed to others by passing it, items copied by content and
 * decoded under the getting process's class allowlist,
 * {@link ObjectUnavailableException} once the owner is gone), with none of its extras.
 *
 * <p>{@link #put} never waits for room. In the owner it returns once the item is in the queue; in
 * another process once the item is encoded and queued for sending (items from one process arrive in
 * order; see {@link Queue} for the full guarantee).
 *
 * @param <E> the type of the items
 */
public final class SimpleQueue<E> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "SimpleQueue";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a RemoteRef
    private final transient Queue<E> queue;

    /** An empty queue owned by this process. */
    public SimpleQueue() {
        this(new Queue<>());
    }

    SimpleQueue(Queue<E> queue) {
        this.queue = queue;
    }

    /**
     * Puts {@code e}. Never waits for room.
     *
     * @param e the item, not null
     * @throws IllegalStateException if this handle is closed
     * @throws IllegalArgumentException if {@code e} cannot be encoded (the message names the class)
     * @throws NullPointerException if {@code e} is null
     * @throws ObjectUnavailableException if the owner is gone
     */
    public void put(E e) {
        boolean interrupted = Thread.interrupted(); // an unbounded put never waits
        try {
            queue.put(e);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes the next item, waiting while the queue is empty.
     *
     * @return the item
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     *     (unless the owner handed the item out first: then it is returned with the interrupt
     *     status set)
     * @throws IllegalStateException if this handle is closed
     * @throws ProcessException if the item cannot be decoded here (named in the message)
     * @throws ObjectUnavailableException if the owner is gone
     */
    public E get() throws InterruptedException {
        return queue.get();
    }

    /**
     * {@return whether the queue has no items now: Python's {@code empty()}; only a hint by the time it
     * returns}
     */
    public boolean empty() {
        return queue.empty();
    }

    /** Closes this handle: later puts and gets through it throw {@link IllegalStateException}. */
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return queue.toString().replaceFirst("^Queue", KIND);
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    private Object writeReplace() {
        return queue.backend.export(KIND);
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
}
