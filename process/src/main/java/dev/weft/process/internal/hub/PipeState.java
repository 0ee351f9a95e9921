package dev.weft.process.internal.hub;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one pipe, kept by the process that made it: for each end, the messages waiting to
 * be received there and how many <i>holders</i> it has. Not API.
 *
 * <p>A holder is one open copy of an end: a handle in this process, a copy attached by another
 * process (counted per connection), or a copy in transit (encoded, not yet decoded and attached;
 * see {@link Hub#newTransfer}). Like a file descriptor of an OS pipe, an end is closed for its peer
 * only when its last holder lets go: then the peer's receives drain what is left and report
 * end-of-file, and the peer's sends fail as a broken pipe. Messages are byte strings the hub never
 * interprets. Buffering is unbounded: a send never waits.
 *
 * <p>One lock guards the whole pipe; waits are on one condition per end.
 */
public final class PipeState {
    public static final int ATTACH = 20;
    public static final int SEND = 21;
    public static final int RECV = 22;
    public static final int POLL = 23;
    public static final int RELEASE = 24;
    public static final int TRANSFER = 25;

    /** Ref param bits. */
    public static final long READABLE = 1;
    public static final long WRITABLE = 2;

    private final boolean duplex;
    private final ReentrantLock lock = new ReentrantLock();
    private final End[] ends;

    /** A pipe whose two ends each have one holder (the handles its creator makes). */
    public PipeState(boolean duplex) {
        this.duplex = duplex;
        this.ends = new End[] {new End(0), new End(1)};
    }

    /** End 0 (Python's first connection: the only reader when not duplex) or end 1. */
    public End end(int index) {
        return ends[index];
    }

    /** One end of the pipe. */
    public final class End implements HubObject {
        private final int index;
        private final Condition arrived = lock.newCondition();
        private final ArrayDeque<byte[]> inbox = new ArrayDeque<>(); // guarded by lock: messages for this end
        private final Map<Peer, Integer> attached = new HashMap<>(); // guarded by lock
        private int holders = 1; // guarded by lock

        private End(int index) {
            this.index = index;
        }

        public boolean readable() {
            return duplex || index == 0;
        }

        public boolean writable() {
            return duplex || index == 1;
        }

        /** The ref param for this end's direction. */
        public long directions() {
            return (readable() ? READABLE : 0) | (writable() ? WRITABLE : 0);
        }

        private End other() {
            return ends[1 - index];
        }

        /** Adds a holder if the end still has one; false if it is closed for good. */
        public boolean acquireIfOpen() {
            lock.lock();
            try {
                if (holders == 0) {
                    return false;
                }
                holders++;
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** Lets go of one holder; the last one closes the end for its peer. */
        public void release() {
            lock.lock();
            try {
                if (holders > 0 && --holders == 0) {
                    inbox.clear(); // nobody can receive these any more
                    other().arrived.signalAll(); // its receives see end-of-file
                    arrived.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Holders now (for tests). */
        public int holders() {
            lock.lock();
            try {
                return holders;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Queues {@code message} for the other end. Never blocks.
         *
         * @throws IOException if every holder of the other end has closed it (a broken pipe)
         */
        public void send(byte[] message) throws IOException {
            lock.lock();
            try {
                End other = other();
                if (other.holders == 0) {
                    throw new IOException("broken pipe: the other end of the pipe is closed");
                }
                other.inbox.add(message);
                other.arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Takes the next message for this end, waiting at most {@code nanos} (negative: no limit).
         *
         * @return the message, or null if none came in time
         * @throws EOFException if nothing is left and the other end is closed by all its holders
         * @throws IOException if the next message is longer than {@code maxLength} (it stays)
         * @throws InterruptedException if interrupted while waiting; nothing was taken
         */
        public byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException {
            lock.lockInterruptibly();
            try {
                if (!awaitReady(nanos)) {
                    return null;
                }
                byte[] m = inbox.peek();
                if (m == null) {
                    throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
                }
                if (m.length > maxLength) {
                    throw new IOException("the next message has " + m.length + " bytes, more than maxLength "
                            + maxLength + " (it is left in the pipe)");
                }
                return inbox.poll();
            } finally {
                lock.unlock();
            }
        }

        /** Whether a message or end-of-file is there within {@code nanos} (negative: no limit). */
        public boolean poll(long nanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                return awaitReady(nanos);
            } finally {
                lock.unlock();
            }
        }

        /** Holds the lock: waits until there is a message or end-of-file; false on timeout. */
        private boolean awaitReady(long nanos) throws InterruptedException {
            boolean forever = nanos < 0;
            while (inbox.isEmpty() && other().holders > 0) {
                if (forever) {
                    arrived.await();
                } else if (nanos <= 0) {
                    return false;
                } else {
                    nanos = arrived.awaitNanos(nanos);
                }
            }
            return true;
        }

        @Override
        public Result handle(Call call) throws Exception {
            return switch (call.op()) {
                case ATTACH -> attach(call);
                case RELEASE -> {
                    detach(call.peer());
                    yield Result.ok();
                }
                case TRANSFER -> {
                    if (!acquireIfOpen()) {
                        throw new IOException("the pipe end is closed");
                    }
                    yield Result.ok(call.peer().hub().newTransfer(this, this::release));
                }
                case SEND -> {
                    checkDirection(writable(), "send on");
                    send(call.body());
                    yield Result.ok();
                }
                case RECV -> {
                    checkDirection(readable(), "receive from");
                    long nanos = call.arg1();
                    int max = (int) Math.min(Integer.MAX_VALUE, Math.max(0, call.arg2()));
                    byte[] now = recv(0, max); // the common case needs no thread of its own
                    yield now != null || nanos == 0 ? message(now) : call.async(() -> message(recv(nanos, max)));
                }
                case POLL -> {
                    checkDirection(readable(), "poll");
                    long nanos = call.arg1();
                    yield poll(0) ? Result.ok(1) : nanos == 0 ? Result.ok(0) : call.async(() -> Result.ok(poll(nanos) ? 1 : 0));
                }
                default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a pipe end has no op " + call.op());
            };
        }

        private void checkDirection(boolean allowed, String what) {
            if (!allowed) {
                throw new IllegalStateException("cannot " + what + " this end: the pipe is not duplex and this end is "
                        + (readable() ? "read-only" : "write-only"));
            }
        }

        private static Result message(byte[] m) {
            return m == null ? Result.none() : Result.ok(m);
        }

        /** A process attaches its copy: from a pending transfer, or as a new holder while the end is open. */
        private Result attach(Call call) {
            Peer peer = call.peer();
            boolean holder = call.peer().hub().claim(call.arg1(), this) || acquireIfOpen();
            if (!holder) {
                return Result.ok(0); // closed for good: the copy is a closed handle
            }
            lock.lock();
            try {
                attached.merge(peer, 1, Integer::sum);
            } finally {
                lock.unlock();
            }
            peer.onClose(this, () -> detachAll(peer));
            return Result.ok(1);
        }

        private void detach(Peer peer) {
            boolean held;
            lock.lock();
            try {
                Integer n = attached.get(peer);
                held = n != null;
                if (n != null && n > 1) {
                    attached.put(peer, n - 1);
                } else if (n != null) {
                    attached.remove(peer);
                    peer.removeCloseHook(this);
                }
            } finally {
                lock.unlock();
            }
            if (held) {
                release();
            }
        }

        private void detachAll(Peer peer) {
            int n;
            lock.lock();
            try {
                Integer count = attached.remove(peer);
                n = count == null ? 0 : count;
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                release();
            }
        }
    }
}
