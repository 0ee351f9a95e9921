package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.SemaphoreWord;
import dev.weft.process.internal.shm.ShmRef;
import dev.weft.sync.Guard;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * A semaphore shared by processes on one machine, in shared memory: Python's
 * {@code multiprocessing.Semaphore(n)}, or, made by {@link #bounded(int)}, its
 * {@code BoundedSemaphore(n)}, which refuses a release above its initial value
 * ({@link IllegalStateException}, Python's {@code ValueError}). Permits have no owner: any thread
 * of any process may release one, and a process that dies holding some does not give them back.
 *
 * <p>{@link #acquire()} waits without limit and {@link #tryAcquire(Duration)} at most the given
 * time, sleeping in the kernel in slices of at most 20 ms (a virtual thread parks instead); an
 * interrupt is noticed within a slice and the waiter has taken nothing. Memory visibility: actions
 * before a release happen-before actions after an acquire that takes that permit, in any process.
 *
 * <p>{@link #close()} releases this process's handle; using it afterwards throws
 * {@link IllegalStateException}, and so does a wait of another thread of this process that is
 * waiting on this handle when it is closed (within a slice; it has taken nothing). The memory stays
 * mapped until that waiter has left, so closing never pulls memory from under a sleeping thread.
 */
public final class ProcessSemaphore implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "ProcessSemaphore";

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    private final transient Segment segment;
    @SuppressWarnings("serial")
    private final transient SemaphoreWord word;

    /**
     * A semaphore of {@code value} permits: Python's {@code Semaphore(value)}.
     *
     * @param value the permits it starts with
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public ProcessSemaphore(int value) {
        this(value, -1);
    }

    /**
     * {@return a semaphore of {@code value} permits that refuses releases above that: Python's
     * {@code BoundedSemaphore(value)}}
     *
     * @param value the permits it starts with, which are also the most it may have
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static ProcessSemaphore bounded(int value) {
        return new ProcessSemaphore(value, value);
    }

    private ProcessSemaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value must not be negative: " + value);
        }
        this.segment = Segment.create(SemaphoreWord.BYTES);
        this.word = new SemaphoreWord(segment);
        word.init(value, bound);
    }

    private ProcessSemaphore(Segment segment) {
        this.segment = segment;
        this.word = new SemaphoreWord(segment);
    }

    /** {@return whether releases above the initial value are refused} */
    public boolean isBounded() {
        return word.bound() >= 0;
    }

    /**
     * Takes a permit, waiting without limit: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     */
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        word.acquire(-1);
    }

    /**
     * Takes a permit if one is free now: Python's {@code acquire(block=False)}.
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        return word.tryAcquire();
    }

    /**
     * Takes a permit, waiting at most {@code timeout}: Python's {@code acquire(timeout=...)}.
     *
     * @param timeout the longest to wait
     * @return false if none came free in time
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is taken
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = dev.weft.internal.Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return nanos == 0 ? word.tryAcquire() : word.acquire(nanos);
    }

    /**
     * Takes a permit (waiting without limit, keeping an interrupt) and returns a guard whose close gives it back.
     *
     * @return the guard, for try-with-resources
     */
    public Guard hold() {
        Uninterruptibly.run(() -> word.acquire(-1));
        return ManagedRef.guard(this::release);
    }

    /**
     * Gives a permit back: Python's {@code release()}.
     *
     * @throws IllegalStateException if bounded and every permit is free already
     */
    public void release() {
        word.release(1);
    }

    /**
     * Gives {@code n} permits back: Python's {@code release(n)}.
     *
     * @param n how many permits to give back
     * @throws IllegalStateException if bounded and that would exceed the bound, or if the free
     *     permits would exceed {@link Integer#MAX_VALUE} (nothing changes)
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must release at least one permit: " + n);
        }
        word.release(n);
    }

    /** {@return the free permits now: Python's {@code get_value()}} A hint. */
    public int availablePermits() {
        return word.value();
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
        return "ProcessSemaphore[" + (segment.isClosed() ? "closed" : word.value() + " free") + "]";
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
        throw new InvalidObjectException("a process semaphore travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return new ProcessSemaphore(Segment.open(ref));
    }
}
