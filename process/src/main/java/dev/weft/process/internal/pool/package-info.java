/**
 * The engine under {@code Pool} and {@code ProcessPoolExecutor}: worker slots, the task queue,
 * dispatch windows, and the death, retry, timeout, recycling and breaking rules described in
 * {@link dev.weft.process}'s package documentation. Not API.
 */
package dev.weft.process.internal.pool;
