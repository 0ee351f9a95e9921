/**
 * Seed 000: a recipes book, chapter 10 "Concurrency", the threading recipes 10-1 to 10-3.
 * (Its process, pipe, pool, subprocess and scheduler recipes, Listings 10-4 to 10-10, belong to
 * later issues.)
 */
package dev.weft.examples.recipes;
