/**
 * Seed 001: the notes "Concurrency in Python", their threading part: locks, semaphores, events,
 * queues and the two ways of creating threads; and their executor part, "Abstracting Concurrency
 * Mechanisms", which has no listings of its own: the executor's {@code map} and {@code with}
 * block, the future's methods, and {@code wait()} and {@code as_completed()}, on
 * {@link dev.weft.futures}. (Their multiprocessing and asyncio parts belong to later issues.)
 */
package dev.weft.examples.notes;
