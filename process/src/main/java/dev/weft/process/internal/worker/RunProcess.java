package dev.weft.process.internal.worker;

import dev.weft.function.ThrowingRunnable;

/**
 * Run as a {@code Process}: the target and how the process names itself. Not API.
 *
 * @param target a {@code ThrowingRunnable}
 * @param daemon whether the process is a daemon
 */
public record RunProcess(Object target, boolean daemon) {
    /**
     * {@return a target that does nothing, for a worker's rehearsal of a process's path: a lambda
     * of this class, which every worker's allowlist allows}
     */
    static ThrowingRunnable nothing() {
        return () -> { };
    }
}
