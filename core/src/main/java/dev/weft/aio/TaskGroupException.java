package dev.weft.aio;

import java.util.List;

/**
 * What a {@link TaskGroup} throws when tasks of the group (or its body) failed: Python's
 * {@code ExceptionGroup}. {@link #exceptions()} lists every failure in the order they happened;
 * each is also {@linkplain #getSuppressed() suppressed} by this exception, so stack traces show
 * them all.
 */
public final class TaskGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failures of the group's tasks, in the order they happened. */
    private final List<Throwable> exceptions;

    TaskGroupException(List<Throwable> exceptions) {
        super(exceptions.size() + (exceptions.size() == 1 ? " task" : " tasks") + " of a TaskGroup failed: "
                + exceptions.getFirst(), exceptions.getFirst());
        this.exceptions = List.copyOf(exceptions);
        exceptions.forEach(this::addSuppressed);
    }

    /** {@return the failures, first to last} */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
