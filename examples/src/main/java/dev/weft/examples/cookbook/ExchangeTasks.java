package dev.weft.examples.cookbook;

import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscriber;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.11 "Implementing Publish/Subscribe Messaging": the {@code Exchange} with
 * {@code get_exchange('name')}, two {@code Task}s attached, {@code exc.send('msg1')} and
 * {@code exc.send('msg2')}, then both detached.
 *
 * <p>The recipe's {@code Exchange} class is {@link Exchange}, and {@code get_exchange(name)} (its
 * {@code defaultdict} of exchanges) is {@link Exchange#named}. A {@code Task} is any
 * {@link Subscriber}: an object with a {@code send} method, as in Python. The recipe keeps its
 * subscribers in a {@code set}, whose order Python leaves open; the seed's output shows
 * {@code task_a} first, and Weft delivers in attach order, so the output is always this one:
 *
 * <pre>{@code
 * task_a received msg1
 * task_b received msg1
 * task_a received msg2
 * task_b received msg2
 * }</pre>
 */
public final class ExchangeTasks {
    private ExchangeTasks() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** The Cookbook's {@code Task}: prints each message it is sent, with its name. */
    static final class Task implements Subscriber<String> {
        private final String name;
        private final PrintStream out;

        Task(String name, PrintStream out) {
            this.name = name;
            this.out = out;
        }

        @Override
        public void send(String msg) {
            out.println(name + " received " + msg);
        }
    }

    /** Runs the listing, printing to {@code out}. */
    public static void run(PrintStream out) {
        Task taskA = new Task("task_a", out);
        Task taskB = new Task("task_b", out);

        Exchange<String> exc = Exchange.named("name");
        exc.attach(taskA);
        exc.attach(taskB);

        exc.send("msg1");
        exc.send("msg2");

        // Example of unsubscribing
        exc.detach(taskA);
        exc.detach(taskB);
    }
}
