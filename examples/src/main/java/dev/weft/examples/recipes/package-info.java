/**
 * Seed 000: a recipes book, chapter 10 "Concurrency", the threading recipes 10-1 to 10-3, the
 * subprocess recipe (the book's second 10-7, Listing 10-9) and the scheduler recipe 10-8 (Listing
 * 10-10), and the multiprocessing recipes 10-4 to 10-6 (Listings 10-4 to 10-8): a process, a pipe,
 * a queue and a pool.
 */
package dev.weft.examples.recipes;
