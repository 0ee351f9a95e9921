package dev.weft.process.internal.worker;

import java.util.List;

/**
 * What a worker is told when a pool (or a {@code Process}) takes it: its name, what its decoder
 * may instantiate beyond the defaults, and the initializer to run first. Not API.
 *
 * @param name the worker's name, as {@code currentProcess().name()} reports it
 * @param allowedClasses binary names of extra allowed classes
 * @param allowedPackages extra allowed packages
 * @param initializer a {@code ThrowingRunnable}, or a {@code ThrowingConsumer} applied to
 *     {@code initArgument}, or null
 * @param initArgument the initializer's argument
 * @param parentPid the parent's pid
 * @param parentName the parent's name
 */
public record Configure(String name, List<String> allowedClasses, List<String> allowedPackages, Object initializer,
        Object initArgument, long parentPid, String parentName) {}
