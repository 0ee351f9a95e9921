package dev.weft.actor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded mailbox: messages under one lock, so that a full mailbox can make its sender wait
 * ({@link Overflow#BLOCK}), refuse ({@link Overflow#FAIL}) or drop its oldest message
 * ({@link Overflow#DROP_OLDEST}). Control items (the close marker) do not count against the
 * capacity. The deque starts small and grows with the messages. Not API.
 */
final class BoundedMailboxQueue extends MailboxQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Object> items = new ArrayDeque<>(4);
    /** Messages held, not counting control items. */
    private int count;
    private int waitingSenders;
    private boolean closed;
    /** Written under the lock, read without it by {@link #maybeNonEmpty()}. */
    private volatile int size;

    BoundedMailboxQueue(Mailbox kind) {
        super(kind);
    }

    @Override
    Object offer(Object message, long nanos) throws InterruptedException {
        lock.lock(); // not interruptibly: only a wait for room reacts to an interrupt
        try {
            if (closed) {
                return REJECTED;
            }
            Object dropped = ACCEPTED;
            if (count >= kind.capacity()) {
                switch (kind.overflow()) {
                    case FAIL -> throw new MailboxFullException("mailbox full (capacity " + kind.capacity() + ")");
                    case DROP_OLDEST -> {
                        dropped = items.pollFirst(); // never a control item: nothing is added after close
                        count--;
                    }
                    case BLOCK -> {
                        boolean timed = nanos >= 0;
                        waitingSenders++;
                        try {
                            while (count >= kind.capacity() && !closed) {
                                if (!timed) {
                                    notFull.await();
                                } else if (nanos <= 0) {
                                    return TIMED_OUT;
                                } else {
                                    nanos = notFull.awaitNanos(nanos);
                                }
                            }
                        } finally {
                            waitingSenders--;
                        }
                        if (closed) {
                            return REJECTED;
                        }
                    }
                }
            }
            items.addLast(message);
            count++;
            size = items.size();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean offerControl(Object item) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            items.addLast(item);
            size = items.size();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    Object poll() {
        if (size == 0) {
            return null;
        }
        lock.lock();
        try {
            Object x = items.pollFirst();
            if (x != null) {
                size = items.size();
                if (x != Actor.EXIT) {
                    count--;
                    if (waitingSenders > 0) {
                        notFull.signal();
                    }
                }
            }
            return x;
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean maybeNonEmpty() {
        return size != 0;
    }

    @Override
    List<Object> close() {
        lock.lock();
        try {
            closed = true;
            List<Object> left = new ArrayList<>(items);
            items.clear();
            count = 0;
            size = 0;
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
