/**
 * Python's {@code concurrent.futures} on the JVM: {@link dev.weft.futures.WeftExecutor} (an
 * {@link java.util.concurrent.ExecutorService} with Python's {@code submit}, {@code map} and
 * {@code shutdown}), the {@link dev.weft.futures.ThreadPoolExecutor}, the
 * {@link dev.weft.futures.WeftFuture} it returns, and {@link dev.weft.futures.Futures#wait} and
 * {@link dev.weft.futures.Futures#asCompleted}.
 *
 * <h2>How a task flows through a thread pool</h2>
 * <pre>
 *  submit(fn) ──&gt; TaskFuture ──&gt; an idle worker waiting? ──yes──&gt; handed over directly
 *                                      │ no
 *                                      v
 *                          LinkedTransferQueue ──&gt; fewer than maxWorkers? start one
 *                                      │
 *            worker: initializer (once) ──&gt; take ──&gt; run ──&gt; setResult / setException
 *                                                                 │
 *            waiters woken, then done callbacks in order added &lt;───┘
 *            (Futures.wait and asCompleted listen through removable callbacks)
 *
 *  shutdown:  refuse new tasks ──&gt; workers drain the queue, then leave ──&gt; terminated
 *  cancelFutures / shutdownNow: queued tasks taken out and cancelled (shutdownNow also interrupts)
 *  initializer throws: BrokenExecutorException for every queued task and every later submit
 * </pre>
 * Every way a task can end is visible in its future, and every way the executor can refuse one
 * is a {@link java.util.concurrent.RejectedExecutionException} ({@link
 * dev.weft.futures.BrokenExecutorException} when it broke). Iterators that wait ({@link
 * dev.weft.futures.MapResults}, {@link dev.weft.futures.AsCompleted}) cannot throw checked
 * exceptions, so they throw {@link java.util.concurrent.CompletionException} for a task's failure,
 * {@link dev.weft.futures.UncheckedTimeoutException} for a timeout and
 * {@link java.util.concurrent.CancellationException} for a cancellation or an interrupt.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code Executor}</td><td>{@link dev.weft.futures.WeftExecutor}</td></tr>
 *   <tr><td>{@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, initargs)}</td>
 *       <td>{@link dev.weft.futures.ThreadPoolExecutor}, its
 *       {@link dev.weft.futures.ThreadPoolExecutor.Builder}</td></tr>
 *   <tr><td>{@code Future}</td><td>{@link dev.weft.futures.WeftFuture},
 *       {@link dev.weft.futures.SettableFuture}</td></tr>
 *   <tr><td>{@code wait(fs, timeout, return_when)}, {@code FIRST_COMPLETED}, ...</td>
 *       <td>{@link dev.weft.futures.Futures#wait}, {@link dev.weft.futures.ReturnWhen}</td></tr>
 *   <tr><td>{@code as_completed(fs, timeout)}</td>
 *       <td>{@link dev.weft.futures.Futures#asCompleted}</td></tr>
 *   <tr><td>{@code CancelledError}, {@code TimeoutError}, {@code BrokenExecutor}</td>
 *       <td>{@link java.util.concurrent.CancellationException},
 *       {@link java.util.concurrent.TimeoutException}, {@link dev.weft.futures.BrokenExecutorException}</td></tr>
 * </table>
 */
package dev.weft.futures;
