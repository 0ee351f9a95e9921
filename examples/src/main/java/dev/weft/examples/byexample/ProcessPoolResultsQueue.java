package dev.weft.examples.byexample;

import dev.weft.process.Manager;
import dev.weft.process.ProcessPoolExecutor;
import dev.weft.process.Queue;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Python Programming by Example, 11.6.2 "ProcessPoolExecutor", ch11_09.py: the fourteen tasks
 * {@code perform(q, a, b, c)} of ch11_08.py on a {@code ProcessPoolExecutor(max_workers=3)}, each
 * sleeping a random time and putting {@code a * b * 10 - c * 2} on a queue that a
 * {@code multiprocessing.Manager()} serves; after the {@code with} block the script prints the
 * results and the time it took.
 *
 * <p>{@code multiprocessing.Manager()} becomes {@link Manager#start()} (a server in a child JVM,
 * shut down when its try-with-resources block ends) and {@code m.Queue()} its {@link Manager#queue()}:
 * a process {@link Queue} whose items the manager's server keeps. The pool becomes Weft's
 * {@link ProcessPoolExecutor} and the {@code with} block try-with-resources, whose {@code close()}
 * waits for every task. {@code executor.submit(perform, q, val_a, val_b, val_c)} becomes
 * {@code executor.submit(() -> perform(q, a, b, c))}: the lambda, and the queue handle and three
 * numbers it captures, are copied to a worker. Each task's put reaches the manager before its
 * result reaches this JVM, so when the block ends every result is in the queue. (Python needs the
 * manager because a plain {@code multiprocessing.Queue} cannot be passed to a pool's task; Weft's
 * own process {@code Queue} could be, but the script's manager is kept.) The rest is as in
 * {@link ThreadPoolResultsQueue}: inputs from the {@link Random} given to
 * {@link #run(PrintStream, Random)}, drawn in this thread; sleeps from {@link ThreadLocalRandom} in
 * the workers; results in the order the tasks finished.
 *
 * <pre>{@code
 * Print results
 * 194
 * 18
 * 94
 * ... (fourteen results in all)
 * total time: 0.412345 seconds
 * }</pre>
 */
public final class ProcessPoolResultsQueue {
    private ProcessPoolResultsQueue() {}

    /** The longest a task sleeps; the script sleeps {@code random.uniform(0, 2)} seconds. */
    static final Duration MAX_SLEEP = Duration.ofMillis(20);

    /** How many tasks the script submits: {@code for i in range(1, 15)}. */
    static final int TASKS = 14;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The script's {@code perform}, run in a worker. */
    static void perform(Queue<Integer> q, int a, int b, int c) throws InterruptedException {
        double randVal = ThreadLocalRandom.current().nextDouble(0, 1); // a fraction of MAX_SLEEP
        int res = a * b * 10 - c * 2;
        Thread.sleep(Duration.ofNanos((long) (randVal * MAX_SLEEP.toNanos())));
        q.put(res);
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
        try (Manager m = Manager.start()) { // m = multiprocessing.Manager()
            runWith(m.queue(), out, random, t1); // q = m.Queue()
        }
    }

    private static void runWith(Queue<Integer> q, PrintStream out, Random random, long t1) throws InterruptedException {
        try (var executor = new ProcessPoolExecutor(3)) { // with ProcessPoolExecutor(max_workers=3) as executor:
            for (int i = 1; i < 1 + TASKS; i++) {
                int valA = random.nextInt(1, 11);
                int valB = random.nextInt(1, 11);
                int valC = random.nextInt(1, 11);
                executor.submit(() -> {
                    perform(q, valA, valB, valC);
                    return null;
                });
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
