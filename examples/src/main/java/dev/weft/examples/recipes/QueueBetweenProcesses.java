package dev.weft.examples.recipes;

import dev.weft.process.Process;
import dev.weft.process.Queue;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-5 "Communicating Between Processes",
 * Listing 10-6 "Creating a Queue": a child process puts {@code ['hello', 'world']} on a
 * {@code multiprocessing.Queue()}; the parent gets it and prints it.
 *
 * <p>{@code multiprocessing.Queue()} becomes Weft's process {@link Queue}, a
 * {@link java.util.concurrent.BlockingQueue} with Python's {@code put} and {@code get}. The parent
 * creates it and owns the items; the child's copy of the handle (captured by the lambda) sends its
 * {@code put} to the parent. {@code get()} waits until the item is there.
 *
 * <pre>{@code
 * [hello, world]
 * }</pre>
 */
public final class QueueBetweenProcesses {
    private QueueBetweenProcesses() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The listing's {@code func}, run in the child. */
    static void func(Queue<List<String>> queue1) throws InterruptedException {
        queue1.put(List.of("hello", "world"));
    }

    /** Runs the listing, printing to {@code out}; returns once the child has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Queue<List<String>> myQueue = new Queue<>(); // multiprocessing.Queue()
        Process proc1 = new Process(() -> func(myQueue));
        proc1.start();
        out.println(myQueue.get());
        proc1.join();
    }
}
