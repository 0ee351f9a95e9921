package dev.weft.examples.notes;

import dev.weft.process.Connection;
import dev.weft.process.Pipe;
import dev.weft.process.Process;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Seed 001 (notes "Concurrency in Python"), "Inter-process Communication Channels", "Pipe" (no
 * listing): {@code Pipe()} returns a pair of connection objects, duplex by default; each has
 * {@code send()} and {@code recv()}; two processes use different ends.
 *
 * <p>{@code Pipe()} becomes {@link Pipe#open()}, its pair {@link Pipe#first()} and
 * {@link Pipe#second()}. The parent keeps the first end and hands the second to a child (the
 * lambda captures it, so the child gets its own handle on that end), then closes its own handle on
 * the second end, as Python programs do: from then on only the child holds it. The child sends, receives
 * what the parent sends back (the pipe is duplex) and answers; when it exits its end closes, and the
 * parent's next {@code recv()} throws {@link EOFException}, Python's {@code EOFError}.
 *
 * <pre>{@code
 * parent got: hello from the child
 * parent got: the child got: hello from the parent
 * EOFException: the child's end is closed
 * }</pre>
 */
public final class DuplexPipe {
    private DuplexPipe() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** What the child runs, on its end of the pipe. */
    static void child(Connection conn) throws IOException, InterruptedException {
        conn.send("hello from the child");
        Object got = conn.recv();
        conn.send("the child got: " + got);
        conn.close();
    }

    /** Runs the example, printing to {@code out}; returns once the child has ended. */
    public static void run(PrintStream out) throws IOException, InterruptedException {
        try (Pipe pipe = Pipe.open()) { // parent_conn, child_conn = Pipe()
            Connection parentConn = pipe.first();
            Connection childConn = pipe.second();
            Process p = new Process(() -> child(childConn));
            p.start();
            childConn.close(); // the child holds its own copy since start()

            out.println("parent got: " + parentConn.recv());
            parentConn.send("hello from the parent");
            out.println("parent got: " + parentConn.recv());
            try {
                parentConn.recv();
            } catch (EOFException e) {
                out.println("EOFException: the child's end is closed");
            }
            p.join();
        }
    }
}
