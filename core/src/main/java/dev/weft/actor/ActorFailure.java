package dev.weft.actor;

import java.util.Objects;

/**
 * An actor's {@code run()} (or handler) threw: what a {@link Supervisor} decides on and what it
 * escalates.
 *
 * @param actor the actor that failed
 * @param cause what it threw (anything but {@link ActorExit})
 * @param restarts how many times its supervisor had restarted it before this failure, in the
 *     restart window that was current then (so {@code restarts == maxRestarts} on the failure that
 *     exceeds the limit)
 */
public record ActorFailure(Actor<?> actor, Throwable cause, int restarts) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code actor} or {@code cause} is null
     */
    public ActorFailure {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(cause, "cause");
    }

    /** Describes the failure: {@code "Worker@1b2c[stopped] failed after 3 restarts: java.lang...: msg"}. */
    @Override
    public String toString() {
        return actor + " failed" + (restarts == 0 ? "" : " after " + restarts + (restarts == 1 ? " restart" : " restarts"))
                + ": " + cause;
    }
}
