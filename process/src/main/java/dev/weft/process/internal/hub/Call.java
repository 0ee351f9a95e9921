package dev.weft.process.internal.hub;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One request received by a {@link Hub}: who sent it, the op, its two numbers and its body. Not
 * API.
 *
 * <p>A call that may wait runs through {@link #async}: on a virtual thread of its own, so the
 * connection goes on serving the caller's other threads. A {@code CANCEL} from the caller (its
 * thread was interrupted) or the caller's connection closing interrupts that thread; an operation
 * interrupted while it waits has done nothing (the {@code BlockingQueue} contract) and the reply
 * says {@link Result#CANCELLED}. If it completed first, its real result is sent instead, so the
 * caller gets the item it was waiting for and nothing is lost.
 */
public final class Call {
    /** Work that may block; an {@link InterruptedException} means it was cancelled and did nothing. */
    @FunctionalInterface
    public interface Blocking {
        Result run() throws Exception;
    }

    final Peer peer;
    final long id;
    final long objectId;
    final int op;
    final int flags;
    final long arg1;
    final long arg2;
    final byte[] body;

    private final ReentrantLock lock = new ReentrantLock();
    /** What to do if a successful result cannot reach the caller (it left); set by the object. */
    private volatile Runnable undelivered;
    private Thread thread; // guarded by lock
    private boolean finished; // guarded by lock
    private boolean cancelled; // guarded by lock

    Call(Peer peer, long id, long objectId, int op, int flags, long arg1, long arg2, byte[] body) {
        this.peer = peer;
        this.id = id;
        this.objectId = objectId;
        this.op = op;
        this.flags = flags;
        this.arg1 = arg1;
        this.arg2 = arg2;
        this.body = body;
    }

    /** The operation, as the object's kind numbers them. */
    public int op() {
        return op;
    }

    /** The first number: by convention a timeout in nanoseconds (negative: no timeout), or a token. */
    public long arg1() {
        return arg1;
    }

    /** The second number. */
    public long arg2() {
        return arg2;
    }

    /** The body, never null (empty when none was sent). */
    public byte[] body() {
        return body;
    }

    /**
     * Makes {@code hook} run if this call's successful result cannot reach its caller, because the
     * caller's connection is closing or closed by the time the result is sent: an object that
     * handed something out (a queue's item) takes it back there, so that nothing is lost to a
     * caller that left.
     */
    public void onUndelivered(Runnable hook) {
        this.undelivered = hook;
    }

    Runnable undelivered() {
        return undelivered;
    }

    /** The connection the call came from. */
    public Peer peer() {
        return peer;
    }

    /**
     * Runs {@code work} on a new virtual thread and sends its result when it ends.
     *
     * @return the marker to return from {@link HubObject#handle}
     */
    public Result async(Blocking work) {
        peer.inflight.put(id, this);
        if (peer.closing()) {
            cancel(); // the caller is gone: the work must not take an item nobody will receive
        }
        Thread.ofVirtual().name("weft-hub-call-" + id).start(() -> {
            lock.lock();
            try {
                thread = Thread.currentThread();
                if (cancelled) {
                    thread.interrupt();
                }
            } finally {
                lock.unlock();
            }
            Result r;
            try {
                r = work.run();
            } catch (InterruptedException e) {
                r = new Result(Result.CANCELLED, 0, null);
            } catch (Exception | Error e) {
                r = Result.failure(e);
            }
            lock.lock();
            try {
                finished = true;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // a cancel that came after the work finished must not leak
            peer.inflight.remove(id);
            peer.reply(this, r);
        });
        return null;
    }

    /** Interrupts the work if it is still running (or makes it start interrupted). */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            if (thread != null && !finished) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
