/**
 * Python's {@code queue} module on the JVM: {@link dev.weft.queue.WorkQueue}, one
 * {@link java.util.concurrent.BlockingQueue} with FIFO, LIFO and priority orders, Python's
 * {@code task_done}/{@code join} accounting and 3.13's {@code shutdown}; and
 * {@link dev.weft.queue.Queues#select}, waiting on several queues at once.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code Queue(maxsize)}, {@code LifoQueue}, {@code PriorityQueue}</td>
 *       <td>{@code WorkQueue.fifo(maxsize)}, {@code lifo}, {@code priority}</td></tr>
 *   <tr><td>{@code put}, {@code put_nowait}, {@code get}, {@code get_nowait}</td>
 *       <td>{@code put}, {@code putNowait}, {@code get}, {@code getNowait}</td></tr>
 *   <tr><td>{@code task_done}, {@code join}, {@code shutdown(immediate)}</td>
 *       <td>{@code taskDone}, {@code join}, {@code shutdown(immediate)}</td></tr>
 *   <tr><td>{@code queue.Empty}, {@code Full}, {@code ShutDown}</td>
 *       <td>{@link dev.weft.queue.QueueEmptyException}, {@link dev.weft.queue.QueueFullException},
 *       {@link dev.weft.queue.QueueShutDownException}</td></tr>
 * </table>
 */
package dev.weft.queue;
