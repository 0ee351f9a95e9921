package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import java.util.Collection;

/** What the synchronizers of this package share about their queues of waiter futures. */
final class Waiters {
    private Waiters() {}

    /** Whether every waiter is cancelled (a cancelled one is about to leave the queue). */
    static boolean noneLive(Collection<? extends SettableFuture<?>> waiters) {
        for (SettableFuture<?> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    /** Completes the first waiter not done yet; whether there was one. */
    static boolean wakeFirst(Collection<SettableFuture<Void>> waiters) {
        for (SettableFuture<Void> w : waiters) {
            if (!w.isDone()) {
                w.setResult(null);
                return true;
            }
        }
        return false;
    }
}
