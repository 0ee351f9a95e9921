package dev.weft.process;

import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.shm.ShmRef;
import dev.weft.sync.Guard;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * A lock shared by processes on one machine, in shared memory: Python's {@code multiprocessing.Lock}
 * ({@link ProcessLock}) and {@code RLock} ({@link ProcessRLock}), and what
 * {@link SharedValue#getLock()} returns. Hand it to a child process or pool task by passing it as
 * an argument; each process gets its own handle on the same lock.
 *
 * <h2>Who holds it</h2>
 * A thread of a process, as a {@code ReentrantLock}: only that thread may release it
 * ({@link IllegalMonitorStateException} otherwise). A {@link ProcessRLock} may be acquired again by
 * its owner and is free once released as many times; a {@link ProcessLock} is not reentrant, and
 * where Python's would wait forever, acquiring it again from the owning thread throws
 * {@link IllegalMonitorStateException}.
 *
 * <h2>A dead owner</h2>
 * The lock is robust: if the process holding it dies (killed, crashed, exited without releasing),
 * the next thread that waits for it takes it over within about 20 ms, and {@link #ownerDied()}
 * then returns true until that thread releases it, as a POSIX robust mutex reports
 * {@code EOWNERDEAD}: whatever the lock protected may be half-updated; check it. Acquiring returns
 * normally either way, so the usual {@code lock(); try { ... } finally { unlock(); }} stays right.
 *
 * <h2>Blocking and interrupts</h2>
 * {@link #acquire()} waits without limit, {@link #acquire(Duration)} at most the given time;
 * waiting first spins briefly, then sleeps in the kernel ({@code futex}) in slices of at most 20 ms,
 * so an interrupt is noticed within a slice: the waiter throws {@link InterruptedException} and
 * holds nothing. {@link #lock()} does not give up on interrupt and keeps the status. A virtual
 * thread waits by parking in short intervals instead of sleeping in the kernel, so as not to hold
 * its carrier.
 *
 * <h2>Memory</h2>
 * Memory visibility: actions of a thread before it releases the lock happen-before actions of the
 * thread, in any process, that acquires it next (the lock word is updated with volatile
 * compare-and-set on memory both map). {@link #close()} releases this process's handle; the memory
 * is freed when every process holding it has closed it or exited.
 *
 * <h2>Closing</h2>
 * A closed handle throws {@link IllegalStateException} when used. A thread of this process waiting
 * for the lock through a handle that gets closed throws {@link IllegalStateException} within a
 * slice, holding nothing; the memory stays mapped until it has left. Close a handle only after
 * releasing the lock: a release through a closed handle throws {@link IllegalStateException} and
 * leaves the lock held by this process, until the next thread of this process that acquires it
 * takes it over (and is told {@link #ownerDied()}) or the process exits.
 */
public abstract sealed class SharedLock implements Lock, AutoCloseable, Serializable permits ProcessLock, ProcessRLock {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: writeReplace sends a ShmRef
    final transient ProcessMutex mutex;

    SharedLock(ProcessMutex mutex) {
        this.mutex = mutex;
    }

    /**
     * Acquires, waiting without limit: Python's {@code acquire()}.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is held
     * @throws IllegalMonitorStateException if this thread holds a non-reentrant lock already
     * @throws IllegalStateException if this handle is closed
     */
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        mutex.acquire(-1);
    }

    /**
     * Acquires, waiting at most {@code timeout}: Python's {@code acquire(timeout=...)}.
     *
     * @param timeout the longest to wait
     * @return false if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is held
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        long nanos = dev.weft.internal.Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return nanos == 0 ? mutex.tryAcquire() : mutex.acquire(nanos);
    }

    /**
     * Releases one hold: Python's {@code release()}.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     */
    public void release() {
        mutex.release();
    }

    /**
     * Acquires (waiting without limit, keeping an interrupt) and returns a guard whose close releases.
     *
     * @return the guard, for try-with-resources
     */
    public Guard hold() {
        lock();
        return ManagedRef.guard(this::release);
    }

    /**
     * {@return whether the calling thread holds the lock because it took it over from a process that died
     * holding it (see the class comment); false once it releases it}
     */
    public boolean ownerDied() {
        return mutex.recovered();
    }

    /** {@return whether some thread of some process holds it now} A hint. */
    public boolean locked() {
        return mutex.locked();
    }

    /** {@return whether the calling thread holds it} */
    public boolean isHeldByCurrentThread() {
        return mutex.heldByCurrentThread();
    }

    /** {@return how many holds the calling thread has} */
    public int holdCount() {
        return mutex.holdCount();
    }

    @Override
    public void lock() {
        Uninterruptibly.run(() -> mutex.acquire(-1));
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire();
    }

    @Override
    public boolean tryLock() {
        return mutex.tryAcquire();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(Duration.ofNanos(Math.max(0, unit.toNanos(time))));
    }

    @Override
    public void unlock() {
        release();
    }

    /** A new condition on this lock: Python's {@code multiprocessing.Condition(lock)}. */
    @Override
    public ProcessCondition newCondition() {
        return new ProcessCondition(this);
    }

    /**
     * Releases this process's handle (the lock itself lives while other processes hold it; this
     * process's mapping of it, while other handles here or waiting threads use it). Idempotent.
     */
    @Override
    public void close() {
        mutex.close();
    }

    @Override
    public String toString() {
        long owner = mutex.segment.isClosed() ? 0 : mutex.ownerPid();
        return getClass().getSimpleName() + "[" + (mutex.segment.isClosed() ? "closed"
                : owner == 0 ? "unlocked" : "held by process " + owner) + "]";
    }

    abstract String kind();

    ShmRef ref() {
        return mutex.segment.ref(kind(), 0, null);
    }

    /**
     * Travels to another process as a reference to the object, never by content.
     *
     * @return the reference that the receiving process turns back into a handle
     */
    @Serial
    final Object writeReplace() {
        return ref();
    }

    /**
     * Refuses to be read by content: only the reference {@code writeReplace} writes ever travels.
     *
     * @param in the stream, not read
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a process lock travels as a reference to its shared memory");
    }

    static Object resolve(ShmRef ref) {
        return ref.kind().equals(ProcessRLock.KIND) ? new ProcessRLock(ProcessMutex.open(ref, true))
                : new ProcessLock(ProcessMutex.open(ref, false));
    }
}
