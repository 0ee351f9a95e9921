package dev.weft.examples.notes;

import dev.weft.sync.Event;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Event": a client thread waits for the flag
 * ({@code event.wait()} blocks while it is false); a server thread sets it ({@code event.set()})
 * and resets it ({@code event.clear()}).
 *
 * <p>{@code threading.Event} becomes {@link Event}: {@code wait()} is {@link Event#await()},
 * {@code wait(timeout)} is {@link Event#await(Duration)} (false when the time runs out),
 * {@code set()}, {@code clear()} and {@code is_set()} keep their names ({@code isSet()}). Here
 * the main thread is the server.
 *
 * <pre>{@code
 * client: waiting for the flag
 * server: setting the flag
 * client: the flag is set, going on
 * server: flag cleared; is_set() = false
 * server: wait(timeout) on the cleared flag returned false
 * }</pre>
 * (the first two lines in either order).
 */
public final class EventWaitSetClear {
    private EventWaitSetClear() {}

    /** How long the last wait waits for a flag nobody sets. */
    static final Duration SHORT_WAIT = Duration.ofMillis(20);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once the client thread has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        Event event = new Event();

        // a client thread can wait for the flag to be set
        Thread client = Thread.ofPlatform().name("client").start(() -> {
            out.println("client: waiting for the flag");
            try {
                event.await(); // blocks if flag is false
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.println("client: the flag is set, going on");
        });

        // a server thread can set or reset it
        out.println("server: setting the flag");
        event.set(); // sets the flag to true
        client.join();
        event.clear(); // resets the flag to false
        out.println("server: flag cleared; is_set() = " + event.isSet());
        boolean set = event.await(SHORT_WAIT);
        out.println("server: wait(timeout) on the cleared flag returned " + set);
    }
}
