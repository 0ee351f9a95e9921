/**
 * Seed 003: Python Programming by Example (2015), chapter 11 "Concurrency", its threading and
 * queue programs ch11_01 to ch11_05; ch11_06, a process stopped through a pipe; and ch11_08 and
 * ch11_09, parallel tasks on a {@link dev.weft.futures.ThreadPoolExecutor} and on a
 * {@link dev.weft.process.ProcessPoolExecutor}. (ch11_07, on {@code multiprocessing.Value}, belongs
 * to a later issue.)
 *
 * <p>ch11_01 to ch11_06 wait for "Press Enter to stop...": their {@code run} methods take the
 * {@link java.io.BufferedReader} to read that Enter from, so a test can press it. The prompt is
 * printed as a line of its own (Python's {@code input(prompt)} leaves the cursor after it, where
 * the worker threads' lines would run into it).
 */
package dev.weft.examples.byexample;
