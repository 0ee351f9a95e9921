package dev.weft.examples.notes;

import dev.weft.process.Process;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001 (notes "Concurrency in Python"), "Process implementation": {@code f1} and {@code f2},
 * each in a {@code Process} ({@code args=('bob',)} and {@code ('jerry',)}), both started before
 * either is joined.
 *
 * <p>Each {@code Process(target=f1, args=('bob',))} becomes a {@link Process} whose target lambda
 * captures the name. Both children start before the first {@code join()}, so they run at the same
 * time and their lines come in either order; {@code join()} on {@code p1} then {@code p2} waits
 * for both. A child's {@code print} is {@code System.out.println} in its JVM, forwarded to the
 * parent's {@code System.out} (in {@link #main}, the {@code out} given to {@link #run}) line by
 * line, so the two lines never mix, and each {@code join()} returns after its child's lines.
 *
 * <pre>{@code
 * hello bob
 * hello jerry
 * }</pre>
 * (in either order.)
 */
public final class HelloBobProcesses {
    private HelloBobProcesses() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void f1(String name) {
        System.out.println("hello " + name);
    }

    static void f2(String name) {
        System.out.println("hello " + name);
    }

    /**
     * Runs the listing; the children print to this JVM's {@code System.out}, so {@code out} is not
     * used (it is there for the examples' common form). Returns once both children have ended.
     */
    public static void run(PrintStream out) throws InterruptedException {
        List<Process> procs = new ArrayList<>();
        Process p1 = new Process(() -> f1("bob"));
        p1.start();
        procs.add(p1);
        Process p2 = new Process(() -> f2("jerry"));
        p2.start();
        procs.add(p2);
        for (Process p : procs) {
            p.join();
        }
    }
}
