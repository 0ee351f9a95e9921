package dev.weft.examples.byexample;

import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.queue.WorkQueue;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Python Programming by Example, 11.6.1 "ThreadPoolExecutor", ch11_08.py: fourteen tasks
 * {@code perform(q, a, b, c)} on a {@code ThreadPoolExecutor(max_workers=3)}, each sleeping a
 * random time and putting {@code a * b * 10 - c * 2} on a {@code queue.Queue}; after the
 * {@code with} block the script prints the results and the time it took.
 *
 * <p>{@code concurrent.futures.ThreadPoolExecutor} becomes Weft's {@link ThreadPoolExecutor} and
 * its {@code with} block try-with-resources, whose {@code close()} waits for every task as the
 * block's end does. {@code queue.Queue()} becomes {@link WorkQueue#fifo()}.
 * {@code executor.submit(perform, q, val_a, val_b, val_c)} becomes
 * {@code executor.submit(() -> perform(q, a, b, c))}: the lambda captures the four arguments.
 * {@code random.randint(1, 10)} is {@link Random#nextInt(int, int) nextInt(1, 11)} (the bound is
 * exclusive), {@code random.uniform(0, 2)} a {@link ThreadLocalRandom} double, and
 * {@code datetime.now()} differences {@link System#nanoTime()} differences, printed in seconds
 * with Python's microsecond resolution.
 *
 * <p>The inputs {@code a}, {@code b} and {@code c} come from the {@link Random} given to
 * {@link #run(PrintStream, Random)}, drawn in the calling thread, so a seeded {@code Random} fixes
 * them; the sleeps are drawn in the workers from {@link ThreadLocalRandom}, so that the order in
 * which the workers happen to run cannot shift the inputs' sequence. The results come out in the
 * order the tasks finished, which the random sleeps shuffle.
 *
 * <pre>{@code
 * Print results
 * 194
 * 18
 * 94
 * ... (fourteen results in all)
 * total time: 0.097430 seconds
 * }</pre>
 */
public final class ThreadPoolResultsQueue {
    private ThreadPoolResultsQueue() {}

    /** The longest a task sleeps; the script sleeps {@code random.uniform(0, 2)} seconds. */
    static final Duration MAX_SLEEP = Duration.ofMillis(20);

    /** How many tasks the script submits: {@code for i in range(1, 15)}. */
    static final int TASKS = 14;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void perform(WorkQueue<Integer> q, int a, int b, int c) {
        double randVal = ThreadLocalRandom.current().nextDouble(0, 1); // a fraction of MAX_SLEEP
        int res = a * b * 10 - c * 2;
        try {
            Thread.sleep(Duration.ofNanos((long) (randVal * MAX_SLEEP.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop: put nothing
            return;
        }
        q.putNowait(res); // the queue is unbounded: never full, so this never waits
    }

    /** Runs the script with unseeded random inputs, printing to {@code out}. */
    public static void run(PrintStream out) throws InterruptedException {
        run(out, new Random());
    }

    /**
     * Runs the script, drawing the inputs from {@code random}, printing to {@code out}; returns
     * once everything is printed.
     */
    public static void run(PrintStream out, Random random) throws InterruptedException {
        long t1 = System.nanoTime();
        WorkQueue<Integer> q = WorkQueue.fifo();

        try (var executor = new ThreadPoolExecutor(3)) { // with ThreadPoolExecutor(max_workers=3) as executor:
            for (int i = 1; i < 1 + TASKS; i++) {
                int valA = random.nextInt(1, 11);
                int valB = random.nextInt(1, 11);
                int valC = random.nextInt(1, 11);
                executor.submit(() -> perform(q, valA, valB, valC));
            }
        } // close(): waits for the fourteen tasks

        out.println("Print results");
        long t2 = System.nanoTime();
        while (!q.empty()) {
            out.println(q.get());
        }

        BigDecimal t = BigDecimal.valueOf((t2 - t1) / 1_000, 6); // microseconds, as total_seconds()
        out.println("total time: " + t.toPlainString() + " seconds");
    }
}
