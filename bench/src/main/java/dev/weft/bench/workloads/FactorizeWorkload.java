package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python's Item 37: factorize four numbers one after the other, then with one thread
 * per number; the figure is the speedup of the threads over the serial run. CPython's GIL keeps
 * it near 1; the JVM's threads run on every core.
 */
public final class FactorizeWorkload extends Workload {

    /** DESIGN.md's numbers for this benchmark. */
    public static final int[] NUMBERS = {2139079, 1214759, 1516637, 1852285};

    @Override
    public String name() {
        return "factorize";
    }

    @Override
    public String describe(long size) {
        return "factorize(2139079, 1214759, 1516637, 1852285): serial, then one thread per number";
    }

    @Override
    public String unit() {
        return "speedup of the threads over serial (times)";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("threads", "weft", "4 platform threads"),
                Side.cpython("cpython", "4 threading.Thread", "bench_factorize.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("factorize/threads", "threads", "cpython"));
    }

    @Override
    public Settings settings(boolean quick) {
        return quick
                ? new Settings(1, new Settings.Rounds(3, 5, 1), new Settings.Rounds(0, 3, 1))
                : new Settings(1, new Settings.Rounds(5, 10, 3), new Settings.Rounds(0, 3, 3));
    }

    /** The seed's factorize: every divisor of {@code number}, by trial division. */
    public static List<Integer> factorize(int number) {
        List<Integer> factors = new ArrayList<>();
        for (int i = 1; i <= number; i++) {
            if (number % i == 0) {
                factors.add(i);
            }
        }
        return factors;
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        long start = System.nanoTime();
        long check = 0;
        for (int n : NUMBERS) {
            check += factorize(n).size();
        }
        long serial = System.nanoTime() - start;

        start = System.nanoTime();
        int[] found = new int[NUMBERS.length];
        Thread[] threads = new Thread[NUMBERS.length];
        for (int k = 0; k < NUMBERS.length; k++) {
            int index = k;
            threads[k] = Thread.ofPlatform().start(() -> found[index] = factorize(NUMBERS[index]).size());
        }
        for (Thread t : threads) {
            t.join(); // join makes each thread's write to found visible here
        }
        long threaded = System.nanoTime() - start;
        for (int f : found) {
            check -= f;
        }
        if (check != 0) {
            throw new AssertionError("threads found other factors than the serial run");
        }
        return (double) serial / threaded;
    }
}
