/**
 * Seed 002: Python Cookbook, chapter 12 "Concurrency", its threading and queue recipes: starting
 * and stopping threads, events, the periodic timer, queues (sentinels, acknowledgements),
 * locking, deadlock avoidance, thread-local state, and polling several queues. (Its thread and
 * process pools, actors, publish/subscribe and generator recipes belong to later issues.)
 */
package dev.weft.examples.cookbook;
