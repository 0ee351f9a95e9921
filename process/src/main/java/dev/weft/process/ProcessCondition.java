package dev.weft.process;

import dev.weft.process.internal.shm.ConditionWord;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmRef;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A condition shared by processes on one machine, on a {@link SharedLock}: Python's
 * {@code multiprocessing.Condition}, and a {@link java.util.concurrent.locks.Condition}. Python's names are here too:
 * {@link #await(Duration)} for {@code wait(timeout)}, {@link #awaitFor} for {@code wait_for},
 * {@link #notify(int)} and {@link #notifyAll_()} for {@code notify(n)} and {@code notify_all()}.
 *
 * <p>A wait releases every hold the calling thread has on the lock, waits for a notify or the
 * timeout, and takes the holds back before it returns, also when interrupted (then it throws
 * {@link InterruptedException} holding the lock). Waiting or notifying without holding the lock
 * throws {@link IllegalMonitorStateException}. A notify may wake more waiters than asked
 * (spurious wake-ups, which {@code Condition} allows): re-check what you wait for, as
 * {@link #awaitFor} does. An interrupt is noticed within 20 ms. The condition's memory is separate
 * from its lock's; {@link #close()} releases this handle on the condition only. A thread of this
 * process waiting on the condition when its handle is closed takes the lock back and throws
 * {@link IllegalStateException} (within 20 ms); the memory stays mapped until it has left.
 */
public final class ProcessCondition extends PythonCondition implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessCondition";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient ConditionWord word;
    @SuppressWarnings("serial")
    private final transient SharedLock lock;

    /** A condition on a new {@link ProcessRLock}: Python's {@code Condition()}. */
    public ProcessCondition() {
        this(new ProcessRLock());
    }

    /**
     * A condition on {@code lock}: Python's {@code Condition(lock)}.
     *
     * @param lock the lock the condition's waiters hold
     */
    public ProcessCondition(SharedLock lock) {
        this(Segment.create(ConditionWord.BYTES), lock);
    }

    private ProcessCondition(Segment segment, SharedLock lock) {
        this.segment = segment;
        this.word = new ConditionWord(segment);
        this.lock = lock;
    }

    /** {@return its lock: acquire and release it around waits and notifies} */
    public SharedLock lock() {
        return lock;
    }

    @Override
    boolean waitNanos(long nanos) throws InterruptedException {
        if (!lock.mutex.heldByCurrentThread()) {
            throw new IllegalMonitorStateException("waiting on a condition needs its lock held by this thread");
        }
        int seen = word.sequence();
        int holds = lock.mutex.releaseFully();
        try {
            return word.await(seen, nanos);
        } finally {
            lock.mutex.reacquire(holds);
        }
    }

    @Override
    void wake(int n) {
        if (!lock.mutex.heldByCurrentThread()) {
            throw new IllegalMonitorStateException("notifying a condition needs its lock held by this thread");
        }
        word.notify(n);
    }

    /** Releases this handle on the condition (not its lock). Idempotent. */
    @Override
    public void close() {
        segment.close();
    }

    @Override
    public String toString() {
        return "ProcessCondition[" + lock + "]";
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    private Object writeReplace() {
        return segment.ref(KIND, 0, lock.ref());
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process condition travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        SharedLock lock = (SharedLock) SharedLock.resolve(ref.lockRef());
        try {
            return new ProcessCondition(Segment.open(ref), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }
}
