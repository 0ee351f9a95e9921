package dev.weft.sync;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} with a name, which the {@link LockOrderRecorder} watches: when
 * recording is on, it learns which named locks each thread takes while holding which, and reports
 * a potential deadlock the first time the learned order has a cycle, even if no deadlock happened.
 * With recording off (the default), a named lock costs one volatile read more than a
 * {@code ReentrantLock} per {@code lock()} and {@code unlock()}.
 *
 * <p>Named locks also have a fixed place in the global lock order used by
 * {@link Locks#acquireAll}: the order in which they were created.
 *
 * <pre>{@code
 * NamedLock accounts = new NamedLock("accounts");
 * try (var _ = Locks.hold(accounts)) { ... }
 * }</pre>
 */
public final class NamedLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    /** The name that reports of lock-order violations and potential deadlocks use. */
    private final String name;
    /** The lock's place in the global order of {@link Locks#acquireAll}: its creation order. */
    private final long rank = LockRanks.next();

    /**
     * Creates a non-fair named lock.
     *
     * @param name the name reports use
     */
    public NamedLock(String name) {
        this(name, false);
    }

    /**
     * Creates a named lock, fair (FIFO for waiting threads) or not.
     *
     * @param name the name reports use
     * @param fair whether waiting threads get the lock in arrival order
     */
    public NamedLock(String name, boolean fair) {
        super(fair);
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@return the name given at creation} */
    public String name() {
        return name;
    }

    long rank() {
        return rank;
    }

    @Override
    public void lock() {
        if (LockOrderRecorder.recording) {
            LockOrderRecorder.beforeBlockingAcquire(this);
            super.lock();
            LockOrderRecorder.acquired(this);
        } else {
            super.lock();
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (LockOrderRecorder.recording) {
            LockOrderRecorder.beforeBlockingAcquire(this);
            super.lockInterruptibly();
            LockOrderRecorder.acquired(this);
        } else {
            super.lockInterruptibly();
        }
    }

    /** Takes the lock if it is free; never blocks, so it never adds to the learned order. */
    @Override
    public boolean tryLock() {
        boolean locked = super.tryLock();
        if (locked && LockOrderRecorder.recording) {
            LockOrderRecorder.acquired(this);
        }
        return locked;
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        if (LockOrderRecorder.recording) {
            LockOrderRecorder.beforeBlockingAcquire(this);
            boolean locked = super.tryLock(timeout, unit);
            if (locked) {
                LockOrderRecorder.acquired(this);
            }
            return locked;
        }
        return super.tryLock(timeout, unit);
    }

    @Override
    public void unlock() {
        boolean last = getHoldCount() == 1;
        super.unlock();
        if (last && LockOrderRecorder.recording) {
            LockOrderRecorder.released(this);
        }
    }

    /**
     * A deserialized named lock is a new lock, unlocked as any deserialized {@code ReentrantLock},
     * with the same name and fairness and a rank of its own: ranks are unique within a JVM, and a copy that
     * kept the original's rank would be taken for the same lock by {@link Locks#acquireAll} and by the
     * {@link LockOrderRecorder}.
     *
     * @return the new lock
     */
    @java.io.Serial
    private Object readResolve() {
        return new NamedLock(name, isFair());
    }

    @Override
    public String toString() {
        return "NamedLock[" + name + "]";
    }
}
