package dev.weft.actor;

import dev.weft.function.ThrowingConsumer;
import dev.weft.function.ThrowingFunction;
import dev.weft.futures.SettableFuture;
import dev.weft.futures.WeftFuture;
import dev.weft.internal.Timeouts;
import dev.weft.pubsub.Subscriber;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A concurrently running task that acts on the messages sent to it: the Python Cookbook's
 * {@code Actor} (12.10, "Defining an Actor Task"), on a virtual thread with a mailbox, plus what a
 * real actor runtime needs: asks with replies, bounded mailboxes, supervision, and dead letters.
 *
 * <p>Subclass it and override {@link #run()}, which takes messages with {@link #recv()}; or make a
 * functional actor with {@link #spawn} (a handler called per message) or {@link #spawnReplying}
 * (whose return value answers an {@link #ask}).
 *
 * <pre>{@code
 * class PrintActor extends Actor<String> {
 *     @Override
 *     protected void run() throws InterruptedException {
 *         while (true) {
 *             String msg = recv();
 *             System.out.println("Got: " + msg);
 *         }
 *     }
 * }
 * PrintActor p = new PrintActor();
 * p.start();
 * p.send("Hello");
 * p.send("World");
 * p.close();          // recv() throws ActorExit after "World"; run() ends
 * p.join();
 *
 * Actor<Integer> squarer = Actor.spawnReplying(n -> n * n);
 * int nine = squarer.<Integer>ask(3).result();
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * An actor is <em>new</em> until {@link #start()}, then <em>alive</em> until it has
 * <em>terminated</em>, which happens when {@code run()} returns, lets {@link ActorExit} out (the
 * normal end after {@link #close()}), or fails and its {@link Supervisor} does not restart it. Once
 * it stops, its mailbox refuses everything: the messages still in it and every later one become
 * {@link DeadLetter}s of its mailbox's {@link DeadLetters} office; asked ones fail their reply
 * future with {@link ActorStoppedException}. Messages sent before {@code start()} wait in the
 * mailbox. A failure is never swallowed: it goes to the supervisor, stays visible in
 * {@link #failure()}, and fails the reply of the asked message being handled.
 *
 * <h2>Threads</h2>
 * Each actor runs on one virtual thread of its own, which calls {@code run()} (again, after a
 * restart); {@code recv} may only be called there. An actor made with {@code spawn} starts its
 * thread when its first message (or {@code close()}) arrives, so a million actors that have
 * received nothing cost only their objects (about 120 bytes each; with a thread parked in
 * {@code recv}, about 1.2 KB). {@code send}, {@code ask}, {@code close}, {@code join},
 * {@code isAlive} and {@code failure} may be called from any thread.
 *
 * <p>Memory visibility: actions in a thread before it sends (or asks) a message happen-before the
 * actor's {@code recv()} returning that message; actions of the actor before it replies
 * happen-before the asker seeing the reply future done; and everything the actor did
 * happens-before {@code join()} returning or {@code isAlive()} returning {@code false}.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Cookbook</th><th>Weft</th></tr>
 *   <tr><td>{@code class PrintActor(Actor)}, {@code def run(self)}</td>
 *       <td>{@code class PrintActor extends Actor<String>}, {@code protected void run()}</td></tr>
 *   <tr><td>{@code send}, {@code recv}, {@code close}, {@code start}, {@code join}</td>
 *       <td>{@link #send}, {@link #recv()}, {@link #close()}, {@link #start()}, {@link #join()};
 *       also {@link #recv(Duration)}, {@link #join(Duration)}, {@link #isAlive()}</td></tr>
 *   <tr><td>{@code ActorExit}</td><td>{@link ActorExit} (an {@code Error})</td></tr>
 *   <tr><td>{@code self._mailbox = Queue()}</td>
 *       <td>a {@link Mailbox}: unbounded, or bounded with an {@link Overflow} policy</td></tr>
 * </table>
 *
 * @param <M> the type of the messages
 */
public abstract class Actor<M> implements Subscriber<M> {
    private static final System.Logger LOG = System.getLogger("dev.weft.actor");

    /** The end marker {@link #close()} puts in the mailbox. */
    static final Object EXIT = new Object() {
        @Override
        public String toString() {
            return "ActorExit";
        }
    };

    /** The actor whose thread is running: for {@link #reply}. */
    private static final ScopedValue<Actor<?>> CURRENT = ScopedValue.newInstance();

    // state bits
    private static final int STARTED = 1;
    private static final int CLOSED = 2;
    private static final int STOPPED = 4;
    private static final int TERMINATED = 8;
    private static final int LAZY = 16;

    // what the receiving thread is doing
    private static final int IDLE = 0; // no thread yet
    private static final int RUNNING = 1;
    private static final int PARKED = 2;

    /**
     * How an actor waits for a message when its mailbox is empty: it polls a little (spinning), then
     * lets the other virtual threads of its carrier run once ({@code Thread.yield()}), and only then
     * parks. Waking a parked virtual thread costs a trip through the scheduler, several times what
     * a message between two busy actors costs. The spin catches a reply from an actor running on the
     * other carrier; the yield catches one from an actor that the send just woke onto this same
     * carrier (it runs during the yield). Each actor adapts its spinning: a spin that got a message
     * doubles the next one (up to {@code MAX_SPINS}, a few microseconds), one that did not halves
     * it, so an actor that waits long between messages soon spins no more and pays one yield per
     * wait. Nobody spins on a single processor; the system property {@code weft.actor.maxSpins}
     * sets the bound (0: never spin).
     */
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1
            ? Integer.getInteger("weft.actor.maxSpins", 1 << 9) : 0;
    private static final int MIN_SPINS = Math.min(8, MAX_SPINS);
    private static final int FIRST_SPINS = Math.min(32, MAX_SPINS);

    private static final VarHandle STATE;
    private static final VarHandle CONSUMER;
    private static final VarHandle JOIN_LATCH;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Actor.class, "state", int.class);
            CONSUMER = l.findVarHandle(Actor.class, "consumer", int.class);
            JOIN_LATCH = l.findVarHandle(Actor.class, "joinLatch", CountDownLatch.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An asked message and the future its reply completes. */
    private record Asked(Object message, SettableFuture<Object> reply) {}

    private final MailboxQueue queue;
    private volatile int state;
    private volatile int consumer;
    /** The actor's thread; written before it starts. */
    private Thread thread;
    /** Written before the thread starts. */
    private Supervisor supervisor;
    private volatile Throwable failure;
    private volatile CountDownLatch joinLatch;
    // touched by the actor's thread only
    private SettableFuture<Object> pendingReply;
    private boolean exited;
    private RestartLog restartLog;
    /** How long the next wait for a message spins; see {@link #MAX_SPINS}. */
    private int spins = FIRST_SPINS;

    /** Makes an actor with an unbounded mailbox. It runs once {@link #start() started}. */
    protected Actor() {
        this(Mailbox.unbounded());
    }

    /**
     * Makes an actor with a mailbox of the given kind.
     *
     * @param mailbox the kind of mailbox, from {@link Mailbox#unbounded()} or {@link Mailbox#bounded}
     * @throws NullPointerException if {@code mailbox} is null
     */
    protected Actor(Mailbox mailbox) {
        this(mailbox, false);
    }

    Actor(Mailbox mailbox, boolean lazy) {
        this.queue = Objects.requireNonNull(mailbox, "mailbox").newQueue();
        this.state = lazy ? LAZY : 0;
    }

    // ---------------------------------------------------------------- functional actors

    /**
     * Starts an actor that calls {@code handler} with each message, in order, one at a time, with an
     * unbounded mailbox and the {@linkplain Supervisor#escalating() escalating} supervisor (a
     * handler that throws stops the actor and the failure is logged). An {@link #ask} of it is
     * answered with {@code null} when the handler returns, unless the handler called
     * {@link #reply}.
     *
     * <p>The actor's thread starts with its first message, so an actor that is never sent anything
     * costs no thread.
     *
     * @param <M> the type of the messages
     * @param handler what handles each message; what it throws is the actor's failure
     * @return the started actor
     * @throws NullPointerException if {@code handler} is null
     */
    public static <M> Actor<M> spawn(ThrowingConsumer<? super M> handler) {
        return spawn(Mailbox.unbounded(), Supervisor.escalating(), handler);
    }

    /**
     * Starts an actor as {@link #spawn(ThrowingConsumer)} does, with the given mailbox and
     * supervisor.
     *
     * @param <M> the type of the messages
     * @param mailbox the kind of mailbox
     * @param supervisor what happens when {@code handler} throws
     * @param handler what handles each message
     * @return the started actor
     * @throws NullPointerException if an argument is null
     */
    public static <M> Actor<M> spawn(Mailbox mailbox, Supervisor supervisor, ThrowingConsumer<? super M> handler) {
        Objects.requireNonNull(handler, "handler");
        FunctionalActor<M> a = new FunctionalActor<>(mailbox, m -> {
            handler.accept(m);
            return null;
        });
        a.start(supervisor);
        return a;
    }

    /**
     * Starts an actor that calls {@code handler} with each message and answers an {@link #ask} with
     * what it returns (or with the exception it throws, which is also the actor's failure). For a
     * message that was sent, not asked, the return value is dropped. Unbounded mailbox,
     * {@linkplain Supervisor#escalating() escalating} supervisor; thread started with the first
     * message.
     *
     * @param <M> the type of the messages
     * @param handler what handles each message and returns the reply to an {@link #ask}
     * @return the started actor
     * @throws NullPointerException if {@code handler} is null
     */
    public static <M> Actor<M> spawnReplying(ThrowingFunction<? super M, ?> handler) {
        return spawnReplying(Mailbox.unbounded(), Supervisor.escalating(), handler);
    }

    /**
     * Starts an actor as {@link #spawnReplying(ThrowingFunction)} does, with the given mailbox and
     * supervisor.
     *
     * @param <M> the type of the messages
     * @param mailbox the kind of mailbox
     * @param supervisor what happens when {@code handler} throws
     * @param handler what handles each message and returns the reply to an {@link #ask}
     * @return the started actor
     * @throws NullPointerException if an argument is null
     */
    public static <M> Actor<M> spawnReplying(Mailbox mailbox, Supervisor supervisor, ThrowingFunction<? super M, ?> handler) {
        Objects.requireNonNull(handler, "handler");
        FunctionalActor<M> a = new FunctionalActor<>(mailbox, handler);
        a.start(supervisor);
        return a;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts the actor with the {@linkplain Supervisor#escalating() escalating} supervisor: a
     * failure stops it and is logged. Never blocks.
     *
     * @return this actor
     * @throws IllegalStateException if it was started before (Python: "threads can only be started
     *     once")
     */
    public final Actor<M> start() {
        return start(Supervisor.escalating());
    }

    /**
     * Starts the actor: its virtual thread calls {@link #run()}, and {@code supervisor} decides what
     * happens when {@code run()} fails. Never blocks.
     *
     * @param supervisor what happens when {@code run()} throws
     * @return this actor
     * @throws IllegalStateException if it was started before
     * @throws NullPointerException if {@code supervisor} is null
     */
    public final Actor<M> start(Supervisor supervisor) {
        Objects.requireNonNull(supervisor, "supervisor");
        int s;
        do {
            s = state;
            if ((s & STARTED) != 0) {
                throw new IllegalStateException("actor already started: " + this);
            }
            this.supervisor = supervisor; // read only by the actor's thread, started after the CAS below
        } while (!STATE.compareAndSet(this, s, s | STARTED));
        if ((s & LAZY) == 0 || queue.maybeNonEmpty()) {
            if (CONSUMER.compareAndSet(this, IDLE, RUNNING)) {
                startThread();
            }
        }
        return this;
    }

    private void startThread() {
        Thread t = Thread.ofVirtual().unstarted(this::bootstrap);
        thread = t;
        t.start();
    }

    /**
     * Asks the actor to stop once it has taken the messages sent before: puts the end marker in the
     * mailbox, so that {@link #recv()} throws {@link ActorExit} after them, as the seed's
     * {@code close()} sends the {@code ActorExit} sentinel. Messages sent after {@code close()}
     * become dead letters ({@link DeadLetter.Reason#CLOSED}); one sent concurrently with it is
     * either received before {@code ActorExit} or becomes a dead letter, never lost. Never blocks,
     * even on a full bounded mailbox; does not wait for the actor to stop (use {@link #join()}).
     * Idempotent. On an actor not started yet, the marker waits in the mailbox like any message.
     */
    public final void close() {
        for (;;) {
            int s = state;
            if ((s & CLOSED) != 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | CLOSED)) {
                break;
            }
        }
        if (queue.offerControl(EXIT)) {
            wake();
        }
    }

    /**
     * Waits until the actor has terminated: {@code run()} has ended for good, the messages left in
     * its mailbox have become dead letters, and its supervisor has acted on any failure. Returns at
     * once if it has terminated already.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalStateException if the actor was not started, or if called from the actor's
     *     own thread (it would wait for itself forever)
     */
    public final void join() throws InterruptedException {
        awaitTermination(-1L);
    }

    /**
     * Waits at most {@code timeout} until the actor has terminated; see {@link #join()}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return {@code true} if it has terminated, {@code false} if the timeout elapsed first (Python's
     *     {@code join(timeout)} returns None; check {@link #isAlive()} there)
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if the actor was not started, or if called from its own thread
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        return awaitTermination(Timeouts.toNanos(timeout));
    }

    private boolean awaitTermination(long nanos) throws InterruptedException {
        int s = state;
        if ((s & STARTED) == 0) {
            throw new IllegalStateException("cannot join an actor before it is started: " + this);
        }
        if ((s & TERMINATED) != 0) {
            return true;
        }
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("an actor cannot join itself: " + this);
        }
        CountDownLatch latch = joinLatch;
        if (latch == null) {
            CountDownLatch fresh = new CountDownLatch(1);
            latch = JOIN_LATCH.compareAndSet(this, null, fresh) ? fresh : joinLatch;
        }
        if ((state & TERMINATED) != 0) { // terminated before it could see our latch
            return true;
        }
        if (nanos < 0) {
            latch.await();
            return true;
        }
        return latch.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@return whether the actor has been started and has not terminated} Never blocks. */
    public final boolean isAlive() {
        int s = state;
        return (s & STARTED) != 0 && (s & TERMINATED) == 0;
    }

    /**
     * {@return what ended the actor: the exception its {@code run()} threw when its supervisor stopped it or
     * escalated; {@code null} while it is alive (restarted failures are not kept here) and when it ended
     * normally} Never blocks.
     */
    public final Throwable failure() {
        return failure;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Puts {@code message} in the mailbox, behind the messages sent before it by the same thread.
     * With an unbounded mailbox this never blocks. With a bounded, full one, it does what the
     * mailbox's {@link Overflow} says: waits for room (BLOCK), throws (FAIL), or drops the oldest
     * waiting message as a dead letter (DROP_OLDEST). If the actor was closed or has stopped, the
     * message becomes a dead letter ({@link DeadLetter.Reason#CLOSED}) and this returns normally,
     * as an exchange delivering to many subscribers needs.
     *
     * @throws NullPointerException if {@code message} is null (a mailbox holds no nulls, so
     *     {@link #recv(Duration)} can return null for a timeout)
     * @throws MailboxFullException if the mailbox is full and its policy is FAIL
     * @throws SendInterruptedException if the thread was interrupted while waiting for room (BLOCK);
     *     the message was not taken, and the interrupt status is set again
     */
    @Override
    public final void send(M message) {
        Objects.requireNonNull(message, "message");
        postUninterruptibly(message);
    }

    /**
     * Puts {@code message} in the mailbox as {@link #send(Object)} does, waiting at most
     * {@code timeout} for room if the mailbox is bounded, full and its policy is BLOCK.
     *
     * @param message the message, not null
     * @param timeout the longest to wait for room
     * @return {@code false} if no room came within the timeout (the message was not taken, and is
     *     not a dead letter: the caller still has it); {@code true} otherwise, including when the
     *     actor had stopped and the message became a dead letter
     * @throws InterruptedException if the thread is interrupted while waiting for room
     * @throws MailboxFullException if the mailbox is full and its policy is FAIL
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if an argument is null
     */
    public final boolean send(M message, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(message, "message");
        return post(message, Timeouts.toNanos(timeout)) != MailboxQueue.TIMED_OUT;
    }

    /**
     * Sends {@code message} with a reply handle, and returns the future of the reply: what a
     * {@link #spawnReplying} handler returns, or what the actor passes to {@link #reply} while it
     * handles the message. A message handled without a reply is answered with {@code null} (as a
     * Python function without {@code return} returns None) when the actor takes its next message or
     * ends; one whose handling fails fails the future with that exception. If the actor was closed
     * or has stopped, or stops before taking the message, the future fails with
     * {@link ActorStoppedException} (and the message is a dead letter); it never waits forever.
     * Sending behaves as {@link #send(Object)}: never blocks on an unbounded mailbox.
     *
     * <p>The reply's type is not checked: {@code R} is whatever the caller expects the actor to
     * answer, as with a value read from a {@code Map<String, Object>}; a wrong guess is a
     * {@link ClassCastException} where the result is used.
     *
     * @param <R> the type of the reply
     * @param message the message, not null
     * @return the future of the reply, cast to what the caller expects (a wrong type fails at the caller's
     *     use of it)
     * @throws NullPointerException if {@code message} is null
     * @throws MailboxFullException if the mailbox is full and its policy is FAIL
     * @throws SendInterruptedException if interrupted while waiting for room (BLOCK)
     */
    @SuppressWarnings("unchecked")
    public final <R> WeftFuture<R> ask(M message) {
        Objects.requireNonNull(message, "message");
        SettableFuture<Object> reply = new SettableFuture<>();
        postUninterruptibly(new Asked(message, reply));
        return (WeftFuture<R>) (WeftFuture<?>) reply;
    }

    private void postUninterruptibly(Object item) {
        try {
            post(item, -1L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendInterruptedException(this + ": interrupted while waiting for room in a full mailbox", e);
        }
    }

    /** Puts an item (a message or an {@link Asked}) in the mailbox; returns TIMED_OUT or ACCEPTED. */
    private Object post(Object item, long nanos) throws InterruptedException {
        if ((state & CLOSED) != 0) {
            deadLetter(item, DeadLetter.Reason.CLOSED);
            return MailboxQueue.ACCEPTED;
        }
        Object r;
        try {
            r = queue.offer(item, nanos);
        } catch (MailboxFullException e) {
            throw new MailboxFullException(this + ": mailbox full (capacity " + queue.kind.capacity() + ", policy FAIL)");
        }
        if (r == MailboxQueue.ACCEPTED) {
            wake();
        } else if (r == MailboxQueue.REJECTED) {
            deadLetter(item, DeadLetter.Reason.CLOSED);
        } else if (r == MailboxQueue.TIMED_OUT) {
            return r;
        } else { // accepted, and r was dropped to make room
            wake();
            deadLetter(r, DeadLetter.Reason.DROPPED);
        }
        return MailboxQueue.ACCEPTED;
    }

    /** After an item was added: wakes the parked receiver, or starts a lazy actor's thread. */
    private void wake() {
        int c = consumer;
        if (c == PARKED) {
            if (CONSUMER.compareAndSet(this, PARKED, RUNNING)) {
                LockSupport.unpark(thread);
            }
        } else if (c == IDLE && (state & (STARTED | LAZY)) == (STARTED | LAZY)
                && CONSUMER.compareAndSet(this, IDLE, RUNNING)) {
            startThread();
        }
    }

    private void deadLetter(Object item, DeadLetter.Reason reason) {
        Object message = item instanceof Asked a ? a.message() : item;
        queue.kind.deadLetters().post(new DeadLetter(this, message, reason));
        if (item instanceof Asked a) {
            a.reply().setException(reason == DeadLetter.Reason.DROPPED
                    ? new MailboxFullException(this + ": the asked message " + a.message()
                            + " was dropped from the full mailbox (capacity " + queue.kind.capacity() + ", policy DROP_OLDEST)")
                    : new ActorStoppedException(this + ": the actor "
                            + (reason == DeadLetter.Reason.CLOSED ? "was closed or had stopped when " : "stopped before it took ")
                            + "the asked message " + a.message()));
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The actor's body, called on its thread when it starts (and again after each restart by its
     * supervisor, on the same object: fields keep their values). The default, the seed's, receives
     * and ignores messages until the actor is closed. A typical body loops over {@link #recv()};
     * it ends when it returns or lets {@link ActorExit} out; anything else it throws is a failure
     * for the supervisor.
     *
     * @throws Exception a failure, handed to the supervisor
     */
    protected void run() throws Exception {
        while (true) {
            recv();
        }
    }

    /**
     * Takes the next message from the mailbox, waiting as long as it takes: the seed's
     * {@code recv()}. If the message taken before was asked and has not been replied to, its reply
     * is {@code null} from now on.
     *
     * @return the message, never null
     * @throws ActorExit once every message sent before {@link #close()} has been taken (and at
     *     every later call)
     * @throws InterruptedException if the actor's thread is interrupted while waiting
     * @throws IllegalStateException if called from a thread other than the actor's own
     */
    protected final M recv() throws InterruptedException {
        return receive(-1L);
    }

    /**
     * Takes the next message as {@link #recv()} does, waiting at most {@code timeout}.
     *
     * @param timeout the longest to wait; zero only looks
     * @return the message, or {@code null} if none came within the timeout (messages are never
     *     null)
     * @throws ActorExit once every message sent before {@link #close()} has been taken
     * @throws InterruptedException if the actor's thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if called from a thread other than the actor's own
     */
    protected final M recv(Duration timeout) throws InterruptedException {
        return receive(Timeouts.toNanos(timeout));
    }

    @SuppressWarnings("unchecked")
    private M receive(long nanos) throws InterruptedException {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("recv() is for the actor's own run(), on its thread: " + this);
        }
        settleReply(null, null);
        if (exited) {
            throw new ActorExit();
        }
        Object x = take(nanos);
        if (x == null) {
            return null;
        }
        if (x == EXIT) {
            exited = true;
            throw new ActorExit();
        }
        if (x instanceof Asked a) {
            pendingReply = a.reply();
            return (M) a.message();
        }
        return (M) x;
    }

    /** Takes the next item, parking while there is none; null when {@code nanos >= 0} elapse. */
    private Object take(long nanos) throws InterruptedException {
        Object x = queue.poll();
        if (x != null || nanos == 0) {
            return x;
        }
        Thread.yield();
        if ((x = queue.poll()) != null) {
            return x;
        }
        int budget = spins;
        for (int i = 0; i < budget; i++) {
            Thread.onSpinWait();
            if ((x = queue.poll()) != null) {
                spins = Math.min(MAX_SPINS, Math.max(MIN_SPINS, budget << 1));
                return x;
            }
        }
        spins = budget >> 1;
        long deadline = nanos > 0 ? Timeouts.deadline(nanos) : 0L;
        for (;;) {
            consumer = PARKED; // a sender that adds after this sees it and unparks us
            x = queue.poll();
            if (x != null) {
                consumer = RUNNING;
                return x;
            }
            if (Thread.interrupted()) {
                consumer = RUNNING;
                throw new InterruptedException();
            }
            if (nanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    consumer = RUNNING;
                    return null;
                }
                LockSupport.parkNanos(this, left);
            }
            consumer = RUNNING;
            x = queue.poll();
            if (x != null) {
                return x;
            }
        }
    }

    // ---------------------------------------------------------------- replies

    /**
     * Answers the asked message the current actor is handling: completes the future its
     * {@link #ask} returned with {@code value}. Call it from the actor's {@code run()} or handler.
     *
     * @param value the reply, may be null
     * @return {@code true} if this completed a reply; {@code false} if the message being handled was
     *     sent, not asked, or has been answered already (or its asker cancelled the future)
     * @throws IllegalStateException if the current thread is not an actor's
     */
    public static boolean reply(Object value) {
        Actor<?> self = current();
        SettableFuture<Object> r = self.pendingReply;
        if (r == null) {
            return false;
        }
        self.pendingReply = null;
        return r.setResult(value);
    }

    /**
     * Answers the asked message the current actor is handling with a failure: the asker's
     * {@code get} throws an {@link java.util.concurrent.ExecutionException} caused by
     * {@code failure}. The actor itself does not fail.
     *
     * @param failure what the asker's {@code get} throws, wrapped in an {@code ExecutionException}
     * @return {@code true} if this completed a reply; {@code false} as for {@link #reply}
     * @throws IllegalStateException if the current thread is not an actor's
     * @throws NullPointerException if {@code failure} is null
     */
    public static boolean replyException(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        Actor<?> self = current();
        SettableFuture<Object> r = self.pendingReply;
        if (r == null) {
            return false;
        }
        self.pendingReply = null;
        return r.setException(failure);
    }

    private static Actor<?> current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("not on an actor's thread: reply is for an actor handling an asked message");
        }
        return CURRENT.get();
    }

    /** Completes a pending reply with {@code value}, or fails it with {@code failure}. */
    private void settleReply(Object value, Throwable failure) {
        SettableFuture<Object> r = pendingReply;
        if (r != null) {
            pendingReply = null;
            if (failure == null) {
                r.setResult(value);
            } else {
                r.setException(failure);
            }
        }
    }

    // ---------------------------------------------------------------- the actor's thread

    private void bootstrap() {
        ScopedValue.where(CURRENT, this).run(this::live);
    }

    private void live() {
        Throwable ended = null;
        ActorFailure escalated = null;
        try {
            for (;;) {
                Throwable thrown = null;
                try {
                    run();
                } catch (ActorExit normalEnd) {
                    // the end after close(), as the seed's _bootstrap
                } catch (Throwable t) {
                    thrown = t;
                }
                settleReply(null, thrown);
                if (thrown == null) {
                    break;
                }
                Thread.interrupted(); // an interrupt that ended this run does not carry into the next
                long now = System.nanoTime();
                ActorFailure f = new ActorFailure(this, thrown, restartLog == null ? 0 : restartLog.within(now, supervisor));
                Supervisor.Directive d = supervisor.decide(f);
                if (d == Supervisor.Directive.RESTART) {
                    if (restartAllowed(now)) {
                        continue;
                    }
                    d = Supervisor.Directive.ESCALATE;
                }
                ended = thrown;
                if (d == Supervisor.Directive.ESCALATE) {
                    escalated = f;
                }
                break;
            }
        } finally {
            terminate(ended, escalated);
        }
    }

    private boolean restartAllowed(long now) {
        int max = supervisor.maxRestarts();
        if (max == 0) {
            return false;
        }
        if (restartLog == null) {
            restartLog = new RestartLog(max);
        }
        return restartLog.tryRecord(now, supervisor.withinNanos());
    }

    /** Stops for good: refuse new messages, dead-letter the rest, report, release joiners. */
    private void terminate(Throwable ended, ActorFailure escalated) {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s | CLOSED | STOPPED)) {
                break;
            }
        }
        failure = ended;
        List<Object> left = queue.close();
        for (Object x : left) {
            if (x != EXIT) {
                deadLetter(x, DeadLetter.Reason.STOPPED);
            }
        }
        if (escalated != null) {
            supervisor.escalate(escalated);
        } else if (ended != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> this + " stopped by its supervisor after " + ended);
        }
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s | TERMINATED)) {
                break;
            }
        }
        CountDownLatch latch = joinLatch;
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * Describes the actor: its class's simple name (or "Actor" for a spawned one), its identity
     * hash, and its state: {@code PrintActor@1b6d3586[alive]}; states are {@code new},
     * {@code alive}, {@code closed} (alive, closed), {@code stopping} and {@code terminated}.
     */
    @Override
    public String toString() {
        int s = state;
        String st = (s & TERMINATED) != 0 ? "terminated"
                : (s & STOPPED) != 0 ? "stopping"
                : (s & STARTED) == 0 ? "new"
                : (s & CLOSED) != 0 ? "closed" : "alive";
        String name = this instanceof FunctionalActor ? "Actor" : getClass().getSimpleName();
        if (name.isEmpty()) {
            name = "Actor";
        }
        return name + "@" + Integer.toHexString(System.identityHashCode(this)) + "[" + st + "]";
    }

    /** Times of the recent restarts, a ring of {@code maxRestarts} entries. */
    private static final class RestartLog {
        final long[] times;
        long count;

        RestartLog(int max) {
            times = new long[max];
        }

        /** How many restarts fall within the supervisor's window before {@code now}. */
        int within(long now, Supervisor sup) {
            int n = (int) Math.min(count, times.length);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (now - times[i] < sup.withinNanos()) {
                    k++;
                }
            }
            return k;
        }

        boolean tryRecord(long now, long window) {
            int slot = (int) (count % times.length);
            if (count >= times.length && now - times[slot] < window) {
                return false; // the oldest of the last max restarts is still inside the window
            }
            times[slot] = now;
            count++;
            return true;
        }
    }

    /** An actor made by {@code spawn}: calls its handler per message; starts its thread lazily. */
    private static final class FunctionalActor<M> extends Actor<M> {
        private final ThrowingFunction<? super M, ?> handler;

        FunctionalActor(Mailbox mailbox, ThrowingFunction<? super M, ?> handler) {
            super(mailbox, true);
            this.handler = handler;
        }

        @Override
        protected void run() throws Exception {
            while (true) {
                M m = recv();
                Object r = handler.apply(m);
                ((Actor<M>) this).settleReply(r, null);
            }
        }
    }
}
