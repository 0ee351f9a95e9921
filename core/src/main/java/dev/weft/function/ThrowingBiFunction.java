package dev.weft.function;

import java.io.Serializable;

/**
 * A function of two arguments that may throw: a Python callable {@code f(a, b)}.
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface ThrowingBiFunction<A, B, R> extends Serializable {
    /**
     * Applies the function to {@code first} and {@code second}.
     *
     * @param first the first argument
     * @param second the second argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A first, B second) throws Exception;
}
