package dev.weft.aio;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier of a loop made by {@link EventLoop#withOwnCarrier()}: one platform thread that runs
 * the loop's virtual threads, as the scheduler they were built with. A hand-over from one task to
 * the next then costs a queue offer and poll on this thread instead of a trip through the JDK's
 * shared scheduler, whose idle carrier is woken (a futex) to steal each unparked task.
 *
 * <p>Building virtual threads with a scheduler of one's own is not public API: it needs the JDK's
 * {@code java.lang} package opened to Weft ({@code --add-opens java.base/java.lang=ALL-UNNAMED}).
 * {@link #AVAILABLE} says whether it is.
 */
final class LoopCarrier implements Executor {
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final Constructor<?> BUILDER;
    private static final Executor DEFAULT_SCHEDULER;
    /** Why own carriers are unavailable, or null if they are available. */
    static final String UNAVAILABLE;
    static final boolean AVAILABLE;

    static {
        Constructor<?> builder = null;
        Executor defaults = null;
        String why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            builder = c.getDeclaredConstructor(Executor.class);
            builder.setAccessible(true);
            Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            f.setAccessible(true);
            defaults = (Executor) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            builder = null;
            why = "a loop with its own carrier needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED ("
                    + e + ")";
        }
        BUILDER = builder;
        DEFAULT_SCHEDULER = defaults;
        UNAVAILABLE = why;
        AVAILABLE = why == null;
    }

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean shutdown;

    LoopCarrier() {
        if (!AVAILABLE) {
            throw new UnsupportedOperationException(UNAVAILABLE);
        }
        thread = Thread.ofPlatform().daemon().name("weft-aio-carrier-" + NUMBERS.incrementAndGet())
                .unstarted(this::serve);
        thread.start();
    }

    /** A builder of virtual threads that run on this carrier. */
    Thread.Builder.OfVirtual threads() {
        return builder(this);
    }

    /**
     * A builder of virtual threads on the JDK's shared scheduler, for work that must not run on a
     * loop's carrier (a virtual thread started by a task would otherwise inherit its carrier).
     */
    static Thread.Builder.OfVirtual sharedThreads() {
        return AVAILABLE ? builder(DEFAULT_SCHEDULER) : Thread.ofVirtual();
    }

    private static Thread.Builder.OfVirtual builder(Executor scheduler) {
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build virtual threads with a scheduler", e);
        }
    }

    /**
     * Queues a virtual thread's continuation to run on the carrier.
     *
     * @throws RejectedExecutionException once the carrier has ended (its loop is closed)
     */
    @Override
    public void execute(Runnable continuation) {
        if (shutdown && !thread.isAlive()) {
            throw new RejectedExecutionException("the carrier of a closed event loop runs no more threads");
        }
        queue.offer(continuation);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    private void serve() {
        for (;;) {
            Runnable r = queue.poll();
            if (r != null) {
                try {
                    r.run();
                } catch (Throwable t) {
                    // A continuation reports its own failures; keep carrying the others.
                }
                continue;
            }
            if (shutdown) {
                return;
            }
            sleeping = true;
            if (queue.isEmpty() && !shutdown) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    /** Ends the carrier once nothing is queued; called when its loop closes. */
    void shutdown() {
        shutdown = true;
        LockSupport.unpark(thread);
    }

    /** Whether the calling thread is the carrier itself (not a virtual thread it runs). */
    boolean isCarrierThread() {
        return Thread.currentThread() == thread;
    }
}
