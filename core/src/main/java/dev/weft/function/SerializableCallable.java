package dev.weft.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that is {@link Serializable}, so a lambda written where one is expected can be
 * sent to another process. An executor that offers {@code submit(SerializableCallable)} beside
 * {@code submit(Callable)} gets it chosen for plain lambdas (it is the more specific type).
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {}
