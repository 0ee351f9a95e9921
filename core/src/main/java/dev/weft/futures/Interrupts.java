package dev.weft.futures;

import java.util.concurrent.CancellationException;

/**
 * How an iterator whose {@code next()} waits reports an interrupt, having no checked exception to
 * throw: the interrupt status is set again, and the wait ends with a {@link CancellationException}
 * whose cause is the {@link InterruptedException}.
 */
final class Interrupts {
    private Interrupts() {}

    /** Sets the interrupt status again; returns the exception for the caller to throw. */
    static CancellationException cancelledBy(InterruptedException interrupt, String whileDoing) {
        Thread.currentThread().interrupt();
        return withCause(new CancellationException("interrupted while " + whileDoing), interrupt);
    }

    /** {@code e}, with {@code cause} (CancellationException has no constructor that takes one). */
    static CancellationException withCause(CancellationException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
