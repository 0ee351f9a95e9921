package dev.weft.queue;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting on several {@link WorkQueue}s at once: the Cookbook's "Polling Multiple Thread Queues",
 * done without polling and without the socket pairs Python needs to make queues selectable.
 *
 * <pre>{@code
 * for (;;) {
 *     for (WorkQueue<?> q : Queues.select(Duration.ofSeconds(1), orders, cancellations)) {
 *         handle(q.getNowait());   // may still throw QueueEmptyException: another consumer was faster
 *     }
 * }
 * }</pre>
 */
public final class Queues {
    private Queues() {}

    /** A thread in select(), woken by any watched queue that gets an item or shuts down. */
    static final class Selector {
        private final Thread thread = Thread.currentThread();
        private volatile boolean signalled;

        void signal() {
            signalled = true;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits until at least one of {@code queues} is ready for a get, and returns the ready ones:
     * Python's {@code select(queues, [], [])} with no timeout. See
     * {@link #select(Duration, WorkQueue[])}.
     *
     * @param queues the queues to watch
     * @return the ready queues, in argument order and without repeats; never empty
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if no queue is given
     */
    public static List<WorkQueue<?>> select(WorkQueue<?>... queues) throws InterruptedException {
        return select(FOREVER, List.of(queues));
    }

    /** Longer than any wait: Timeouts saturates it to Long.MAX_VALUE nanoseconds (292 years). */
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    /**
     * Waits until at least one of {@code queues} is ready for a get, or the timeout elapses, and
     * returns the ready ones. A queue is ready when it has an item, or when it is shut down (its
     * get would throw rather than block). The thread sleeps while it waits: a put on any of the
     * queues wakes it.
     *
     * <p>Readiness is a snapshot: another consumer may take the item before this thread does, so
     * follow with a non-blocking get and handle {@link QueueEmptyException}.
     *
     * @param timeout how long to wait at most; zero means check once
     * @param queues the queues to watch
     * @return the ready queues, in argument order and without repeats; empty if the timeout
     *     elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative or no queue is given
     * @throws NullPointerException if any argument is null
     */
    public static List<WorkQueue<?>> select(Duration timeout, WorkQueue<?>... queues)
            throws InterruptedException {
        return select(timeout, List.of(queues));
    }

    /**
     * As {@link #select(Duration, WorkQueue[])}, for a list of queues.
     *
     * @param timeout the longest to wait; zero only looks
     * @param queues the queues to watch
     * @return the ready queues, in the list's order; empty if the timeout elapsed first
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public static List<WorkQueue<?>> select(Duration timeout, List<? extends WorkQueue<?>> queues)
            throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("select needs at least one queue");
        }
        Set<WorkQueue<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<WorkQueue<?>> distinct = new ArrayList<>(queues.size());
        for (WorkQueue<?> q : queues) {
            if (seen.add(Objects.requireNonNull(q, "queue"))) {
                distinct.add(q);
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = Timeouts.deadline(nanos);
        Selector selector = new Selector();
        int registered = 0;
        try {
            for (WorkQueue<?> q : distinct) {
                q.register(selector);
                registered++;
            }
            for (;;) {
                // Clear the signal before looking: a put after the look signals again.
                selector.signalled = false;
                List<WorkQueue<?>> ready = new ArrayList<>();
                for (WorkQueue<?> q : distinct) {
                    if (q.readyForGet()) {
                        ready.add(q);
                    }
                }
                if (!ready.isEmpty()) {
                    return ready;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                while (!selector.signalled && (left = deadline - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(selector, left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        } finally {
            for (int i = 0; i < registered; i++) {
                distinct.get(i).unregister(selector);
            }
        }
    }
}
