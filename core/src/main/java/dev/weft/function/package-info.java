/**
 * The function types Weft's executors, pools and schedulers take: Python callables, which may
 * raise anything, as Java functional interfaces whose method may throw any exception.
 *
 * <p>Each type is {@link java.io.Serializable}, so a lambda written for a thread pool can be sent
 * unchanged to a process pool or a cluster member, provided what it captures is serializable too.
 * A serializable lambda costs nothing more to create or call than another; only a lambda that is
 * actually serialized pays for it. Where a task is run, an exception it throws is captured in its
 * future (see {@link dev.weft.futures.WeftFuture}), never lost.
 */
package dev.weft.function;
