package dev.weft.examples.notes;

import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.WorkQueue;
import java.io.PrintStream;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Queue": a producer puts ten items, a
 * consumer gets each and marks it done with {@code task_done()}, and {@code join()} waits until
 * every item is processed.
 *
 * <p>{@code queue.Queue()} becomes {@link WorkQueue#fifo()}; {@code put}, {@code get},
 * {@code task_done} and {@code join} are {@code put}, {@code get}, {@link WorkQueue#taskDone()}
 * and {@link WorkQueue#join()}. The listing's consumer loops forever ({@code while True}), so the
 * Python program never ends; here, once {@code join()} has returned, the main thread shuts the
 * queue down ({@link WorkQueue#shutdown()}, Python 3.13's {@code Queue.shutdown}) and the
 * consumer's {@code get()} ends its loop with {@link QueueShutDownException}.
 * {@code make_an_item_available(i)}, left undefined in the notes, makes the string "item i".
 *
 * <pre>{@code
 * consumed item 0
 * ...
 * consumed item 9
 * join() returned: all 10 items processed
 * }</pre>
 */
public final class QueueTaskDone {
    private QueueTaskDone() {}

    static final int ITEMS = 10;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static String makeAnItemAvailable(int i) {
        return "item " + i;
    }

    static void producer(WorkQueue<String> queue) {
        try {
            for (int i = 0; i < ITEMS; i++) {
                String item = makeAnItemAvailable(i);
                queue.put(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void consumer(WorkQueue<String> queue, PrintStream out) {
        try {
            while (true) {
                String item = queue.get();
                out.println("consumed " + item); // do something
                queue.taskDone(); // mark the item as done
            }
        } catch (QueueShutDownException e) {
            // the queue was shut down and is empty: nothing more will come
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        WorkQueue<String> queue = WorkQueue.fifo();
        Thread t1 = Thread.ofPlatform().unstarted(() -> producer(queue));
        Thread t2 = Thread.ofPlatform().unstarted(() -> consumer(queue, out));
        t1.start();
        t2.start();

        t1.join();
        queue.join(); // blocks until all the items in the queue have been processed
        out.println("join() returned: all " + ITEMS + " items processed");
        queue.shutdown(); // lets the consumer's endless loop end
        t2.join();
    }
}
