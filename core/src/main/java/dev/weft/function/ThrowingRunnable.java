package dev.weft.function;

import java.io.Serializable;

/** An action that takes no argument, returns nothing, and may throw: a Python callable {@code f()}. */
@FunctionalInterface
public interface ThrowingRunnable extends Serializable {
    /**
     * Runs the action.
     *
     * @throws Exception whatever the action throws
     */
    void run() throws Exception;
}
