package dev.weft.examples.cookbook;

import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.Queues;
import dev.weft.queue.WorkQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Python Cookbook, 12.13 "Polling Multiple Thread Queues" (only its title is in the seed): one
 * consumer thread waits on three queues at once and handles an item from whichever has one.
 *
 * <p>Python's queues cannot be waited on together, so the Cookbook makes each a
 * {@code PollableQueue} backed by a socket pair and calls {@code select.select(queues, [], [])}.
 * Weft has this built in: {@link Queues#select} waits, without polling and without sockets, until
 * at least one of the queues is ready, and returns the ready ones; the consumer then takes an item
 * with {@link WorkQueue#getNowait()} (another consumer might have been faster, hence the
 * {@link QueueEmptyException} case). As in the Cookbook, the main thread puts {@code 1} on
 * {@code q1}, {@code 10} on {@code q2}, {@code "hello"} on {@code q3} and {@code 15} on
 * {@code q2}. To end the consumer (the Cookbook's runs forever as a daemon), the main thread then
 * shuts the three queues down: a shut-down queue is ready too, and once it is empty its get throws
 * {@link QueueShutDownException}, so the consumer stops watching it.
 *
 * <pre>{@code
 * Got: 1
 * Got: 10
 * Got: hello
 * Got: 15
 * }</pre>
 * (items of different queues may come in another order; 10 always comes before 15.)
 */
public final class PollingMultipleQueues {
    private PollingMultipleQueues() {}

    /** How long one select waits before looking again; any value works. */
    static final Duration SELECT_TIMEOUT = Duration.ofSeconds(1);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void consumer(List<WorkQueue<?>> queues, PrintStream out) {
        List<WorkQueue<?>> open = new ArrayList<>(queues);
        try {
            while (!open.isEmpty()) {
                for (WorkQueue<?> r : Queues.select(SELECT_TIMEOUT, open)) {
                    try {
                        Object item = r.getNowait();
                        out.println("Got: " + item);
                    } catch (QueueEmptyException e) {
                        // taken by someone else since select looked: nothing to do
                    } catch (QueueShutDownException e) {
                        open.remove(r); // shut down and empty: stop watching it
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the example, printing to {@code out}; returns once the consumer has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        WorkQueue<Integer> q1 = WorkQueue.fifo();
        WorkQueue<Integer> q2 = WorkQueue.fifo();
        WorkQueue<String> q3 = WorkQueue.fifo();
        Thread t = Thread.ofPlatform().daemon().start(() -> consumer(List.of(q1, q2, q3), out));

        // Feed some data to the queues
        q1.put(1);
        q2.put(10);
        q3.put("hello");
        q2.put(15);

        // No more data: the consumer ends once it has got everything.
        q1.shutdown();
        q2.shutdown();
        q3.shutdown();
        t.join();
    }
}
