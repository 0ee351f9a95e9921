package dev.weft.process.internal.worker;

/**
 * Run as a {@code Process}: the target and how the process names itself. Not API.
 *
 * @param target a {@code ThrowingRunnable}
 * @param daemon whether the process is a daemon
 */
public record RunProcess(Object target, boolean daemon) {}
