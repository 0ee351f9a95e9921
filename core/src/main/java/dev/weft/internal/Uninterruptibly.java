package dev.weft.internal;

/**
 * Runs a wait that may be interrupted until it completes, as {@code Lock.lock()} does: an interrupt
 * makes it wait again, and the thread's interrupt status is set when it returns. Not API.
 */
public final class Uninterruptibly {
    private Uninterruptibly() {}

    /** A wait that throws {@link InterruptedException} when interrupted, having done nothing. */
    @FunctionalInterface
    public interface Wait {
        void run() throws InterruptedException;
    }

    /** Runs {@code wait} until it returns without being interrupted; then restores the interrupt status. */
    public static void run(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
