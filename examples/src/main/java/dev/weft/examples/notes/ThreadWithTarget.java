package dev.weft.examples.notes;

import java.io.PrintStream;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Creating threads", first pattern:
 * {@code t = threading.Thread(target=some_func, args=(val,))}, {@code t.start()},
 * {@code t.join()}.
 *
 * <p>The target and its arguments become one lambda that calls the function with them:
 * {@code Thread.ofPlatform().unstarted(() -> someFunc(val))}. {@code start()} and {@code join()}
 * keep their names.
 *
 * <pre>{@code
 * some_func called with val = some args
 * }</pre>
 */
public final class ThreadWithTarget {
    private ThreadWithTarget() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void someFunc(PrintStream out, String val) {
        out.println("some_func called with val = " + val);
    }

    /** Runs the listing, printing to {@code out}; returns once the thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        String val = "some args";
        Thread t = Thread.ofPlatform().unstarted(() -> someFunc(out, val));
        t.start();
        t.join();
    }
}
