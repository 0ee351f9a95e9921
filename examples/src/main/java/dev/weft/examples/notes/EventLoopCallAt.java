package dev.weft.examples.notes;

import dev.weft.aio.EventLoop;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "asyncio": "scheduling code to run at a specific future time". Python's
 * {@code call_soon}, {@code call_later} and {@code call_at} (against {@code loop.time()}):
 *
 * <pre>{@code
 * loop = asyncio.new_event_loop()
 * now = loop.time()
 * loop.call_at(now + 0.3, report, "call_at +0.3 s")
 * loop.call_later(0.1, report, "call_later 0.1 s")
 * loop.call_soon(report, "call_soon")
 * loop.call_at(now + 0.4, loop.stop)
 * loop.run_forever()
 * loop.close()
 * }</pre>
 *
 * <p>Callbacks run in the order of their times, soonest first, whatever the order they were
 * scheduled in; each prints how late it ran compared with its time (a few milliseconds at most):
 *
 * <pre>{@code
 * call_soon
 * call_later 0.1 s
 * call_at +0.3 s
 * }</pre>
 */
public final class EventLoopCallAt {
    private EventLoopCallAt() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}. */
    public static void run(PrintStream out) {
        try (EventLoop loop = new EventLoop()) {
            double now = loop.time();
            loop.callAt(now + 0.3, () -> out.println("call_at +0.3 s"));
            loop.callLater(Duration.ofMillis(100), () -> out.println("call_later 0.1 s"));
            loop.callSoon(() -> out.println("call_soon"));
            loop.callAt(now + 0.4, loop::stop);
            loop.runForever();
        }
    }
}
