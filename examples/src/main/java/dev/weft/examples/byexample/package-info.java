/**
 * Seed 003: Python Programming by Example (2015), chapter 11 "Concurrency", its threading and
 * queue programs ch11_01 to ch11_05, and ch11_08, parallel tasks on a
 * {@link dev.weft.futures.ThreadPoolExecutor}. (ch11_06, ch11_07 and ch11_09, on processes and
 * the process pool, belong to later issues.)
 *
 * <p>ch11_01 to ch11_05 wait for "Press Enter to stop...": their {@code run} methods take the
 * {@link java.io.BufferedReader} to read that Enter from, so a test can press it. The prompt is
 * printed as a line of its own (Python's {@code input(prompt)} leaves the cursor after it, where
 * the worker threads' lines would run into it).
 */
package dev.weft.examples.byexample;
