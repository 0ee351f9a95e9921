/**
 * Python's {@code multiprocessing} for Java: child JVMs ({@link dev.weft.process.Process}), pools
 * of them ({@link dev.weft.process.Pool}, {@link dev.weft.process.ProcessPoolExecutor}), the ways
 * they share state, and the errors that name what went wrong.
 *
 * <h2>Sharing state</h2>
 * <ul>
 *   <li>Messages: process {@link dev.weft.process.Queue}s and {@link dev.weft.process.Pipe}s, served
 *       by the process that made them; {@link dev.weft.process.Listener} and
 *       {@link dev.weft.process.Client} for direct, authenticated connections.
 *   <li>Shared memory, on one machine: {@link dev.weft.process.SharedValue},
 *       {@link dev.weft.process.SharedArray}, and the process-wide {@link dev.weft.process.ProcessLock},
 *       {@link dev.weft.process.ProcessRLock} (robust: a dead owner's lock is taken over and the taker
 *       told), {@link dev.weft.process.ProcessSemaphore}, {@link dev.weft.process.ProcessEvent},
 *       {@link dev.weft.process.ProcessCondition} and {@link dev.weft.process.ProcessBarrier}. The
 *       fastest way to share numbers (see {@code dev.weft.process.internal.shm}).
 *   <li>A server of objects: {@link dev.weft.process.Manager}, whose proxies ({@code DictProxy},
 *       {@code ListProxy}, {@code Namespace}, {@code ValueProxy}, queues, {@code LockProxy}...) reach
 *       it from any process, on this machine or another (see
 *       {@code dev.weft.process.internal.manager} for how a call flows).
 * </ul>
 *
 * <h2>How work flows through a pool</h2>
 * <pre>
 *  caller threads                 parent JVM                               worker JVMs
 *  ──────────────                 ──────────                               ───────────
 *  map / apply / submit
 *        │ encode fn once,
 *        │ encode each argument
 *        ▼
 *   ┌────────────┐  dispatch (under the engine lock, a window of tasks per worker:
 *   │ task queue │  2 for slow tasks, up to 64 for tiny ones)
 *   └─────┬──────┘
 *         │ FUNCTION (once per worker) + TASK frames, batched        ┌──────────────────────┐
 *         ├─────────────── Unix-domain socket ─────────────────────▶ │ reader → command     │
 *         │                (private 0700 dir, HMAC handshake)        │ queue → main thread  │
 *         │                                                          │ runs tasks in order  │
 *         │ ◀────────── RESULT / FAILURE frames, batched ─────────── │ (initializer first)  │
 *   ┌─────┴──────┐                                                   └──────────────────────┘
 *   │ reader     │ decode (allowlist) → complete the future → refill the window; flush once
 *   │ per worker │ the results that arrived together are handled (one write, not one per task)
 *   │            │ socket end → reap → settle in-flight tasks → start a replacement
 *   └────────────┘
 *  stdin of each worker: the key, then held open; its end-of-file (the parent died, even by
 *  SIGKILL) makes the worker halt.  stdout/stderr of each worker: forwarded line by line.
 * </pre>
 *
 * <h2>When a worker dies</h2>
 * A worker runs its tasks one at a time, in the order sent, so the oldest task in flight is the one
 * running. When the socket ends the parent reaps the process and:
 * <ul>
 *   <li>the running task fails with {@link dev.weft.process.WorkerDiedException} naming the signal
 *       or exit status (after an {@code OutOfMemoryError} the worker says so before halting), or is
 *       sent again if the pool has {@code retries} left; a task past the pool's task timeout fails
 *       with {@link java.util.concurrent.TimeoutException}, a task cancelled with
 *       {@code cancel(true)} is cancelled;
 *   <li>the tasks queued behind it never started, so they go back to the front of the queue;
 *   <li>a replacement starts. Workers that die before serving (start-up or initializer failures)
 *       are counted: after {@code max(3, processes)} in a row the pool is broken
 *       ({@link dev.weft.process.BrokenPoolException}) and every task not done fails with it.
 * </ul>
 *
 * <h2>Values</h2>
 * Functions, arguments and results are copied through Weft's codec; a map's function goes to each
 * worker once. A map reads a random-access input list as it is, encoding each chunk from a view
 * before it returns; a chunk whose results are all {@code Integer}s comes back as an {@code int[]},
 * and a map whose chunks all do returns them unboxed in an {@code IntList}. What a receiver may instantiate is limited by an allowlist (the JDK's value types,
 * the packages of the functions submitted, what the pool's builder allows). Exceptions travel as
 * plain descriptions and are rebuilt as their own type when their class is a JDK class or allowed,
 * else as {@link dev.weft.process.RemoteTaskException}.
 *
 * <h2>Processes</h2>
 * A {@link dev.weft.process.Process} is a worker that runs one task and exits with its status. With
 * {@link dev.weft.process.ChildJvm#keepWarm} a started, connected JVM waits ready, having run a
 * first task's decoding path once before it connected, so a start costs a message instead of a JVM
 * start-up.
 */
package dev.weft.process;
