/**
 * Seed 003: Python Programming by Example (2015), chapter 11 "Concurrency", its threading and
 * queue programs ch11_01 to ch11_05. (ch11_06 to ch11_09, on processes and executors, belong to
 * later issues.)
 *
 * <p>These programs wait for "Press Enter to stop...": their {@code run} methods take the
 * {@link java.io.BufferedReader} to read that Enter from, so a test can press it. The prompt is
 * printed as a line of its own (Python's {@code input(prompt)} leaves the cursor after it, where
 * the worker threads' lines would run into it).
 */
package dev.weft.examples.byexample;
