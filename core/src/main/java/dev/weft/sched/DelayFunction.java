package dev.weft.sched;

/**
 * How a {@link Scheduler} built with {@link Scheduler#Scheduler(java.util.function.LongSupplier,
 * DelayFunction)} waits: Python's {@code delayfunc}.
 *
 * <p>{@link Scheduler#run(boolean)} calls it without holding the scheduler's lock, in the thread
 * that called {@code run}, with the number of nanoseconds (of the scheduler's time function's
 * scale) until the first event is due; and with {@code 0} after each action, as Python does "to
 * let other threads run". It may return early (the scheduler looks at the queue again and, if
 * the first event is still not due, calls it again), and it may enter or cancel events.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * Scheduler s = new Scheduler(clock::time, clock::delay);   // simulated time: never sleeps
 * Scheduler t = new Scheduler(System::nanoTime, nanos -> { if (nanos > 0) Thread.sleep(Duration.ofNanos(nanos)); });
 * }</pre>
 */
@FunctionalInterface
public interface DelayFunction {

    /**
     * Waits, or advances a simulated clock, by {@code nanos}.
     *
     * @param nanos how long to wait, in nanoseconds of the scheduler's time function; never
     *     negative
     * @throws InterruptedException if interrupted while waiting; it propagates out of
     *     {@link Scheduler#run(boolean)}, leaving the event that was waited for in the queue
     */
    void delay(long nanos) throws InterruptedException;
}
