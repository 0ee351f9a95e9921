package dev.weft.sync;

/**
 * Thrown when a thread asks for locks against the global lock order: by
 * {@link Locks#acquireAll} when the thread already holds, through an earlier
 * {@code acquireAll}, a lock that comes later in the order than one it now asks for (the
 * Cookbook's "Lock Order Violation"). Taking locks in one order everywhere is what makes a
 * program with several locks deadlock-free; this exception reports the first place that breaks
 * the rule, before anything blocks.
 */
public class LockOrderViolationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names the locks involved.
     *
     * @param message what was taken out of order, naming the locks
     */
    public LockOrderViolationException(String message) {
        super(message);
    }
}
