package dev.weft.aio;

/**
 * What a {@link Server} runs for each connection it accepts: Python's {@code client_connected_cb}.
 * It runs as a new task of the server's loop, so it may call await points (reads, drains, sleeps)
 * and holds the loop between them, like any task.
 *
 * <p>When it returns or throws, the server closes the connection (sending what is still buffered
 * first): hand the streams to no other task that outlives it. An exception it throws is reported
 * to the loop's {@linkplain EventLoop#setExceptionHandler exception handler} and the server goes
 * on serving; a {@link java.util.concurrent.CancellationException} (its task was cancelled, for
 * example because the loop closed) is not reported.
 */
@FunctionalInterface
public interface ClientHandler {
    /**
     * Serves one connection.
     *
     * @param reader what the client sends
     * @param writer what goes back to the client
     * @throws Exception anything; see the interface comment
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
