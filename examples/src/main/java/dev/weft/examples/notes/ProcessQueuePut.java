package dev.weft.examples.notes;

import dev.weft.process.Process;
import dev.weft.process.Queue;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 001 (notes "Concurrency in Python"), "Inter-process Communication Channels", "Queue":
 * {@code f(q)} puts {@code [42, None, 'hello']} on a {@code multiprocessing.Queue} in a child
 * process; the parent prints {@code q.get()}.
 *
 * <p>{@code multiprocessing.Queue} becomes Weft's process {@link Queue}, "a near clone of
 * {@code queue.Queue}" here too: a {@link java.util.concurrent.BlockingQueue} with Python's method
 * names, usable from every process that holds it. The child gets the queue as the lambda captures
 * it. Python's list becomes {@link Arrays#asList}, which, unlike {@code List.of}, may hold a null
 * (Python's {@code None}); the item travels as a copy, and Java prints it with {@code null} and
 * without quotes.
 *
 * <pre>{@code
 * [42, null, hello]
 * }</pre>
 */
public final class ProcessQueuePut {
    private ProcessQueuePut() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The notes' {@code f}, run in the child. */
    static void f(Queue<List<Object>> q) throws InterruptedException {
        q.put(Arrays.asList(42, null, "hello"));
    }

    /** Runs the listing, printing to {@code out}; returns once the child has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Queue<List<Object>> q = new Queue<>();
        Process p = new Process(() -> f(q));
        p.start();
        out.println(q.get()); // prints "[42, null, hello]"
        p.join();
    }
}
