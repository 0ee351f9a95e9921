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
}
