package dev.weft.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The unbounded mailbox: a lock-free linked queue for many senders and one receiver. A sender
 * swings {@code tail} to its node with one compare-and-set and then links the old tail to it; the
 * receiver follows {@code next} links from {@code head}, a node it owns (the last one taken, or the
 * initial stub). Closing swings {@code tail} to a marker, which every later sender sees, so that no
 * message can slip in after the receiver's final drain. Not API.
 */
final class LinkedMailboxQueue extends MailboxQueue {

    static final class Node {
        Object item;
        volatile Node next;

        Node(Object item) {
            this.item = item;
        }
    }

    /** The tail once the queue is closed. */
    private static final Node CLOSED = new Node(null);

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(LinkedMailboxQueue.class, "tail", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last node taken (its item is cleared); only the receiver moves it. */
    private Node head;
    /** The last node added, or {@link #CLOSED}. */
    private volatile Node tail;

    LinkedMailboxQueue(Mailbox kind) {
        super(kind);
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    @Override
    Object offer(Object message, long nanos) {
        return add(message) ? ACCEPTED : REJECTED;
    }

    @Override
    boolean offerControl(Object item) {
        return add(item);
    }

    private boolean add(Object item) {
        Node node = new Node(item);
        for (;;) {
            Node t = tail;
            if (t == CLOSED) {
                return false;
            }
            if (TAIL.compareAndSet(this, t, node)) {
                t.next = node; // a volatile write: the receiver's park check sees it or is woken
                return true;
            }
        }
    }

    @Override
    Object poll() {
        Node h = head;
        Node n = h.next;
        if (n == null) {
            return null; // empty, or a sender is between its compare-and-set and its link: it wakes us
        }
        head = n;
        Object x = n.item;
        n.item = null;
        return x;
    }

    @Override
    boolean maybeNonEmpty() {
        return tail != head;
    }

    @Override
    List<Object> close() {
        Node t;
        do {
            t = tail;
            if (t == CLOSED) {
                return List.of();
            }
        } while (!TAIL.compareAndSet(this, t, CLOSED));
        List<Object> left = new ArrayList<>();
        Node h = head;
        while (h != t) {
            Node n;
            for (int spins = 0; (n = h.next) == null; spins++) {
                // a sender swung tail but has not linked yet: it is a few instructions away
                if (spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            left.add(n.item);
            n.item = null;
            h = n;
        }
        head = h;
        return left;
    }
}
