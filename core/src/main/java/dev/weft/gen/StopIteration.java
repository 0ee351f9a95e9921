package dev.weft.gen;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Generator#next()}, {@link Generator#send}, and {@link Generator#throwInto} when
 * the generator has no more values: Python's {@code StopIteration}.
 *
 * <p>It is a {@link NoSuchElementException}, so a generator keeps the {@link java.util.Iterator}
 * contract: {@code next()} on an exhausted iterator throws {@code NoSuchElementException}. The call
 * during which the body returned carries the body's return value in {@link #value()} (Python's
 * {@code StopIteration.value}, the {@code x} of {@code return x}); any later call on the finished
 * generator throws one whose value is {@code null}. The value also stays available from
 * {@link Generator#returnValue()}.
 *
 * <p>A {@code StopIteration} that escapes a generator's body is not taken for the end of that
 * generator (Python's PEP 479): its caller gets a {@link GeneratorFailedException} with the
 * {@code StopIteration} as its cause.
 */
public class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** Makes one with no return value ({@code null}). */
    public StopIteration() {
        this(null);
    }

    /**
     * Makes one carrying a generator's return value.
     *
     * @param value what the body returned, or {@code null}
     */
    public StopIteration(Object value) {
        super(value == null ? "generator exhausted" : "generator returned " + value);
        this.value = value;
    }

    /** {@return the value the generator's body returned, or {@code null} if it returned none} */
    public Object value() {
        return value;
    }
}
