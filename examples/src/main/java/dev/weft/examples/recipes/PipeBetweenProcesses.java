package dev.weft.examples.recipes;

import dev.weft.process.Connection;
import dev.weft.process.Pipe;
import dev.weft.process.Process;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe 10-5 "Communicating Between Processes",
 * Listing 10-5 "Creating a Pipe": a child process sends {@code ['hello', 'world']} through its end
 * of a {@code multiprocessing.Pipe()} and closes it; the parent prints what it receives.
 *
 * <p>{@code parent_end, child_end = multiprocessing.Pipe()} becomes {@link Pipe#open()}, whose
 * {@link Pipe#first() first()} and {@link Pipe#second() second()} are the two {@link Connection}s.
 * The child gets {@code child_end} as the lambda captures it: the handle is copied to the child and
 * still reaches the same pipe. {@code send} and {@code recv} keep their names; the list travels as
 * a copy ({@code List.of("hello", "world")}, which Java prints without Python's quotes).
 *
 * <pre>{@code
 * [hello, world]
 * }</pre>
 */
public final class PipeBetweenProcesses {
    private PipeBetweenProcesses() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** The listing's {@code func}, run in the child. */
    static void func(Connection pipeEnd) throws IOException {
        pipeEnd.send(List.of("hello", "world"));
        pipeEnd.close();
    }

    /** Runs the listing, printing to {@code out}; returns once the child has ended. */
    public static void run(PrintStream out) throws IOException, InterruptedException {
        try (Pipe pipe = Pipe.open()) { // parent_end, child_end = multiprocessing.Pipe()
            Connection parentEnd = pipe.first();
            Connection childEnd = pipe.second();
            Process proc1 = new Process(() -> func(childEnd));
            proc1.start();
            out.println(parentEnd.recv()); // waits for the child's message
            proc1.join();
        }
    }
}
