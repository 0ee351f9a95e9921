package dev.weft.process;

import dev.weft.futures.BrokenExecutorException;

/**
 * A process pool can no longer run tasks: its workers kept failing to start or to run the
 * initializer (a bounded number of attempts, never an endless respawn loop). Every task not yet
 * done fails with it, and new submissions are refused with it. Python's {@code BrokenProcessPool}.
 */
public class BrokenPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying why the pool broke, and the cause (or null).
     *
     * @param message why the pool broke
     * @param cause the last worker's failure, or null
     */
    public BrokenPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
