package dev.weft.function;

import java.io.Serializable;

/**
 * A function of one argument that may throw: a Python callable {@code f(a)}.
 *
 * @param <A> the type of the argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface ThrowingFunction<A, R> extends Serializable {
    /**
     * Applies the function to {@code argument}.
     *
     * @param argument the argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A argument) throws Exception;
}
