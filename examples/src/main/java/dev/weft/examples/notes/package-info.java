/**
 * Seed 001: the notes "Concurrency in Python", their threading part: locks, semaphores, events,
 * queues and the two ways of creating threads; and their executor part, "Abstracting Concurrency
 * Mechanisms", which has no listings of its own: the executor's {@code map} and {@code with}
 * block, the future's methods, and {@code wait()} and {@code as_completed()}, on
 * {@link dev.weft.futures}; and their multiprocessing part, on {@link dev.weft.process}: the
 * {@code Process} API, pools, a pipe, a queue, and the executor interface on a
 * {@code ProcessPoolExecutor}. (Their shared state, {@code Value}, {@code Array} and
 * {@code Manager}, and their asyncio part belong to later issues.)
 */
package dev.weft.examples.notes;
