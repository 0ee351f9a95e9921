package dev.weft.examples.notes;

import dev.weft.process.Pool;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 001 (notes "Concurrency in Python"), "Pool implementation": {@code with Pool(5) as p:
 * print(p.map(func, [1, 2, 3]))}, where {@code func(x)} returns {@code x*x}.
 *
 * <p>{@code Pool(5)} becomes {@link Pool}{@code (5)}, five worker JVMs, and the {@code with} block
 * try-with-resources. The notes define {@code func} at module level "so that child processes can
 * successfully import that module"; in Java it is a static method of this class, which every worker
 * can load, since a worker runs with the parent's class path. {@code map} sends it to each worker
 * once, splits the three items among them and returns the results in order. One difference: leaving
 * Python's {@code with} block terminates the pool, while {@link Pool#close()} waits for queued
 * tasks; here {@code map} has already waited for all of them, so both end the same.
 *
 * <pre>{@code
 * [1, 4, 9]
 * }</pre>
 */
public final class PoolSquares {
    private PoolSquares() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The notes' {@code func}, run in the workers. */
    static int func(int x) {
        return x * x;
    }

    /** Runs the listing, printing to {@code out}; returns once the workers have exited. */
    public static void run(PrintStream out) throws InterruptedException {
        try (Pool p = new Pool(5)) {
            out.println(p.map(PoolSquares::func, List.of(1, 2, 3)));
        }
    }
}
