package dev.weft.examples.cookbook;

import dev.weft.queue.WorkQueue;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.3 "Communicating Between Threads", second listing: shutting the consumer
 * down with a sentinel, a special object the producer puts last; a consumer that gets it puts it
 * back (for the other consumers) and stops.
 *
 * <p>{@code _sentinel = object()} becomes a private {@code Object}, compared by identity
 * ({@code ==}, Python's {@code is}); the queue is a {@code WorkQueue<Object>} so that it can carry
 * both the data and the sentinel. (The listing's producer puts the sentinel but never leaves its
 * loop, so it would put sentinels forever; the port adds the {@code break}.) Since Python 3.13,
 * and in {@link WorkQueue}, {@code shutdown()} is the alternative that needs no sentinel: see
 * {@link ProducerConsumer}.
 *
 * <pre>{@code
 * 1
 * 2
 * 3
 * 4
 * 5
 * }</pre>
 */
public final class SentinelShutdown {
    private SentinelShutdown() {}

    private static final Object SENTINEL = new Object();

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    // a thread that produces data
    static void producer(WorkQueue<Object> outQ) {
        try {
            int data = 1;
            while (true) {
                outQ.put(data);
                data += 1;
                if (data > 5) {
                    outQ.put(SENTINEL);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // a thread that consumes data
    static void consumer(WorkQueue<Object> inQ, PrintStream out) {
        try {
            while (true) {
                Object data = inQ.get();

                if (data == SENTINEL) {
                    inQ.put(SENTINEL);
                    break;
                }

                out.println(data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        // create the shared queue and launch both threads
        WorkQueue<Object> q = WorkQueue.fifo();
        Thread t1 = Thread.ofPlatform().unstarted(() -> consumer(q, out));
        Thread t2 = Thread.ofPlatform().unstarted(() -> producer(q));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
    }
}
