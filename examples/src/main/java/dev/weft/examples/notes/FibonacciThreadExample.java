package dev.weft.examples.notes;

import java.io.PrintStream;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Creating threads", second pattern: a class
 * that inherits {@code threading.Thread} and overrides {@code run()}, here computing a Fibonacci
 * number; two of them, for 9 and 12, started and joined.
 *
 * <p>The subclass is a {@link Thread} subclass that overrides {@link Thread#run()};
 * {@code Thread.__init__(self)} is the implicit {@code super()}. (The notes name the class
 * {@code Fibonacci} but instantiate {@code FibonacciThread}, and leave the calculation out; here
 * {@code fib[0] = 0}, {@code fib[1] = 1}.) Passing a lambda, as {@link ThreadWithTarget} does,
 * is usually the better Java idiom; the subclass is shown because the notes show it.
 *
 * <pre>{@code
 * 34
 * 144
 * }</pre>
 * (in either order: the two threads run at the same time).
 */
public final class FibonacciThreadExample {
    private FibonacciThreadExample() {}

    /** The notes' {@code FibonacciThread(threading.Thread)}. */
    public static final class FibonacciThread extends Thread {
        private final int num;
        private final PrintStream out;

        public FibonacciThread(int num, PrintStream out) {
            this.num = num;
            this.out = out;
        }

        @Override
        public void run() {
            // Fibonacci number calculation
            long[] fib = new long[Math.max(2, num + 1)];
            fib[0] = 0;
            fib[1] = 1;
            for (int i = 2; i <= num; i++) {
                fib[i] = fib[i - 1] + fib[i - 2];
            }
            out.println(fib[num]);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the listing, printing to {@code out}; returns once both threads have ended. */
    public static void run(PrintStream out) throws InterruptedException {
        FibonacciThread myFibTask1 = new FibonacciThread(9, out);
        FibonacciThread myFibTask2 = new FibonacciThread(12, out);
        myFibTask1.start();
        myFibTask2.start();
        myFibTask1.join();
        myFibTask2.join();
    }
}
