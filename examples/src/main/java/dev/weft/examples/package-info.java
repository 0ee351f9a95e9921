/**
 * Every threading, queue, scheduler, subprocess and multiprocessing listing of the seed chapters,
 * ported to Java 25 and Weft: one class per listing, named after what it does, each with a {@code main} and a
 * {@code run} method that takes the {@link java.io.PrintStream} to print to (and, for the "Press
 * Enter to stop" listings, the {@link java.io.BufferedReader} to read Enter from).
 * {@code docs/examples.md} maps each listing to its class.
 *
 * <ul>
 *   <li>{@link dev.weft.examples.recipes}: seed 000, a recipes book, ch. 10 "Concurrency";
 *   <li>{@link dev.weft.examples.notes}: seed 001, the notes "Concurrency in Python";
 *   <li>{@link dev.weft.examples.cookbook}: seed 002, Python Cookbook, ch. 12 "Concurrency";
 *   <li>{@link dev.weft.examples.byexample}: seed 003, Python Programming by Example, ch. 11;
 *   <li>{@link dev.weft.examples.effective}: seed 004, Effective Python, items 36 to 38.
 * </ul>
 *
 * <p>Where a seed sleeps for seconds between prints, the port sleeps for a few tens of
 * milliseconds, in a named constant whose comment gives the seed's value.
 */
package dev.weft.examples;
