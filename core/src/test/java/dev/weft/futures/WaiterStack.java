package dev.weft.futures;

import dev.weft.testing.TestThreads;
import java.lang.reflect.Field;

/**
 * Looks, by reflection, at the private stack of waiting threads and callbacks of a
 * {@link SettableFuture}, so that tests can check that timed-out waiters, interrupted waiters and
 * removed callbacks leave nothing behind.
 */
final class WaiterStack {
    private WaiterStack() {}

    private static final Field WAITERS;
    private static final Field NEXT;
    private static final Object DONE;

    static {
        try {
            WAITERS = SettableFuture.class.getDeclaredField("waiters");
            WAITERS.setAccessible(true);
            Field done = SettableFuture.class.getDeclaredField("DONE");
            done.setAccessible(true);
            DONE = done.get(null);
            NEXT = Class.forName(SettableFuture.class.getName() + "$Node").getDeclaredField("next");
            NEXT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How many nodes (live or dead) are on the stack; 0 once the future has released it. */
    static int size(SettableFuture<?> f) {
        try {
            Object q = WAITERS.get(f);
            if (q == DONE) {
                return 0;
            }
            int n = 0;
            for (; q != null; q = NEXT.get(q)) {
                n++;
            }
            return n;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits, checking every millisecond for at most {@link TestThreads#LONG}, until the stack holds
     * {@code n} nodes: a thread seen blocked may still be on its way to pushing its node (it can
     * block briefly on a class's initialization first).
     */
    static void awaitSize(SettableFuture<?> f, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        while (size(f) != n) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the waiter stack holds " + size(f) + " nodes, not " + n);
            }
            Thread.sleep(1);
        }
    }

    /** Whether the future has released its stack (it is done and has woken its waiters). */
    static boolean released(SettableFuture<?> f) {
        try {
            return WAITERS.get(f) == DONE;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
