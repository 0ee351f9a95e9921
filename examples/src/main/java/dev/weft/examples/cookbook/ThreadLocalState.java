package dev.weft.examples.cookbook;

import java.io.PrintStream;

/**
 * Python Cookbook, 12.5 "Locking with Deadlock Avoidance", the listing
 * {@code _local = threading.local()}: per-thread storage, which the Cookbook's
 * {@code acquire()} uses to remember each thread's locks and 12.6 uses for
 * {@link LazyConnectionExample LazyConnection}.
 *
 * <p>{@code threading.local()} becomes a {@link ThreadLocal} (or, for values bound for the extent
 * of a call, a {@link ScopedValue}). An attribute set on a {@code threading.local} is seen only by
 * the thread that set it; a {@code ThreadLocal}'s {@code set} and {@code get} are the same: each
 * thread has its own value, {@code null} until it sets one ({@code hasattr} is false), and
 * {@code remove()} is {@code del}.
 *
 * <pre>{@code
 * main: acquired = [x_lock]
 * worker: acquired before set = null
 * worker: acquired = [y_lock]
 * main: acquired after the worker ran = [x_lock]
 * }</pre>
 */
public final class ThreadLocalState {
    private ThreadLocalState() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once the worker thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        ThreadLocal<String> acquired = new ThreadLocal<>(); // _local = threading.local()

        acquired.set("[x_lock]"); // _local.acquired = ...
        out.println("main: acquired = " + acquired.get());

        Thread worker = Thread.ofPlatform().start(() -> {
            out.println("worker: acquired before set = " + acquired.get());
            acquired.set("[y_lock]");
            out.println("worker: acquired = " + acquired.get());
            acquired.remove(); // del _local.acquired
        });
        worker.join();

        out.println("main: acquired after the worker ran = " + acquired.get());
        acquired.remove();
    }
}
