package dev.weft.examples.cookbook;

import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.WorkQueue;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.3 "Communicating Between Threads", first listing: a producer thread puts
 * 1 to 5 on a shared {@code Queue}, a consumer thread gets and prints them.
 *
 * <p>{@code queue.Queue()} becomes {@link WorkQueue#fifo()}, which has all the locking needed to
 * be shared by any number of threads. The listing's consumer loops forever, blocked in
 * {@code get()} once the items are gone, so the program never ends. Here the main thread waits for
 * the producer and then shuts the queue down ({@link WorkQueue#shutdown()}, Python 3.13's
 * {@code Queue.shutdown}): the consumer still gets every item left, then its {@code get()} throws
 * {@link QueueShutDownException} and the loop ends. {@link SentinelShutdown} shows the Cookbook's
 * own way to stop it.
 *
 * <pre>{@code
 * 1
 * 2
 * 3
 * 4
 * 5
 * }</pre>
 */
public final class ProducerConsumer {
    private ProducerConsumer() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    // a thread that produces data
    static void producer(WorkQueue<Integer> outQ) {
        try {
            int data = 1;
            while (true) {
                outQ.put(data);
                data += 1;
                if (data > 5) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // a thread that consumes data
    static void consumer(WorkQueue<Integer> inQ, PrintStream out) {
        try {
            while (true) {
                int data = inQ.get();
                out.println(data);
            }
        } catch (QueueShutDownException e) {
            // shut down and empty: done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        // create the shared queue and launch both threads
        WorkQueue<Integer> q = WorkQueue.fifo();
        Thread t1 = Thread.ofPlatform().unstarted(() -> consumer(q, out));
        Thread t2 = Thread.ofPlatform().unstarted(() -> producer(q));
        t1.start();
        t2.start();

        t2.join();
        q.shutdown(); // no more puts: the consumer ends once it has got what is left
        t1.join();
    }
}
