package dev.weft.examples.notes;

import dev.weft.aio.EventLoop;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "Event loop": get a loop, start it with {@code run_forever()}, stop it with
 * {@code stop()}, then {@code close()} it. Python:
 *
 * <pre>{@code
 * loop = asyncio.new_event_loop()
 * loop.call_soon(hello_world, loop)       # prints, then calls loop.stop()
 * loop.run_forever()
 * loop.close()
 * }</pre>
 *
 * <p>In Weft, {@link EventLoop} is the loop; {@code runForever} returns once {@code stop} has been
 * called and the current iteration has finished, and {@code close} ends what is left. Output:
 *
 * <pre>{@code
 * Hello World (loop running: true)
 * run_forever returned; closed: false
 * closed: true
 * }</pre>
 */
public final class EventLoopRunForever {
    private EventLoopRunForever() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}. */
    public static void run(PrintStream out) {
        EventLoop loop = new EventLoop();
        loop.callSoon(() -> {
            out.println("Hello World (loop running: " + loop.isRunning() + ")");
            loop.stop();
        });
        // A safety net that never fires here: stop after a second whatever happens.
        loop.callLater(Duration.ofSeconds(1), loop::stop);
        loop.runForever();
        out.println("run_forever returned; closed: " + loop.isClosed());
        loop.close();
        out.println("closed: " + loop.isClosed());
    }
}
