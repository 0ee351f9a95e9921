package dev.weft.pubsub;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An intermediary that passes every message sent to it on to all its subscribers: the Python
 * Cookbook's {@code Exchange} (12.11, "Implementing Publish/Subscribe Messaging"), with
 * {@link #named get_exchange(name)} and the {@link #subscribe subscribe(*tasks)} context manager.
 *
 * <pre>{@code
 * // exc = get_exchange('name'); exc.attach(task_a); exc.attach(task_b); exc.send('msg1')
 * Exchange<String> exc = Exchange.named("name");
 * exc.attach(taskA);
 * exc.attach(taskB);
 * exc.send("msg1");                       // taskA.send("msg1"), then taskB.send("msg1")
 *
 * // with exc.subscribe(task_a, task_b): ...
 * try (Subscription s = exc.subscribe(taskA, taskB)) {
 *     exc.send("msg2");
 * }                                       // both detached again
 * }</pre>
 *
 * <h2>Delivery</h2>
 * {@link #send} is synchronous, as in the Cookbook: it calls {@link Subscriber#send} on each
 * subscriber in turn, on the sender's thread, and returns when the last one has returned. Make
 * delivery asynchronous by attaching subscribers that hand the message on, such as actors (whose
 * {@code send} puts the message in their mailbox) or a lambda that offers it to a queue.
 *
 * <p>Subscribers are called in the order they were attached (Python's set has no order; the
 * Cookbook's output shows attach order, which this keeps). A message goes to exactly the
 * subscribers attached at the moment {@code send} starts: {@code send} reads the subscriber list
 * once, with no lock, and then works on that snapshot. So:
 * <ul>
 *   <li>a subscriber attached before {@code send} is called and not detached until it returns gets
 *       the message exactly once;</li>
 *   <li>a subscriber attached or detached by another thread while a {@code send} is under way may
 *       or may not get that message (it gets it if and only if the attach came before, or the
 *       detach after, the moment that {@code send} read the list);</li>
 *   <li>{@code detach} does not wait for sends under way: a subscriber can receive a message from a
 *       send that started before it was detached even after {@code detach} has returned;</li>
 *   <li>attach and detach calls made by a subscriber during a delivery (to this exchange or
 *       another) take effect from the next {@code send} on; a subscriber may also {@code send} to
 *       the exchange that is calling it, which delivers the nested message to everyone before the
 *       outer delivery goes on (depth first, as in Python). An exchange attached to itself,
 *       directly or through others, recurses until {@link StackOverflowError}.</li>
 * </ul>
 *
 * <p>Order: messages sent by one thread reach each subscriber in the order they were sent, since
 * each {@code send} finishes before the next starts. Messages sent by different threads at the
 * same time are delivered at the same time: a subscriber's {@code send} may run on several threads
 * at once, and two subscribers may see such messages in different orders. A subscriber shared by
 * senders on several threads must therefore be thread-safe (an actor is); for one total order,
 * send from one thread or serialize the senders.
 *
 * <h2>Failures</h2>
 * A subscriber that throws does not stop delivery: the message still goes to the subscribers after
 * it, and what it threw is counted ({@link #errorCount()}) and handed to the exchange's
 * {@linkplain #setErrorHandler error handler}, which by default logs it as a warning on the
 * {@link System.Logger} named {@code dev.weft.pubsub}. If the error handler itself throws, that
 * exception propagates out of {@code send} and the subscribers after the failing one do not get
 * the message: a handler that rethrows gives Python's behaviour, where the first failure ends the
 * {@code send}. A {@link VirtualMachineError} ({@code OutOfMemoryError}, {@code StackOverflowError})
 * is not a subscriber's failure but the JVM's: it propagates out of {@code send} at once, without
 * reaching the handler.
 *
 * <h2>Subscribers are a set</h2>
 * As in Python, where the subscribers are a {@code set}, a subscriber is attached at most once:
 * attaching one that is attached already (one {@link Object#equals equal} to it) does nothing and
 * returns {@code false}, and it still gets each message once. Detaching one that is not attached is
 * an error, {@link SubscriberNotAttachedException}, as Python's {@code set.remove} raises
 * {@code KeyError}. Beware that a lambda or method reference creates a new object each time it is
 * evaluated: {@code attach(this::onMessage)} twice attaches two subscribers, and
 * {@code detach(this::onMessage)} detaches neither; keep the reference that was attached (or use
 * {@link #subscribe}, whose {@link Subscription} keeps it). Conversely, a lambda that captures
 * nothing may be one and the same object however often it is evaluated, so attaching it in a loop
 * attaches it once.
 *
 * <p>Null is neither a subscriber nor a message: {@code attach(null)}, {@code detach(null)},
 * {@code subscribe} with a null element and {@code send(null)} throw {@link NullPointerException}
 * and change nothing. Messages go to queues and mailboxes, which refuse null too.
 *
 * <h2>Threads and memory</h2>
 * An exchange is thread-safe. {@code send} takes no lock and allocates nothing; {@code attach},
 * {@code detach}, {@code subscribe} and {@code Subscription.close} copy the subscriber array under a
 * lock (they never block on a {@code send} in progress, only, briefly, on each other), so they cost
 * time proportional to the number of subscribers: an exchange is built for many more sends than
 * changes of its subscribers. Actions in a thread before it attaches a subscriber happen-before
 * that subscriber's {@code send} in any {@code send} that sees it attached. Nothing here waits or
 * can be interrupted, except what the subscribers themselves do.
 *
 * <p>An exchange is itself a {@link Subscriber}, as in Python any object with a {@code send} method
 * is: attaching one exchange to another forwards every message.
 *
 * @param <M> the type of the messages
 */
public final class Exchange<M> implements Subscriber<M> {

    private static final System.Logger LOG = System.getLogger("dev.weft.pubsub");

    private static final Subscriber<?>[] NONE = new Subscriber<?>[0];

    /** The named exchanges: Python's {@code _exchanges = defaultdict(Exchange)}. */
    private static final ConcurrentHashMap<String, Exchange<?>> EXCHANGES = new ConcurrentHashMap<>();

    /** The default error handler: logs a warning, never throws. */
    private static final ErrorHandler<Object> LOG_WARNING = (subscriber, message, error) ->
            LOG.log(System.Logger.Level.WARNING,
                    () -> "subscriber " + describe(subscriber) + " threw on a message of type "
                            + message.getClass().getName() + "; the exchange delivered it to the others",
                    error);

    private final String name;

    /** Guards the writes of {@link #subscribers} and all access to {@link #members}. */
    private final Object lock = new Object();

    /** The subscribers in attach order; never modified once published, replaced as a whole. */
    private volatile Subscriber<?>[] subscribers = NONE;

    /** The same subscribers, for finding duplicates in constant time. Guarded by {@link #lock}. */
    private final HashSet<Subscriber<?>> members = new HashSet<>();

    private volatile ErrorHandler<? super M> errorHandler = LOG_WARNING;

    private final AtomicLong errors = new AtomicLong();

    /** Creates an exchange with no subscribers, not in the registry of {@link #named}. */
    public Exchange() {
        this.name = null;
    }

    private Exchange(String name) {
        this.name = name;
    }

    /**
     * Returns the exchange of this name, creating it on first use: the Cookbook's
     * {@code get_exchange(name)}. Every call with an equal name, on any thread, returns the same
     * exchange; if several threads ask for a new name at once, exactly one exchange is created.
     * Never blocks for long (only while another thread creates the same name's exchange).
     *
     * <p>The registry is global to the JVM (to the class loader that loaded this class), and its
     * exchanges live as long as it does, like Python's module-level dictionary; so do the
     * subscribers still attached to them.
     *
     * <p>The type of the messages is not part of the name: the registry cannot check it, since
     * Java erases type arguments. {@code Exchange.<String>named("x")} and
     * {@code Exchange.<Integer>named("x")} return the same exchange, and a subscriber that expects
     * strings then fails with {@link ClassCastException} on an integer (a failure that goes to the
     * error handler like any other; an error handler typed for strings would fail the same way,
     * so such an exchange's handler should be an {@code ErrorHandler<Object>}). Give each name one
     * message type, for instance by keeping the
     * names in constants next to it, or share an {@code Exchange} object instead of a name.
     *
     * @param name the exchange's name; any string, the empty one included
     * @param <M> the type of the messages, as the caller expects it (unchecked)
     * @return the exchange of that name
     * @throws NullPointerException if {@code name} is null
     */
    @SuppressWarnings("unchecked")
    public static <M> Exchange<M> named(String name) {
        Objects.requireNonNull(name, "name");
        return (Exchange<M>) EXCHANGES.computeIfAbsent(name, Exchange::new);
    }

    /**
     * Attaches a subscriber, so that it gets the messages of every later {@link #send}. Does nothing
     * if the subscriber (or one equal to it) is attached already. Never blocks on a send in progress.
     *
     * @param subscriber what to deliver to
     * @return {@code true} if it was attached, {@code false} if it was attached already (as
     *     {@link java.util.Set#add} returns)
     * @throws NullPointerException if {@code subscriber} is null
     */
    public boolean attach(Subscriber<? super M> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            if (!members.add(subscriber)) {
                return false;
            }
            Subscriber<?>[] old = subscribers;
            Subscriber<?>[] next = Arrays.copyOf(old, old.length + 1);
            next[old.length] = subscriber;
            subscribers = next;
            return true;
        }
    }

    /**
     * Detaches a subscriber, so that later sends no longer deliver to it. A send already under way
     * on another thread may still deliver to it, even after this method returns. Never blocks on a
     * send in progress.
     *
     * @param subscriber a subscriber attached to this exchange (or one equal to it)
     * @throws SubscriberNotAttachedException if it is not attached, as Python's exchange raises
     *     {@code KeyError}; nothing changes then
     * @throws NullPointerException if {@code subscriber} is null
     */
    public void detach(Subscriber<? super M> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            if (!members.remove(subscriber)) {
                throw new SubscriberNotAttachedException(
                        "subscriber " + describe(subscriber) + " is not attached to " + this);
            }
            Subscriber<?>[] old = subscribers;
            int n = old.length;
            int i = 0;
            // the set found it, so the array has it (unless equals is inconsistent with hashCode)
            while (i < n && old[i] != subscriber && !subscriber.equals(old[i])) {
                i++;
            }
            if (i == n) {
                republishMembers(old);
                return;
            }
            Subscriber<?>[] next = n == 1 ? NONE : new Subscriber<?>[n - 1];
            System.arraycopy(old, 0, next, 0, i);
            System.arraycopy(old, i + 1, next, i, n - i - 1);
            subscribers = next;
        }
    }

    /**
     * Attaches the subscribers for as long as the returned subscription is open: the Cookbook's
     * {@code with exc.subscribe(*tasks):}, as a try-with-resources.
     *
     * <pre>{@code
     * try (Subscription s = exchange.subscribe(taskA, taskB)) {
     *     exchange.send("msg1");
     * }
     * }</pre>
     *
     * <p>The subscribers are attached in the order given, all in one step: a send on another
     * thread delivers to all of them or to none. Those that were attached already stay as they are,
     * and {@link Subscription#close()} leaves them attached: it detaches exactly the subscribers that
     * this call attached (those still attached then), so that the exchange is as it was before,
     * even when subscriptions nest. Python's recipe detaches every task on exit and raises
     * {@code KeyError} if one was detached meanwhile; this never throws on close.
     *
     * @param subscribers what to deliver to; repeated elements count once
     * @return the subscription, which detaches them when closed
     * @throws NullPointerException if the array or any element is null; nothing is attached then
     */
    @SafeVarargs
    public final Subscription subscribe(Subscriber<? super M>... subscribers) {
        // copied element by element (not cloned) so that the varargs array never escapes
        Subscriber<?>[] given = new Subscriber<?>[subscribers.length];
        for (int i = 0; i < given.length; i++) {
            given[i] = Objects.requireNonNull(subscribers[i], "subscriber");
        }
        Subscriber<?>[] added = new Subscriber<?>[given.length];
        int count = 0;
        synchronized (lock) {
            for (Subscriber<?> s : given) {
                if (members.add(s)) {
                    added[count++] = s;
                }
            }
            if (count > 0) {
                Subscriber<?>[] old = this.subscribers;
                Subscriber<?>[] next = Arrays.copyOf(old, old.length + count);
                System.arraycopy(added, 0, next, old.length, count);
                this.subscribers = next;
            }
        }
        return new Subscription(this, Arrays.copyOf(added, count));
    }

    /** Detaches those of {@code these} that are still attached, in one step; for Subscription. */
    void detachIfAttached(Subscriber<?>[] these) {
        if (these.length == 0) {
            return;
        }
        synchronized (lock) {
            boolean any = false;
            for (Subscriber<?> s : these) {
                any |= members.remove(s);
            }
            if (any) {
                republishMembers(subscribers);
            }
        }
    }

    /** Publishes the elements of {@code old} that are still members, in order. Holds the lock. */
    private void republishMembers(Subscriber<?>[] old) {
        Subscriber<?>[] next = new Subscriber<?>[old.length];
        int j = 0;
        for (Subscriber<?> s : old) {
            if (members.contains(s)) {
                next[j++] = s;
            }
        }
        subscribers = j == 0 ? NONE : Arrays.copyOf(next, j);
    }

    /**
     * Delivers a message to every subscriber attached when this call starts, in attach order, on
     * the calling thread; returns when each has been called. See the class description for what a
     * concurrent attach or detach sees, and for order across threads.
     *
     * <p>Blocks for as long as the subscribers' {@code send} methods do, and no longer. A
     * subscriber's exception is counted and handed to the {@linkplain #setErrorHandler error
     * handler}, and delivery goes on with the next subscriber. Allocates nothing.
     *
     * @param message the message
     * @throws NullPointerException if {@code message} is null; no subscriber is called then
     * @throws VirtualMachineError if a subscriber throws one; later subscribers are not called
     * @throws RuntimeException (or an {@link Error}) whatever the error handler throws; later
     *     subscribers are not called
     */
    @Override
    @SuppressWarnings("unchecked")
    public void send(M message) {
        Objects.requireNonNull(message, "message");
        Subscriber<?>[] subs = subscribers;
        for (int i = 0; i < subs.length; i++) {
            Subscriber<? super M> s = (Subscriber<? super M>) subs[i];
            try {
                s.send(message);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                subscriberFailed(s, message, t);
            }
        }
    }

    private void subscriberFailed(Subscriber<? super M> subscriber, M message, Throwable error) {
        errors.incrementAndGet();
        errorHandler.handle(subscriber, message, error);
    }

    /**
     * Sets what receives the failures of subscribers: the exception a subscriber's {@code send}
     * threw, with the subscriber and the message. The handler runs on the sending thread, right
     * after the failing subscriber and before the next one; what it throws propagates out of
     * {@link #send}. Takes effect for failures after this call returns.
     *
     * @param handler the new handler, or {@code null} to restore the default, which logs a warning
     *     (with the stack trace) on the {@link System.Logger} named {@code dev.weft.pubsub}, as
     *     asyncio's {@code set_exception_handler(None)} restores its default
     */
    public void setErrorHandler(ErrorHandler<? super M> handler) {
        this.errorHandler = handler != null ? handler : LOG_WARNING;
    }

    /**
     * {@return how many times a subscriber has thrown from {@code send} on this exchange since it was created
     * (each such failure has been handed to the error handler)} Never blocks.
     */
    public long errorCount() {
        return errors.get();
    }

    /**
     * {@return the subscribers attached now, in attach order: a snapshot, unmodifiable, that later attaches
     * and detaches do not change} Never blocks.
     */
    @SuppressWarnings("unchecked")
    public List<Subscriber<? super M>> subscribers() {
        return (List<Subscriber<? super M>>) (List<?>) List.of(subscribers);
    }

    /** {@return how many subscribers are attached now} Never blocks. */
    public int subscriberCount() {
        return subscribers.length;
    }

    /**
     * Returns a description: the name, for an exchange of the {@link #named} registry, and the
     * number of subscribers.
     */
    @Override
    public String toString() {
        int n = subscribers.length;
        return "Exchange[" + (name != null ? "'" + name + "', " : "") + n + (n == 1 ? " subscriber]" : " subscribers]");
    }

    /** A subscriber's {@code toString}, or its class and identity if that throws. */
    private static String describe(Object o) {
        try {
            return String.valueOf(o);
        } catch (RuntimeException e) {
            return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
        }
    }

    /**
     * Receives the failures of an exchange's subscribers; see {@link #setErrorHandler}.
     *
     * @param <M> the type of the messages
     */
    @FunctionalInterface
    public interface ErrorHandler<M> {
        /**
         * Handles one failure. Runs on the thread that called {@link Exchange#send}, before the
         * message goes to the next subscriber; what this throws propagates out of that
         * {@code send}.
         *
         * @param subscriber the subscriber that threw
         * @param message the message it was given
         * @param error what it threw
         */
        void handle(Subscriber<?> subscriber, M message, Throwable error);
    }
}
