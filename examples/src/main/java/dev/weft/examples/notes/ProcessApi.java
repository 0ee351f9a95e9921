package dev.weft.examples.notes;

import dev.weft.process.Process;
import dev.weft.process.Queue;
import java.io.PrintStream;

/**
 * Seed 001 (notes "Concurrency in Python"), "Multi-processing API": {@code do_smthg(val)} in a
 * {@code multiprocessing.Process(target=do_smthg, args=(val,))}, {@code start()}, {@code join()};
 * then what the notes list in prose: {@code is_alive()}, {@code terminate()} and
 * {@code p.exitcode}, which is 0 when the process ended without error, more than 0 when it ended
 * with an error, and -N when signal N killed it.
 *
 * <p>{@code multiprocessing.Process} becomes Weft's {@link Process}, the target a serializable
 * lambda; what it captures (here {@code val}) is copied to the child, as Python pickles
 * {@code args}: the notes' "arguments must be pickleable" becomes "must be serializable", and a
 * target that cannot be is refused by {@code start()}. The child's {@code print} is
 * {@code System.out.println} in the child JVM; Weft forwards the child's lines to the parent's
 * {@code System.out} (not to the {@code out} given to {@link #run}; in {@link #main} they are the
 * same), and {@code join()} returns after the last one.
 *
 * <p>{@code p.exitcode} is {@link Process#exitCode()}, an {@link java.util.OptionalInt} that is
 * empty while the process runs (Python's {@code None}): 0; 1 for a target that threw (its stack
 * trace goes to the child's standard error, under {@code Process NAME:}, as Python prints the
 * traceback); the status a child passed to {@code System.exit} (Python's {@code sys.exit(3)}); and
 * -15 after {@link Process#terminate()}, which sends SIGTERM. The sleeper tells the parent through
 * a process {@link Queue} once it is inside its {@code try} block; the notes' gotcha holds: the
 * terminated child's {@code finally} block does not run, so it never prints "finally ran".
 *
 * <pre>{@code
 * doing smthg
 * exitcode: 0
 * sleeper is_alive(): true
 * after terminate(): is_alive() false, exitcode -15
 * raised an exception: exitcode 1
 * System.exit(3): exitcode 3
 * }</pre>
 */
public final class ProcessApi {
    private ProcessApi() {}

    /** Longer than the example runs: the sleeper only ends by being terminated. */
    static final long SLEEP_MILLIS = 60_000;

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The notes' {@code do_smthg}, run in the child. */
    static void doSmthg(String val) {
        System.out.println("doing smthg");
    }

    /** Runs the listing and the prose after it, printing to {@code out}; every child has ended when it returns. */
    public static void run(PrintStream out) throws InterruptedException {
        String val = "some args";
        Process t = new Process(() -> doSmthg(val)); // multiprocessing.Process(target=do_smthg, args=(val,))
        t.start();
        t.join();
        out.println("exitcode: " + t.exitCode().getAsInt());

        // The other three run at the same time. The sleeper says when it is inside its try block.
        Queue<String> sleeping = new Queue<>();
        Process sleeper = new Process(() -> {
            try {
                sleeping.put("sleeping");
                Thread.sleep(SLEEP_MILLIS);
            } finally {
                System.out.println("finally ran"); // not after terminate(): the JVM is killed
            }
        });
        Process failing = new Process(() -> {
            throw new IllegalStateException("something went wrong");
        });
        Process exiting = new Process(() -> System.exit(3));
        sleeper.start();
        failing.start();
        exiting.start();

        sleeping.get(); // the sleeper is running its target
        out.println("sleeper is_alive(): " + sleeper.isAlive());
        sleeper.terminate();
        sleeper.join();
        out.println("after terminate(): is_alive() " + sleeper.isAlive() + ", exitcode " + sleeper.exitCode().getAsInt());
        failing.join();
        out.println("raised an exception: exitcode " + failing.exitCode().getAsInt());
        exiting.join();
        out.println("System.exit(3): exitcode " + exiting.exitCode().getAsInt());
    }
}
