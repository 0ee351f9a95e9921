package dev.weft.process.internal.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A serializable {@link Runnable} as a task with a fixed result. Not API. */
public record RunnableCall<T>(Runnable task, T result) implements Callable<T>, Serializable {
    @Override
    public T call() {
        task.run();
        return result;
    }
}
