/**
 * Python's {@code threading} synchronizers on the JVM: what {@code java.util.concurrent} lacks or
 * names differently.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code Thread(target=f)}, daemon, {@code join(timeout)}</td>
 *       <td>{@code java.lang.Thread} ({@code Thread.ofPlatform()}, {@code ofVirtual()})</td></tr>
 *   <tr><td>{@code Lock}, {@code RLock}, {@code with lock:}</td>
 *       <td>{@code ReentrantLock} or {@link dev.weft.sync.NamedLock}, with
 *       {@link dev.weft.sync.Locks#hold(java.util.concurrent.locks.Lock)}</td></tr>
 *   <tr><td>the Cookbook's {@code acquire(*locks)}</td>
 *       <td>{@link dev.weft.sync.Locks#acquireAll}, {@link dev.weft.sync.LockOrderViolationException},
 *       and the {@link dev.weft.sync.LockOrderRecorder} that finds potential deadlocks</td></tr>
 *   <tr><td>{@code Semaphore}, {@code BoundedSemaphore}</td>
 *       <td>{@code java.util.concurrent.Semaphore}, {@link dev.weft.sync.BoundedSemaphore}</td></tr>
 *   <tr><td>{@code Event}</td><td>{@link dev.weft.sync.Event}</td></tr>
 *   <tr><td>{@code Condition}, {@code wait_for}</td>
 *       <td>the JDK's {@code Condition} and {@link dev.weft.sync.Conditions#waitFor}</td></tr>
 *   <tr><td>{@code Barrier}</td><td>{@link dev.weft.sync.Barrier}</td></tr>
 *   <tr><td>{@code Timer}, the Cookbook's {@code PeriodicTimer}</td>
 *       <td>{@link dev.weft.sync.Timer}, {@link dev.weft.sync.PeriodicTimer}</td></tr>
 *   <tr><td>{@code threading.local}</td><td>{@code ThreadLocal}, {@code ScopedValue}</td></tr>
 * </table>
 *
 * <p>Conventions of every blocking method here: timeouts are {@link java.time.Duration}s, and a
 * negative one is an {@link java.lang.IllegalArgumentException}; an interrupt is reported as
 * {@link java.lang.InterruptedException} and leaves nothing half-acquired; a method that says it
 * waits "at most" a timeout returns {@code false} when it elapses.
 */
package dev.weft.sync;
