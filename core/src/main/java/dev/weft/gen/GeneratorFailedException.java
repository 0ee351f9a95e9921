package dev.weft.gen;

/**
 * Thrown by a generator's {@code next}, {@code send}, {@code throwInto} or {@code close} when its
 * body ended with something that cannot be rethrown as it is: a checked exception (this exception's
 * cause), or a {@link StopIteration} escaping the body (Python's PEP 479 turns that into
 * {@code RuntimeError: generator raised StopIteration}, so it is not mistaken for the generator's
 * own end).
 *
 * <p>Unchecked exceptions and errors thrown by a body reach the caller as they are, not wrapped.
 * When a delegating body's {@link Yielder#yieldFrom(Generator)} meets this exception wrapping a
 * checked exception, it rethrows the checked exception itself in the delegating body, so a chain of
 * {@code yieldFrom} sees the sub-generator's exception as Python does, and the outermost caller gets
 * it wrapped once.
 */
public class GeneratorFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one.
     *
     * @param message what happened
     * @param cause what the body threw, or {@code null}
     */
    public GeneratorFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
