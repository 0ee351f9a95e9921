package dev.weft.futures;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** A function bound to its arguments, as a serializable task, so a process pool can send it. */
final class Calls {
    private Calls() {}

    /**
     * {@code fn(argument)}.
     *
     * @param <A> the type of the argument
     * @param <R> the type of the result
     * @param fn the function
     * @param argument its argument
     */
    record Apply1<A, R>(ThrowingFunction<? super A, ? extends R> fn, A argument)
            implements Callable<R>, Serializable {
        @Override
        public R call() throws Exception {
            return fn.apply(argument);
        }
    }

    /**
     * {@code fn(first, second)}.
     *
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <R> the type of the result
     * @param fn the function
     * @param first its first argument
     * @param second its second argument
     */
    record Apply2<A, B, R>(ThrowingBiFunction<? super A, ? super B, ? extends R> fn, A first, B second)
            implements Callable<R>, Serializable {
        @Override
        public R call() throws Exception {
            return fn.apply(first, second);
        }
    }
}
