/**
 * Python's {@code queue} module on the JVM: {@link dev.weft.queue.WorkQueue}, one
 * {@link java.util.concurrent.BlockingQueue} with FIFO, LIFO and priority orders, Python's
 * {@code task_done}/{@code join} accounting and 3.13's {@code shutdown}; and
 * {@link dev.weft.queue.Queues#select}, waiting on several queues at once.
 *
 * <h2>How an item flows</h2>
 * <pre>
 *  put(e) ──&gt; [ claim a slot ] ──&gt; [ publish ] ──&gt; get() ──&gt; taskDone() ──&gt; join() returns
 *     │  full: park (putters)     │ a get parked?          │ empty: park (takers)
 *     │  shut down: ShutDown      │ wake one               │ shut down and empty: ShutDown
 *     └─ select() watchers are woken by every publish ────────────────────────────────┘
 * </pre>
 * A bounded FIFO queue claims and publishes lock-free (a ring of sequenced slots, see
 * {@code RingWorkQueue}); the others do both under one lock ({@code LockedWorkQueue}). Items got
 * are counted as {@code head - dropped}, so {@code taskDone()} costs one compare-and-set and
 * {@code join()} waits on a condition that only the {@code taskDone()} finishing the last task, or
 * an operation that drops items, signals. Every failure is one named exception:
 * {@link dev.weft.queue.QueueFullException}, {@link dev.weft.queue.QueueEmptyException},
 * {@link dev.weft.queue.QueueShutDownException}.
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
