package dev.weft.examples.recipes;

import java.io.PrintStream;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-1 "Creating a Thread", Listing 10-1:
 * a thread whose target prints a sum.
 *
 * <p>{@code threading.Thread(target=print_sum)} becomes {@code Thread.ofPlatform().unstarted(...)}
 * with the target as a lambda; as in Python, nothing runs until {@code start()}. The text's
 * {@code is_alive()} and {@code join()} are {@link Thread#isAlive()} and {@link Thread#join()}:
 * {@code run} joins, so the line is printed when it returns.
 *
 * <pre>{@code
 * The sum of 1 and 2 is 3
 * }</pre>
 */
public final class PrintSumThread {
    private PrintSumThread() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once the thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Thread myThread = Thread.ofPlatform().unstarted(() -> printSum(out));
        myThread.start();
        myThread.join(); // "you can call the join() method to force a wait until the thread is all done"
    }

    static void printSum(PrintStream out) {
        out.println("The sum of 1 and 2 is 3");
    }
}
