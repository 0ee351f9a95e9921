package dev.weft.examples.effective;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Effective Python, Item 37 "Use Threads for Blocking I/O, Avoid for Parallelism", first listing:
 * factorizing four numbers one after the other, then with one {@code FactorizeThread} per number,
 * timing both.
 *
 * <p>The generator {@code factorize} becomes a lazy {@link IntStream}, and {@code list(...)} a
 * {@code toList()}. {@code FactorizeThread} is a {@link Thread} subclass that keeps its factors in
 * a field, read after {@code join()} (which makes the thread's writes visible). The book's comment
 * on the threaded run, "Even longer with multithread", holds for CPython, whose GIL lets one
 * thread run Python code at a time; the JVM has no GIL, and on a machine with several cores the
 * threads really run in parallel. {@code run} returns the factors, so that they can be checked.
 *
 * <pre>{@code
 * Took 0.012 seconds
 * Took 0.004 seconds
 * }</pre>
 */
public final class FactorizeSerialVsThreads {
    private FactorizeSerialVsThreads() {}

    /** The book's numbers. */
    static final List<Integer> NUMBERS = List.of(2139079, 218502, 589213, 789123);

    /** What {@link #run} found: the factors of each number, serially and with threads. */
    public record Factors(List<List<Integer>> serial, List<List<Integer>> threads) {}

    /** The divisors of {@code number}, in increasing order, computed as they are consumed. */
    public static IntStream factorize(int number) {
        return IntStream.rangeClosed(1, number).filter(i -> number % i == 0);
    }

    /** The book's {@code FactorizeThread}. */
    public static final class FactorizeThread extends Thread {
        private final int number;
        private List<Integer> factors;

        public FactorizeThread(int number) {
            this.number = number;
        }

        @Override
        public void run() {
            factors = factorize(number).boxed().toList();
        }

        /** The factors; call after {@link #join()}. */
        public List<Integer> factors() {
            return factors;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns the factors found. */
    public static Factors run(PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        List<List<Integer>> serial = new ArrayList<>();
        for (int number : NUMBERS) {
            serial.add(factorize(number).boxed().toList());
        }
        long end = System.nanoTime();
        out.println(took(start, end));

        start = System.nanoTime();
        List<FactorizeThread> threads = new ArrayList<>();
        for (int number : NUMBERS) {
            FactorizeThread thread = new FactorizeThread(number);
            thread.start();
            threads.add(thread);
        }
        for (FactorizeThread thread : threads) {
            thread.join();
        }
        end = System.nanoTime();
        // In CPython: even longer with multithread. On the JVM: shorter, given several cores.
        out.println(took(start, end));

        return new Factors(serial, threads.stream().map(FactorizeThread::factors).toList());
    }

    /** The book's {@code 'Took %.3f seconds'}. */
    static String took(long startNanos, long endNanos) {
        return String.format(Locale.ROOT, "Took %.3f seconds", (endNanos - startNanos) / 1e9);
    }
}
