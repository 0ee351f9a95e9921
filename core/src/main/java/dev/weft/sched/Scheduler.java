package dev.weft.sched;

import dev.weft.internal.Timeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A queue of events, each an action to call at a given time, and a {@link #run()} that calls them
 * as they fall due: Python's {@code sched.scheduler}.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler();
 * s.enter(Duration.ofSeconds(10), 1, () -> System.out.println("ten seconds later"));
 * Scheduler.Event e = s.enterabs(s.time() + 5_000_000_000L, 1, System.out::println, "five");
 * s.cancel(e);            // changed our mind
 * s.run();                // blocks until every event has run, here about ten seconds
 * }</pre>
 *
 * <p><b>Order.</b> Events run in the order of their time; events with the same time in the order
 * of their priority (lower first, as with Unix priorities); events with the same time and
 * priority in the order they were entered (each scheduler numbers its events, the
 * {@linkplain Event#sequence() sequence}). Python's 3.10 and later order ties the same way.
 *
 * <p><b>Time.</b> Times are {@code long}s in nanoseconds of the time function's scale and are
 * compared as plain signed numbers. The default time function is {@link System#nanoTime()};
 * {@link #enterabs} takes a time on that scale, usually {@code time() + something}. A relative
 * delay that would overflow saturates at {@link Long#MAX_VALUE}, which means "never, in
 * practice". A time in the past is allowed: the event is due at once.
 *
 * <p><b>Waiting.</b> A scheduler made with {@link #Scheduler()} waits for real time on a condition
 * of its lock, so a {@code run()} that is waiting for the first event wakes up at once when
 * another thread enters an earlier event or cancels the one it waits for. A scheduler made with
 * {@link #Scheduler(LongSupplier, DelayFunction)} waits by calling the delay function outside the
 * lock, as Python does: entering an earlier event does not cut that wait short, but the delay
 * function may return early at any time and {@code run()} looks at the queue again. With a
 * {@link VirtualClock} the delay function just moves the clock, and a schedule runs at once, in
 * order, every time.
 *
 * <p><b>Threads.</b> Every method is thread-safe. Any thread may enter and cancel events at any
 * time, including from inside an action. Actions run in the thread that called {@code run()},
 * outside the lock; several threads may run the same scheduler, and then each event is taken by
 * exactly one of them (they may run different events at the same time). The time function is
 * called while holding the lock, so it must be thread-safe and quick.
 *
 * <p><b>Failures.</b> An exception thrown by an action propagates out of {@code run()} unchanged,
 * as in Python. The failed event has been removed from the queue; the others stay, and a later
 * {@code run()} carries on with them.
 *
 * <p>Memory visibility: actions in a thread before it enters an event happen-before that event's
 * action runs, in whichever thread runs it.
 */
public final class Scheduler {

    private final LongSupplier timefunc;
    /** {@code null} for real time: {@code run()} waits on {@link #headChanged} instead. */
    private final DelayFunction delayfunc;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled (real time only) when the first event changes to another, or the queue empties. */
    private final Condition headChanged = lock.newCondition();
    /**
     * The queue. A tree set rather than a binary heap, so that cancel is O(log n) too; within one
     * scheduler no two events compare equal, because their sequence numbers differ. Guarded by
     * {@link #lock}.
     */
    private final TreeSet<Event> queue = new TreeSet<>();
    /** The sequence number of the next event entered. Guarded by {@link #lock}. */
    private long nextSequence;

    /**
     * Creates a scheduler in real time: its time is {@link System#nanoTime()}, and a {@code run()}
     * that waits for the first event wakes up at once when that event is cancelled or an earlier
     * one is entered.
     */
    public Scheduler() {
        this.timefunc = System::nanoTime;
        this.delayfunc = null;
    }

    /**
     * Creates a scheduler with its own notion of time, as Python's
     * {@code scheduler(timefunc, delayfunc)}.
     *
     * @param timefunc returns the current time, in nanoseconds on a scale of its own; it should
     *     never go back, must be thread-safe and should be quick (it is called under the lock)
     * @param delayfunc called by {@code run()}, outside the lock, to wait until the first event is
     *     due, and with {@code 0} after each action; see {@link DelayFunction}
     * @throws NullPointerException if either is null
     */
    public Scheduler(LongSupplier timefunc, DelayFunction delayfunc) {
        this.timefunc = Objects.requireNonNull(timefunc, "timefunc");
        this.delayfunc = Objects.requireNonNull(delayfunc, "delayfunc");
    }

    /**
     * {@return the time function's current value, so that {@code enterabs(s.time() + nanos, ...)} is an
     * absolute time on the right scale} Never blocks (unless the time function does).
     */
    public long time() {
        return timefunc.getAsLong();
    }

    // ----- entering events -----

    /**
     * Enters an event that calls {@code action} {@code delay} from now. Never blocks beyond
     * taking the scheduler's lock.
     *
     * @param delay how long from now; zero means due at once
     * @param priority orders events due at the same time, lower first
     * @param action what the event runs
     * @return the event, which {@link #cancel} takes
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws NullPointerException if {@code delay} or {@code action} is null
     */
    public Event enter(Duration delay, int priority, Runnable action) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(action, "action");
        return add(timeAfter(delay), priority, action, List.of(), action);
    }

    /**
     * Enters an event that calls {@code action.accept(argument)} {@code delay} from now: Python's
     * {@code enter(delay, priority, action, (argument,))}. The argument may be null.
     *
     * @param <A> the type of the argument
     * @param delay how long from now; zero means due at once
     * @param priority orders events due at the same time; lower runs first
     * @param action what the event runs
     * @param argument what {@code action} is given
     * @return the event, which {@link #cancel} takes
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws NullPointerException if {@code delay} or {@code action} is null
     */
    public <A> Event enter(Duration delay, int priority, Consumer<? super A> action, A argument) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(action, "action");
        return add(timeAfter(delay), priority, action, arguments(argument), () -> action.accept(argument));
    }

    /**
     * Enters an event that calls {@code action.accept(first, second)} {@code delay} from now:
     * Python's {@code enter(delay, priority, action, (first, second))}. The arguments may be null.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param delay how long from now; zero means due at once
     * @param priority orders events due at the same time; lower runs first
     * @param action what the event runs
     * @param first what {@code action} is given first
     * @param second what {@code action} is given second
     * @return the event, which {@link #cancel} takes
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws NullPointerException if {@code delay} or {@code action} is null
     */
    public <A, B> Event enter(
            Duration delay, int priority, BiConsumer<? super A, ? super B> action, A first, B second) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(action, "action");
        return add(timeAfter(delay), priority, action, arguments(first, second), () -> action.accept(first, second));
    }

    /**
     * Enters an event that calls {@code action} at {@code time}, on the scale of {@link #time()}.
     * A time that has passed already is allowed: the event is due at once. Never blocks beyond
     * taking the scheduler's lock.
     *
     * @param time when, for example {@code s.time() + 1_000_000} for a millisecond from now
     * @param priority orders events due at the same time, lower first
     * @param action what the event runs
     * @return the event, which {@link #cancel} takes
     * @throws NullPointerException if {@code action} is null
     */
    public Event enterabs(long time, int priority, Runnable action) {
        Objects.requireNonNull(action, "action");
        return add(time, priority, action, List.of(), action);
    }

    /**
     * Enters an event that calls {@code action.accept(argument)} at {@code time}. The argument may
     * be null.
     *
     * @param <A> the type of the argument
     * @param time when the event is due, on the scale of {@link #time()}
     * @param priority orders events due at the same time; lower runs first
     * @param action what the event runs
     * @param argument what {@code action} is given
     * @return the event, which {@link #cancel} takes
     * @throws NullPointerException if {@code action} is null
     */
    public <A> Event enterabs(long time, int priority, Consumer<? super A> action, A argument) {
        Objects.requireNonNull(action, "action");
        return add(time, priority, action, arguments(argument), () -> action.accept(argument));
    }

    /**
     * Enters an event that calls {@code action.accept(first, second)} at {@code time}. The
     * arguments may be null.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param time when the event is due, on the scale of {@link #time()}
     * @param priority orders events due at the same time; lower runs first
     * @param action what the event runs
     * @param first what {@code action} is given first
     * @param second what {@code action} is given second
     * @return the event, which {@link #cancel} takes
     * @throws NullPointerException if {@code action} is null
     */
    public <A, B> Event enterabs(long time, int priority, BiConsumer<? super A, ? super B> action, A first, B second) {
        Objects.requireNonNull(action, "action");
        return add(time, priority, action, arguments(first, second), () -> action.accept(first, second));
    }

    /** Now plus {@code delay}, saturating: an overflow would put the event in the past. */
    private long timeAfter(Duration delay) {
        long nanos = Timeouts.toNanos(delay);
        long now = timefunc.getAsLong();
        long time = now + nanos;
        return time < now ? Long.MAX_VALUE : time; // nanos >= 0, so only an overflow makes it smaller
    }

    /** An unmodifiable list that, unlike {@code List.of}, may hold a null (Python's None). */
    private static List<Object> arguments(Object argument) {
        return Collections.unmodifiableList(Arrays.asList(new Object[] {argument}));
    }

    private static List<Object> arguments(Object first, Object second) {
        return Collections.unmodifiableList(Arrays.asList(first, second));
    }

    private Event add(long time, int priority, Object action, List<Object> arguments, Runnable call) {
        lock.lock();
        try {
            // The sequence is taken under the lock, so that it is also the order of insertion.
            Event event = new Event(this, time, priority, nextSequence++, action, arguments, call);
            queue.add(event);
            if (delayfunc == null && queue.first() == event) {
                headChanged.signalAll(); // a waiting run() must now wait less
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    // ----- cancelling and looking -----

    /**
     * Removes {@code event} from the queue, so that it never runs. If a {@code run()} of a
     * real-time scheduler was waiting for it, that {@code run()} goes on with the next event (or
     * returns, if there is none). Never blocks beyond taking the scheduler's lock.
     *
     * @param event the event to remove, as {@code enter} or {@code enterabs} returned it
     * @throws IllegalArgumentException naming the event if it is not in this scheduler's queue:
     *     it has run or is running, it was cancelled, or another scheduler made it (Python raises
     *     {@code ValueError})
     * @throws NullPointerException if {@code event} is null
     */
    public void cancel(Event event) {
        Objects.requireNonNull(event, "event");
        boolean removed;
        lock.lock();
        try {
            boolean wasFirst = !queue.isEmpty() && queue.first() == event;
            // The owner check matters: another scheduler's event can compare equal to one of ours.
            removed = event.owner == this && queue.remove(event);
            if (removed && wasFirst && delayfunc == null) {
                headChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!removed) {
            // Built outside the lock: the message calls the action's toString().
            throw new IllegalArgumentException("event is not in this scheduler's queue"
                    + " (it has run, was cancelled, or belongs to another scheduler): " + event);
        }
    }

    /** {@return whether the queue is empty} Never blocks beyond taking the scheduler's lock. */
    public boolean empty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the events waiting to run, in the order {@code run()} will take them: a snapshot that later
     * changes to the scheduler do not affect, and that cannot be modified} Python's {@code queue}
     * property. Never blocks beyond taking the scheduler's lock.
     */
    public List<Event> queue() {
        lock.lock();
        try {
            return List.copyOf(queue);
        } finally {
            lock.unlock();
        }
    }

    // ----- running -----

    /**
     * Runs events as they fall due until the queue is empty: {@code run(true)}. Blocks for as long
     * as events remain, including events that actions enter.
     *
     * @throws InterruptedException if interrupted while waiting for an event to fall due; that
     *     event stays in the queue
     * @throws RuntimeException or {@link Error}: whatever an action threw, unchanged; that event
     *     is gone from the queue, the others stay
     */
    public void run() throws InterruptedException {
        run(true);
    }

    /**
     * Runs the events that are due, in order, each in the calling thread and outside the lock.
     *
     * <p>If {@code blocking}, then waits for each next event to fall due and runs it, until the
     * queue is empty, and returns an empty optional. A real-time scheduler waits on its condition
     * (re-checking the queue after every wake-up, so an earlier event entered or the awaited event
     * cancelled by another thread take effect at once); otherwise the delay function is called.
     *
     * <p>If not {@code blocking}, never waits: runs the events that are due (including any that
     * become due while it runs them) and returns how long until the next one, or an empty
     * optional if the queue is empty. With a delay function, {@code delay(0)} is still called
     * after each action, as in Python.
     *
     * <p>An interrupt is noticed only while waiting; the thread's interrupt status is then
     * cleared. Actions that are due run even if the thread is interrupted.
     *
     * @param blocking whether to wait for events not yet due, rather than return after running the due ones
     * @return the delay until the next event when not blocking and events remain; otherwise empty
     * @throws InterruptedException if interrupted while waiting (or the delay function threw
     *     it); the event waited for stays in the queue
     * @throws RuntimeException or {@link Error}: whatever an action or the time or delay function
     *     threw, unchanged; a failed action's event is gone from the queue, the others stay, and a
     *     later {@code run()} goes on with them
     */
    public Optional<Duration> run(boolean blocking) throws InterruptedException {
        for (;;) {
            Event due;
            long wait;
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    return Optional.empty();
                }
                Event first = queue.first();
                long now = timefunc.getAsLong();
                if (first.time > now) {
                    long left = first.time - now;
                    wait = left < 0 ? Long.MAX_VALUE : left; // only an overflow makes it negative
                    if (!blocking) {
                        return Optional.of(Duration.ofNanos(wait));
                    }
                    if (delayfunc == null) {
                        // Woken by a new first event, a cancel, the timeout or spuriously: in
                        // every case look at the queue again.
                        headChanged.awaitNanos(wait);
                        continue;
                    }
                    due = null;
                } else {
                    // Taken under the lock, so no other run() can take it too.
                    queue.pollFirst();
                    due = first;
                    wait = 0;
                }
            } finally {
                lock.unlock();
            }
            if (due == null) {
                delayfunc.delay(wait); // may return early: the loop simply looks again
            } else {
                due.call.run();
                if (delayfunc != null) {
                    delayfunc.delay(0); // as Python: "let other threads run"
                }
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Scheduler[" + queue.size() + (queue.size() == 1 ? " event" : " events") + "]";
        } finally {
            lock.unlock();
        }
    }

    /**
     * An event in a scheduler's queue: what {@code enter} and {@code enterabs} return, and what
     * {@link Scheduler#cancel} takes. Immutable.
     *
     * <p>Events are equal only to themselves. They are ordered by time, then priority, then
     * sequence; two events of different schedulers may compare as 0, so this natural ordering is
     * inconsistent with equals across schedulers (within one scheduler it is consistent).
     */
    public static final class Event implements Comparable<Event> {
        private final Scheduler owner;
        private final long time;
        private final int priority;
        private final long sequence;
        private final Object action;
        private final List<Object> arguments;
        private final Runnable call;

        private Event(
                Scheduler owner,
                long time,
                int priority,
                long sequence,
                Object action,
                List<Object> arguments,
                Runnable call) {
            this.owner = owner;
            this.time = time;
            this.priority = priority;
            this.sequence = sequence;
            this.action = action;
            this.arguments = arguments;
            this.call = call;
        }

        /** {@return when the event is due, on the scale of its scheduler's {@link Scheduler#time()}} */
        public long time() {
            return time;
        }

        /**
         * Orders events due at the same time; lower runs first.
         *
         * @return the event's priority
         */
        public int priority() {
            return priority;
        }

        /**
         * {@return the event's number in its scheduler, counting from 0 in the order events were entered;
         * orders events with the same time and priority}
         */
        public long sequence() {
            return sequence;
        }

        /** {@return the {@code Runnable}, {@code Consumer} or {@code BiConsumer} given to enter} */
        public Object action() {
            return action;
        }

        /**
         * {@return the arguments the action is called with: none, one or two; unmodifiable, may hold nulls}
         */
        public List<Object> arguments() {
            return arguments;
        }

        /** Compares by time, then priority, then sequence. */
        @Override
        public int compareTo(Event other) {
            int c = Long.compare(time, other.time);
            if (c == 0) {
                c = Integer.compare(priority, other.priority);
            }
            return c != 0 ? c : Long.compare(sequence, other.sequence);
        }

        /**
         * As Python's, for example
         * {@code Event(time=12741710048027, priority=1, sequence=0, action=..., arguments=[])}.
         */
        @Override
        public String toString() {
            return "Event(time=" + time + ", priority=" + priority + ", sequence=" + sequence
                    + ", action=" + action + ", arguments=" + arguments + ")";
        }
    }
}
