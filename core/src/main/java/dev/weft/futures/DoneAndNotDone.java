package dev.weft.futures;

import java.util.Set;
import java.util.concurrent.Future;

/**
 * What {@link Futures#wait} found: Python's {@code DoneAndNotDoneFutures}. Both sets are
 * immutable, iterate in the order of the futures given, and hold each future once.
 *
 * @param done the futures that were done when {@code wait} returned
 * @param notDone the futures that were not
 * @param <F> the type of the futures
 */
public record DoneAndNotDone<F extends Future<?>>(Set<F> done, Set<F> notDone) {
    /** Copies both sets. */
    public DoneAndNotDone {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        notDone = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(notDone));
    }
}
