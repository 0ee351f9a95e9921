/**
 * Seed 002: Python Cookbook, chapter 12 "Concurrency", its threading, queue and thread-pool
 * recipes: starting and stopping threads, events, the periodic timer, queues (sentinels,
 * acknowledgements), locking, deadlock avoidance, thread-local state, the thread pool of
 * {@code concurrent.futures} (on {@link dev.weft.futures.ThreadPoolExecutor}), its process pool
 * (on {@link dev.weft.process.ProcessPoolExecutor}), polling several queues, generators as an
 * alternative to threads (on {@link dev.weft.gen.TaskScheduler} and
 * {@link dev.weft.gen.ActorScheduler}), actors (on {@link dev.weft.actor.Actor}, with a
 * supervised one beyond the recipe), and publish/subscribe (on {@link dev.weft.pubsub.Exchange}).
 */
package dev.weft.examples.cookbook;
