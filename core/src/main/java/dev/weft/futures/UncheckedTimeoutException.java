package dev.weft.futures;

import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A {@link TimeoutException} thrown where a checked exception cannot be: by the iterators of
 * {@link WeftExecutor#map} and {@link Futures#asCompleted}, whose {@code next()} waits. It is to
 * {@code TimeoutException} what {@link java.io.UncheckedIOException} is to {@code IOException}:
 * {@link #getCause()} is the timeout, with the message saying what did not finish in time.
 */
public class UncheckedTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps {@code cause}.
     *
     * @param cause the checked exception to carry
     * @throws NullPointerException if {@code cause} is null
     */
    public UncheckedTimeoutException(TimeoutException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    /** The timeout this exception wraps. */
    @Override
    public synchronized TimeoutException getCause() {
        return (TimeoutException) super.getCause();
    }
}
