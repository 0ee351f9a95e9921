package dev.weft.examples.recipes;

import dev.weft.process.Process;
import java.io.PrintStream;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-4 "Creating a Process", Listing 10-4:
 * {@code multiprocessing.Process(target=adder, args=(2,2))}, {@code start()}, {@code join()}.
 *
 * <p>{@code multiprocessing.Process} becomes Weft's {@link Process}: a child JVM that runs the
 * target, a serializable lambda. Python's {@code args=(2,2)} are the values the lambda captures,
 * copied to the child with it. As in Python, what the target returns is dropped: a process has an
 * exit code, not a result (a {@link dev.weft.process.Pool} returns results, a process
 * {@link dev.weft.process.Queue} or {@link dev.weft.process.Pipe} carries them back; see
 * {@link QueueBetweenProcesses}). The listing prints nothing; the port prints the process after
 * {@code join()}, as the notebook would show {@code proc1}: stopped, with exit code 0.
 *
 * <pre>{@code
 * <Process name='Process-1' stopped, exitcode 0>
 * }</pre>
 */
public final class AdderProcess {
    private AdderProcess() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The listing's {@code adder}; runs in the child, where its sum is dropped. */
    static int adder(int a, int b) {
        return a + b;
    }

    /** Runs the listing, printing to {@code out}; returns the process, ended. */
    public static Process run(PrintStream out) throws InterruptedException {
        Process proc1 = new Process(() -> adder(2, 2)); // Process(target=adder, args=(2,2))
        proc1.start();
        proc1.join(); // waits for the child JVM to exit
        out.println(proc1);
        return proc1;
    }
}
