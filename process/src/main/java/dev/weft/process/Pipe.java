package dev.weft.process;

import dev.weft.process.internal.hub.PipeState;

/**
 * A pair of connected {@link Connection}s, which may be handed to other processes: Python's
 * {@code multiprocessing.Pipe()}. What one end sends, the other receives, in order.
 *
 * <pre>{@code
 * try (Pipe pipe = Pipe.open()) {
 *     Process child = ...;            // given pipe.second() as an argument
 *     child.start();
 *     pipe.second().close();          // the child holds its copy now
 *     while (true) {
 *         try {
 *             System.out.println(pipe.first().recv());
 *         } catch (EOFException e) {  // the child closed its copy, or exited
 *             break;
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The pipe's buffers are kept by the process that opens it; its own ends work on them directly,
 * a copy in another process talks to it over a socket (see {@link Connection}).
 *
 * <p>Thread-safe.
 */
public final class Pipe implements AutoCloseable {
    private final boolean duplex;
    private final Connection first;
    private final Connection second;

    private Pipe(boolean duplex) {
        PipeState state = new PipeState(duplex);
        this.duplex = duplex;
        this.first = new Connection(new EndBackend.Local(state.end(0)));
        this.second = new Connection(new EndBackend.Local(state.end(1)));
    }

    /** {@return a duplex pipe: both ends send and receive} Python's {@code Pipe()}. Does not block. */
    public static Pipe open() {
        return new Pipe(true);
    }

    /**
     * {@return a pipe, duplex or one-way: Python's {@code Pipe(duplex)}} If {@code duplex} is false,
     * {@link #first()} can only receive and {@link #second()} can only send. Does not block.
     *
     * @param duplex whether both ends can send and receive
     */
    public static Pipe open(boolean duplex) {
        return new Pipe(duplex);
    }

    /** {@return the first end: Python's {@code conn1}; the receiving end of a one-way pipe} */
    public Connection first() {
        return first;
    }

    /** {@return the second end: Python's {@code conn2}; the sending end of a one-way pipe} */
    public Connection second() {
        return second;
    }

    /** {@return whether both ends send and receive} */
    public boolean duplex() {
        return duplex;
    }

    /**
     * Closes this process's two handles ({@link Connection#close()} on each). Copies handed to
     * other processes stay open until they are closed there. Idempotent; does not block.
     */
    @Override
    public void close() {
        first.close();
        second.close();
    }

    @Override
    public String toString() {
        return "Pipe[" + (duplex ? "duplex" : "one-way") + "]";
    }
}
