package dev.weft.examples.notes;

import dev.weft.aio.Aio;
import dev.weft.aio.EventLoop;
import dev.weft.aio.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "Event loop", {@code run_until_complete()}: the loop runs until a coroutine's task is
 * done and returns its result; while the coroutine waits ({@code await asyncio.sleep}), the loop
 * runs the others, which is the cooperative multitasking the seed describes. Python:
 *
 * <pre>{@code
 * async def compute(name, x, y):
 *     print(f"{name}: compute {x} + {y} ...")
 *     await asyncio.sleep(0.1)
 *     return x + y
 *
 * async def main():
 *     a = asyncio.create_task(compute("a", 1, 2))
 *     b = asyncio.create_task(compute("b", 3, 4))
 *     return await a + await b
 *
 * loop = asyncio.new_event_loop()
 * print("result:", loop.run_until_complete(main()))
 * loop.close()
 * }</pre>
 *
 * <p>A coroutine becomes a plain lambda whose body is a {@link Task}; {@code await} becomes
 * {@link Aio#await} and {@link Aio#sleep}. Both tasks print before either finishes sleeping:
 *
 * <pre>{@code
 * a: compute 1 + 2 ...
 * b: compute 3 + 4 ...
 * a: done
 * b: done
 * result: 10
 * }</pre>
 */
public final class EventLoopRunUntilComplete {
    private EventLoopRunUntilComplete() {}

    /** The seed's one-second sleep, shortened. */
    static final Duration SLEEP = Duration.ofMillis(100);

    public static void main(String[] args) {
        run(System.out);
    }

    static int compute(PrintStream out, String name, int x, int y) {
        out.println(name + ": compute " + x + " + " + y + " ...");
        Aio.sleep(SLEEP);
        out.println(name + ": done");
        return x + y;
    }

    /** Runs the listing, printing to {@code out}. */
    public static void run(PrintStream out) {
        try (EventLoop loop = new EventLoop()) {
            int result = loop.runUntilComplete(() -> {
                Task<Integer> a = Aio.createTask(() -> compute(out, "a", 1, 2));
                Task<Integer> b = Aio.createTask(() -> compute(out, "b", 3, 4));
                return Aio.await(a) + Aio.await(b);
            });
            out.println("result: " + result);
        }
    }
}
