package dev.weft.function;

import java.io.Serializable;

/**
 * An action on one argument that may throw: a Python callable {@code f(a)} whose result is not
 * used, such as an initializer.
 *
 * @param <A> the type of the argument
 */
@FunctionalInterface
public interface ThrowingConsumer<A> extends Serializable {
    /**
     * Runs the action on {@code argument}.
     *
     * @param argument the argument
     * @throws Exception whatever the action throws
     */
    void accept(A argument) throws Exception;
}
