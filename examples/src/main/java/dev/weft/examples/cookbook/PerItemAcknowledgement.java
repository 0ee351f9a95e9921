package dev.weft.examples.cookbook;

import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.WorkQueue;
import dev.weft.sync.Event;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Python Cookbook, 12.3 "Communicating Between Threads", third listing: the producer pairs each
 * item with an {@code Event} and waits until the consumer has set it, so it knows when that item
 * was processed.
 *
 * <p>The tuple {@code (data, evt)} becomes a record {@link Item}; {@code threading.Event} becomes
 * {@link Event}, {@code evt.wait()} is {@link Event#await()}. {@code collection.pop()} takes from
 * the end, so the items come 5 to 1; and since the producer waits for each acknowledgement
 * before sending the next, they are printed in that order. The listing's consumer loops forever;
 * here the main thread shuts the queue down once the producer is done, which ends the consumer's
 * loop (see {@link ProducerConsumer}).
 *
 * <pre>{@code
 * 5
 * 4
 * 3
 * 2
 * 1
 * }</pre>
 */
public final class PerItemAcknowledgement {
    private PerItemAcknowledgement() {}

    /** An item and the event its consumer sets once the item is processed. */
    public record Item(int data, Event evt) {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void producer(List<Integer> collection, WorkQueue<Item> outQ) {
        try {
            while (true) {
                if (collection.isEmpty()) {
                    break;
                }
                int data = collection.removeLast();
                Event evt = new Event();
                outQ.put(new Item(data, evt));
                evt.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void consumer(WorkQueue<Item> inQ, PrintStream out) {
        try {
            while (true) {
                Item item = inQ.get();
                out.println(item.data());
                item.evt().set();
            }
        } catch (QueueShutDownException e) {
            // shut down and empty: done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        List<Integer> collection = new ArrayList<>(List.of(1, 2, 3, 4, 5)); // list(range(1, 6))
        WorkQueue<Item> q = WorkQueue.fifo();
        Thread t1 = Thread.ofPlatform().unstarted(() -> consumer(q, out));
        Thread t2 = Thread.ofPlatform().unstarted(() -> producer(collection, q));
        t1.start();
        t2.start();

        t2.join();
        q.shutdown();
        t1.join();
    }
}
