package dev.weft.futures;

import java.util.concurrent.RejectedExecutionException;

/**
 * An executor can no longer run tasks because it broke: Python's {@code BrokenExecutor} (for a
 * thread pool, {@code BrokenThreadPool}). A {@link ThreadPoolExecutor} breaks when a worker's
 * initializer throws: that exception is the cause; every task still queued fails with this
 * exception, and every later submission throws it.
 *
 * <p>It is a {@link RejectedExecutionException}, which is what {@link
 * java.util.concurrent.ExecutorService#submit} throws when a task cannot be accepted.
 */
public class BrokenExecutorException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying why the executor broke, and the cause.
     *
     * @param message why the executor broke
     * @param cause the failure that broke it, such as an initializer's exception
     */
    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
