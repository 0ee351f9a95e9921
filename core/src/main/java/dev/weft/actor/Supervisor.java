package dev.weft.actor;

import dev.weft.internal.Timeouts;
import dev.weft.pubsub.Subscriber;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What happens when an actor fails, that is, when its {@code run()} (or handler) throws anything
 * but {@link ActorExit}: a strategy given to {@link Actor#start(Supervisor)} or {@code spawn}.
 *
 * <p>The supervisor's decider looks at the {@link ActorFailure} and returns a {@link Directive}:
 * <ul>
 *   <li>{@link Directive#RESTART}: {@code run()} is called again, on the same actor object, the same
 *       virtual thread and the same mailbox, so the messages waiting in it are not lost (the one
 *       being handled when it failed is not handled again). At most {@link #maxRestarts()} restarts
 *       are allowed within any {@link #within()} window; the failure that would need one more stops
 *       the actor and is escalated.</li>
 *   <li>{@link Directive#STOP}: the actor stops; the failure is its {@link Actor#failure()}, and the
 *       messages left in its mailbox become dead letters.</li>
 *   <li>{@link Directive#ESCALATE}: the actor stops as for STOP, and the failure is sent to this
 *       supervisor's parent: any {@link Subscriber} of {@link ActorFailure}, typically a parent
 *       actor that handles it as a message (and may fail in turn, taking the failure to its own
 *       supervisor). Without a parent the failure is logged ({@code System.Logger}
 *       "dev.weft.actor", ERROR), as an uncaught exception of a thread is printed.</li>
 * </ul>
 *
 * <pre>{@code
 * Supervisor sup = Supervisor.restarting(3, Duration.ofSeconds(1))        // then stop and escalate
 *         .deciding(f -> f.cause() instanceof IllegalArgumentException
 *                 ? Directive.RESTART : Directive.ESCALATE)
 *         .escalatingTo(parent);                                        // parent: an Actor<ActorFailure>
 * new Worker().start(sup);
 * }</pre>
 *
 * <p>The decider runs on the failed actor's thread, before the actor restarts or stops (so
 * {@link Actor#join()} returns only after the decision and any escalation); it should be quick.
 * If it throws, that exception is added to the failure as suppressed and the failure is escalated.
 * Immutable and thread-safe: one supervisor may supervise many actors, each with restart counts of
 * its own.
 */
public final class Supervisor {
    private static final System.Logger LOG = System.getLogger("dev.weft.actor");

    /** What a supervisor does with a failure. */
    public enum Directive {
        /** Run the actor again on its mailbox, within the restart limit. */
        RESTART,
        /** Stop the actor; its failure stays visible in {@link Actor#failure()}. */
        STOP,
        /** Stop the actor and send the failure to the parent (or log it at the top). */
        ESCALATE
    }

    /** The restart limit of supervisors made without one: 3. */
    public static final int DEFAULT_MAX_RESTARTS = 3;
    /** The window of the default restart limit: 1 second. */
    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(1);

    /** The parent of a supervisor that has none: logs the failure. */
    private static final Subscriber<ActorFailure> TOP =
            f -> LOG.log(System.Logger.Level.ERROR, "actor failure escalated to the top: " + f, f.cause());

    private static final Supervisor ESCALATING =
            new Supervisor(f -> Directive.ESCALATE, DEFAULT_MAX_RESTARTS, DEFAULT_WITHIN, TOP);

    private final Function<? super ActorFailure, Directive> decider;
    private final int maxRestarts;
    private final Duration within;
    private final long withinNanos;
    private final Subscriber<? super ActorFailure> parent;

    private Supervisor(Function<? super ActorFailure, Directive> decider, int maxRestarts, Duration within,
            Subscriber<? super ActorFailure> parent) {
        this.decider = decider;
        this.maxRestarts = maxRestarts;
        this.within = within;
        this.withinNanos = Timeouts.toNanos(within);
        this.parent = parent;
    }

    /**
     * Restarts a failed actor, at most {@code maxRestarts} times within any window of
     * {@code within}; the failure beyond that stops it and is escalated (logged, unless a parent
     * is set with {@link #escalatingTo}).
     *
     * @param maxRestarts restarts allowed per window; 0 never restarts
     * @param within the window
     * @return the supervisor
     * @throws IllegalArgumentException if {@code maxRestarts} or {@code within} is negative
     * @throws NullPointerException if {@code within} is null
     */
    public static Supervisor restarting(int maxRestarts, Duration within) {
        return ESCALATING.deciding(f -> Directive.RESTART).withRestartLimit(maxRestarts, within);
    }

    /**
     * Restarts a failed actor, at most {@value #DEFAULT_MAX_RESTARTS} times within 1 second.
     *
     * @return the supervisor
     */
    public static Supervisor restarting() {
        return ESCALATING.deciding(f -> Directive.RESTART);
    }

    /**
     * Stops a failed actor without escalating: the failure is only its {@link Actor#failure()}.
     *
     * @return the supervisor
     */
    public static Supervisor stopping() {
        return ESCALATING.deciding(f -> Directive.STOP);
    }

    /**
     * Stops a failed actor and logs the failure: what an actor started without a supervisor gets.
     * With {@link #escalatingTo}, sends it to a parent instead.
     *
     * @return the supervisor
     */
    public static Supervisor escalating() {
        return ESCALATING;
    }

    /**
     * {@return this supervisor with another decider}
     *
     * @param decider chooses the directive for each failure; must not return null (a null counts as
     *     ESCALATE)
     * @throws NullPointerException if {@code decider} is null
     */
    public Supervisor deciding(Function<? super ActorFailure, Directive> decider) {
        return new Supervisor(Objects.requireNonNull(decider, "decider"), maxRestarts, within, parent);
    }

    /**
     * {@return this supervisor with another restart limit}
     *
     * @param maxRestarts restarts allowed per window; 0 never restarts
     * @param within the length of the window
     * @throws IllegalArgumentException if {@code maxRestarts} or {@code within} is negative
     * @throws NullPointerException if {@code within} is null
     */
    public Supervisor withRestartLimit(int maxRestarts, Duration within) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
        Timeouts.toNanos(within);
        return new Supervisor(decider, maxRestarts, within, parent);
    }

    /**
     * {@return this supervisor, escalating to {@code parent}: a failure it escalates is sent there with
     * {@code parent.send(failure)} (a parent actor gets it in its mailbox; a parent that has stopped turns it
     * into a dead letter, so it is still not lost)}
     *
     * @param parent where escalated failures are sent, such as the parent actor
     * @throws NullPointerException if {@code parent} is null
     */
    public Supervisor escalatingTo(Subscriber<? super ActorFailure> parent) {
        return new Supervisor(decider, maxRestarts, within, Objects.requireNonNull(parent, "parent"));
    }

    /** {@return restarts allowed within one {@link #within()} window} */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** {@return the window of the restart limit} */
    public Duration within() {
        return within;
    }

    long withinNanos() {
        return withinNanos;
    }

    /** The decider's directive; a decider that throws or returns null escalates. */
    Directive decide(ActorFailure failure) {
        try {
            Directive d = decider.apply(failure);
            return d == null ? Directive.ESCALATE : d;
        } catch (Throwable t) {
            if (t != failure.cause()) {
                failure.cause().addSuppressed(t);
            }
            return Directive.ESCALATE;
        }
    }

    /** Sends an escalated failure to the parent; what the parent throws is logged with it. */
    void escalate(ActorFailure failure) {
        try {
            parent.send(failure);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "escalating " + failure + " failed: " + t, failure.cause());
        }
    }

    @Override
    public String toString() {
        return "Supervisor[maxRestarts=" + maxRestarts + ", within=" + within
                + (parent == TOP ? ", top]" : ", parent=" + parent + "]");
    }
}
