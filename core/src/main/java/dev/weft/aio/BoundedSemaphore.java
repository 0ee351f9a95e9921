package dev.weft.aio;

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * Creates a semaphore with {@code value} permits, never more.
     *
     * @param value the permits, which is also the most there may be
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /** @throws IllegalStateException if every permit is already free */
    @Override
    void checkRelease() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (bound " + bound + ")");
        }
    }
}
