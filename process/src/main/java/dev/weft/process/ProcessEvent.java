package dev.weft.process;

import dev.weft.process.internal.shm.EventWord;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * An event shared by processes on one machine, in shared memory: Python's
 * {@code multiprocessing.Event}, with the names of {@link dev.weft.sync.Event}. {@link #await()}
 * waits without limit and {@link #await(Duration)} at most the given time, sleeping in the kernel
 * in slices of at most 20 ms (a virtual thread parks instead); an interrupt is noticed within a
 * slice. Memory visibility: actions before {@link #set()} happen-before actions after a wait, in
 * any process, that sees the flag set.
 *
 * <p>{@link #close()} releases this process's handle; using it afterwards throws
 * {@link IllegalStateException}, and so does the wait of another thread of this process that is
 * waiting on this handle when it is closed (within a slice). The memory stays mapped until that
 * waiter has left, so closing never pulls memory from under a sleeping thread.
 */
public final class ProcessEvent implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessEvent";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient EventWord word;

    /** A new event, not set. */
    public ProcessEvent() {
        this(Segment.create(EventWord.BYTES));
    }

    private ProcessEvent(Segment segment) {
        this.segment = segment;
        this.word = new EventWord(segment);
    }

    /** {@return whether the flag is set: Python's {@code is_set()}} */
    public boolean isSet() {
        return word.isSet();
    }

    /** Sets the flag and wakes every waiter: Python's {@code set()}. */
    public void set() {
        word.set();
    }

    /** Clears the flag: Python's {@code clear()}. */
    public void clear() {
        word.clear();
    }

    /**
     * Waits until the flag is set: Python's {@code wait()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalStateException if this handle is or gets closed
     */
    public void await() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        word.await(-1);
    }

    /**
     * Waits at most {@code timeout} for the flag: Python's {@code wait(timeout)}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return whether it is set
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = dev.weft.internal.Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return word.await(nanos);
    }

    /**
     * Releases this process's handle (the memory is unmapped once no handle here and no waiting
     * thread uses it). Idempotent.
     */
    @Override
    public void close() {
        segment.close();
    }

    @Override
    public String toString() {
        return "ProcessEvent[" + (segment.isClosed() ? "closed" : word.isSet() ? "set" : "not set") + "]";
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    private Object writeReplace() {
        return segment.ref(KIND, 0, null);
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process event travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return new ProcessEvent(Segment.open(ref));
    }
}
