package dev.weft.examples.effective;

import dev.weft.aio.Aio;
import dev.weft.aio.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python, Item 37, the blocking system calls of {@link SlowSystemCallThreads} done
 * concurrently on an event loop instead of in threads: five tasks each make the 0.1 s
 * {@code select} call through {@link Aio#blocking}, which lets the loop run the other tasks while
 * one waits in the operating system. Python would write {@code await asyncio.to_thread(...)}.
 *
 * <p>The five calls overlap, so they take about 0.1 s together, as the threads did, while the code
 * stays sequential and each task holds the loop only between its await points:
 *
 * <pre>{@code
 * Took 0.103 seconds
 * }</pre>
 */
public final class SlowSystemCallsOnLoop {
    private SlowSystemCallsOnLoop() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns when every task is done. */
    public static void run(PrintStream out) {
        Aio.run(() -> {
            long start = System.nanoTime();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(Aio.createTask(() -> Aio.blocking(() -> {
                    SlowSystemCallThreads.slowSystemcall();
                    return null;
                })));
            }
            Aio.gather(tasks);
            out.println(FactorizeSerialVsThreads.took(start, System.nanoTime()));
            return null;
        });
    }
}
