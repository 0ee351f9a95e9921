package dev.weft.examples.cookbook;

import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscriber;
import dev.weft.pubsub.Subscription;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.11 "Implementing Publish/Subscribe Messaging": {@code DisplayMessages}, "a
 * simple diagnostic class that would display sent messages", attached to {@code get_exchange('name')},
 * then {@code exc.send("some")} and {@code exc.send("data")}.
 *
 * <p>{@code '{!r}'.format(msg)} prints Python's repr of a string, in single quotes; the port
 * prints the quotes around the message. The notebook attaches {@code d} and leaves it attached; the
 * port attaches it for the two sends with {@link Exchange#subscribe}, the Cookbook's
 * {@code with exc.subscribe(d):} written as try-with-resources, so that the named exchange is left
 * as it was found (and running the example twice in one JVM prints the same).
 *
 * <pre>{@code
 * msg[1]: 'some'
 * msg[2]: 'data'
 * }</pre>
 */
public final class ExchangeDisplayMessages {
    private ExchangeDisplayMessages() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** The Cookbook's {@code DisplayMessages}: counts the messages and prints each one. */
    static final class DisplayMessages implements Subscriber<String> {
        private final PrintStream out;
        private int count;

        DisplayMessages(PrintStream out) {
            this.out = out;
        }

        @Override
        public void send(String msg) {
            count += 1;
            out.println("msg[" + count + "]: '" + msg + "'");
        }
    }

    /** Runs the listing, printing to {@code out}. */
    public static void run(PrintStream out) {
        Exchange<String> exc = Exchange.named("name");
        DisplayMessages d = new DisplayMessages(out);
        try (Subscription _ = exc.subscribe(d)) {
            exc.send("some");
            exc.send("data");
        }
    }
}
