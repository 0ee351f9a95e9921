package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.function.ThrowingFunction;
import dev.weft.process.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python's Item 37: factorize four numbers one after the other, then with one thread
 * per number; the figure is the speedup of the threads over the serial run. CPython's GIL keeps
 * it near 1; the JVM's threads run on every core.
 *
 * <p>The size is how many times each number is factorized in a round (each thread does its number
 * that many times), the same on both sides. Once is about 10 ms on the JVM: at that scale, four
 * threads on two virtual CPUs measure the kernel's placement of new threads and the wake-up of an
 * idle virtual CPU (speedups from 0.7 to 1.6 here), not the runtime; twenty times gives each thread
 * tens of milliseconds and measures the parallelism itself. See docs/decisions.md.
 *
 * <p>The processes variant does the same with a process pool: {@code Pool(2).map} of a function that
 * factorizes its number {@code size} times, over the four numbers (one task per number, as one
 * thread per number), against CPython's {@code multiprocessing.Pool(2)} doing the same. The pool is
 * made once per measuring process, in its first (warm-up) round, before the clock, on both sides,
 * and kept (its threads are daemons; the workers exit with their parent).
 */
public final class FactorizeWorkload extends Workload {

    /** DESIGN.md's numbers for this benchmark. */
    public static final int[] NUMBERS = {2139079, 1214759, 1516637, 1852285};

    /** How many times each number is factorized per round (the size; see the class comment). */
    public static final int REPEAT = 20;

    /** The {@code factorize} workload. */
    public FactorizeWorkload() {
        super("factorize", "speedup of the threads or processes over serial (times)", true);
    }

    @Override
    public String describe(long size) {
        return "factorize(2139079, 1214759, 1516637, 1852285), each number " + size
                + " times: serial, then one thread per number, or Pool(2).map over the numbers";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("threads", "weft", "4 platform threads"),
                Side.cpython("cpython", "4 threading.Thread", "bench_factorize.py"),
                Side.jvm("processes", "weft", "Pool(2).map(factorize, numbers)"),
                Side.cpython("cpython-processes", "multiprocessing.Pool(2).map", "bench_factorize.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("factorize/threads", "threads", "cpython")
                        .withTarget(Target.weftAtLeast(1.8, "issue 2")),
                new Comparison("factorize/processes", "processes", "cpython-processes")
                        .withTarget(Target.weftAtLeast(1.8, "issue 5")));
    }

    @Override
    public Settings settings(boolean quick) {
        return quick
                ? new Settings(REPEAT, new Settings.Rounds(2, 5, 1), new Settings.Rounds(0, 1, 1))
                : new Settings(REPEAT, new Settings.Rounds(3, 10, 3), new Settings.Rounds(0, 2, 3));
    }

    /**
     * The seed's factorize: every divisor of {@code number}, by trial division.
     *
     * @param number the number to factorize, at least 1
     * @return its divisors, in increasing order
     */
    public static List<Integer> factorize(int number) {
        List<Integer> factors = new ArrayList<>();
        for (int i = 1; i <= number; i++) {
            if (number % i == 0) {
                factors.add(i);
            }
        }
        return factors;
    }

    /** The pool of a measuring process of the processes side, made by its first round. */
    private static Pool pool;

    private static synchronized Pool pool() {
        if (pool == null) {
            pool = new Pool(2);
        }
        return pool;
    }

    /** What a process does with its number: factorize it {@code repeat} times; the factors found. */
    static ThrowingFunction<Integer, Integer> factorizeRepeatedly(int repeat) {
        return number -> {
            int found = 0;
            for (int r = 0; r < repeat; r++) {
                found += factorize(number).size();
            }
            return found;
        };
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException {
        return switch (sideId) {
            case "threads" -> threads(size);
            case "processes" -> processes(size);
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
    }

    /** The serial run both variants compare with: {nanoseconds, count of factors found}. */
    private static long[] serial(int repeat) {
        long start = System.nanoTime();
        long count = 0;
        for (int n : NUMBERS) {
            for (int r = 0; r < repeat; r++) {
                count += factorize(n).size();
            }
        }
        return new long[] {System.nanoTime() - start, count};
    }

    private static double processes(long size) throws InterruptedException {
        int repeat = Math.toIntExact(size);
        Pool p = pool();
        List<Integer> numbers = new ArrayList<>();
        for (int n : NUMBERS) {
            numbers.add(n);
        }
        long[] serialRun = serial(repeat);
        long serial = serialRun[0];
        long check = serialRun[1];
        long start;

        start = System.nanoTime();
        List<Integer> found = p.map(factorizeRepeatedly(repeat), numbers);
        long parallel = System.nanoTime() - start;
        for (int f : found) {
            check -= f;
        }
        if (check != 0) {
            throw new AssertionError("the processes found other factors than the serial run");
        }
        return (double) serial / parallel;
    }

    private static double threads(long size) throws InterruptedException {
        int repeat = Math.toIntExact(size);
        long[] serialRun = serial(repeat);
        long serial = serialRun[0];
        long check = serialRun[1];
        long start;

        start = System.nanoTime();
        int[] found = new int[NUMBERS.length];
        Thread[] threads = new Thread[NUMBERS.length];
        for (int k = 0; k < NUMBERS.length; k++) {
            int index = k;
            threads[k] = Thread.ofPlatform().start(() -> {
                for (int r = 0; r < repeat; r++) {
                    found[index] += factorize(NUMBERS[index]).size();
                }
            });
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
