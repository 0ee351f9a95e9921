/**
 * Seed 001: the notes "Concurrency in Python", their threading part: locks, semaphores, events,
 * queues and the two ways of creating threads. (Their multiprocessing, executor and asyncio parts
 * belong to later issues.)
 */
package dev.weft.examples.notes;
