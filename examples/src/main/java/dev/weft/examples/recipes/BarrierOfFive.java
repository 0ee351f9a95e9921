package dev.weft.examples.recipes;

import dev.weft.sync.Barrier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-3 "Setting a Barrier", Listing 10-3
 * "Creating a Barrier Object": {@code threading.Barrier(5, timeout=10)}, and five threads that
 * each call {@code wait()} on it, as the text describes.
 *
 * <p>{@code threading.Barrier} becomes {@link Barrier}, with the timeout as a {@link Duration};
 * {@code wait()} becomes {@link Barrier#await()}, which returns the thread's arrival index (0 to
 * 4), as Python's {@code wait()} does. No thread passes until all five have arrived, so every
 * "waiting" line comes before every "passed" line. Had a thread not come within ten seconds, the
 * others would have got a {@link BrokenBarrierException} (Python's {@code BrokenBarrierError}).
 *
 * <pre>{@code
 * Thread-1 waiting at the barrier
 * ... (Thread-2 to Thread-5, in any order)
 * Thread-3 passed the barrier, arrival 4
 * ... (the five "passed" lines, in any order, with arrivals 0 to 4)
 * }</pre>
 */
public final class BarrierOfFive {
    private BarrierOfFive() {}

    /** The listing's {@code timeout=10}. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once all five threads have passed. */
    public static void run(PrintStream out) throws InterruptedException {
        Barrier b = new Barrier(5, TIMEOUT);
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= b.parties(); i++) {
            String name = "Thread-" + i;
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                out.println(name + " waiting at the barrier");
                try {
                    int arrival = b.await();
                    out.println(name + " passed the barrier, arrival " + arrival);
                } catch (BrokenBarrierException e) {
                    out.println(name + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
