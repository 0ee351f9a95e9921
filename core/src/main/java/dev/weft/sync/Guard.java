package dev.weft.sync;

/**
 * What a {@code with} block holds: something acquired that {@link #close()} releases. Returned by
 * {@link Locks#hold(java.util.concurrent.locks.Lock)}, {@link Locks#acquireAll}, and
 * {@link BoundedSemaphore#hold()}, for try-with-resources:
 *
 * <pre>{@code
 * try (var _ = Locks.hold(lock)) {
 *     // the lock is held here, and released however the block ends
 * }
 * }</pre>
 *
 * <p>A guard belongs to the thread that acquired it and is closed once; closing it again does
 * nothing.
 */
@FunctionalInterface
public interface Guard extends AutoCloseable {
    /** Releases what this guard holds. Never blocks; throws no checked exception. */
    @Override
    void close();
}
