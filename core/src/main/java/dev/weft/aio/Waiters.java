package dev.weft.aio;

import java.util.Collection;

/** What the synchronizers of this package share about their queues of {@link Waiter}s. */
final class Waiters {
    private Waiters() {}

    /** Whether every waiter is cancelled (a cancelled one is about to leave the queue). */
    static boolean noneLive(Collection<Waiter> waiters) {
        for (Waiter w : waiters) {
            if (!w.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /** Grants the first waiter not done yet; whether there was one. */
    static boolean wakeFirst(Collection<Waiter> waiters) {
        for (Waiter w : waiters) {
            if (w.grant()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues a waiter for {@code t} and waits until it is granted, failed or the task cancelled;
     * it leaves the queue either way.
     *
     * @return the waiter, done
     * @throws java.util.concurrent.CancellationException if the task was cancelled; a grant that
     *     came with the cancel is handed on with {@code passOn} first
     */
    static Waiter awaitTurn(Task<?> t, Collection<Waiter> queue, Runnable passOn) {
        Waiter w = new Waiter(t);
        queue.add(w);
        try {
            w.await();
        } catch (java.util.concurrent.CancellationException e) {
            queue.remove(w);
            if (w.done() && !w.cancelled()) {
                passOn.run();
            }
            throw e;
        }
        queue.remove(w);
        return w;
    }
}
