/**
 * Seed 004: Effective Python, items 36 "Use subprocess to Manage Child Processes", 37 "Use Threads
 * for Blocking I/O, Avoid for Parallelism" and 38 "Use Lock to Prevent Data Races in Threads".
 *
 * <p>The timing lines are printed as the book prints them; what they show differs on the JVM,
 * which has no global interpreter lock: threads speed up the CPU-bound factorization too. The same
 * factorization in worker processes ({@link dev.weft.examples.effective.FactorizeWithProcesses})
 * is how the book's CPython would use several cores.
 */
package dev.weft.examples.effective;
