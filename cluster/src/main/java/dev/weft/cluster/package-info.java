/**
 * Weft beyond one machine: the same pool, executor, queue, exchange and dict on a Hazelcast
 * cluster (open-source edition), with one change of constructor. Start from {@link
 * dev.weft.cluster.Cluster}.
 *
 * <h2>How a task flows</h2>
 * <pre>
 *  ClusterPool.map / imap / applyAsync,  ClusterExecutor.submit
 *        |  cut into chunks (Python's chunk size over the workers' threads)
 *        v
 *  Dispatcher: pending chunks ──► the worker member with the fewest in flight
 *        |                        (at most 2 per worker thread)
 *        |  IExecutorService.submitToMember(ChunkTask)      ── Java serialization,
 *        v                                                     allowlisted packages only
 *  worker member (weft worker --join): runs fn over the chunk
 *        |  Outcome(value | the task's exception)
 *        v
 *  the chunk's future ──► MapResult puts it in place ──► map returns the list in order
 *
 *  a member leaves mid-chunk ──► Hazelcast fails the call (MemberLeftException)
 *        ──► the chunk goes back to the front of pending ──► another member runs it
 *        (after Cluster.Builder.taskAttempts such tries: MemberLeftException for that task)
 * </pre>
 *
 * <p>Every result arrives exactly once (the one answer a chunk gets completes its future); a task
 * may run more than once. The shared structures ({@link dev.weft.cluster.ClusterQueue},
 * {@link dev.weft.cluster.ClusterDict}, {@link dev.weft.cluster.ClusterExchange},
 * {@link dev.weft.cluster.ClusterLock}, {@link dev.weft.cluster.ClusterSemaphore}) each say what
 * consistency they give; in the open-source edition none is consensus-based (CP).
 *
 * <p><b>Anyone who can join a cluster can run code on it.</b> Members bind to loopback unless told
 * otherwise; keep them on a trusted network.
 */
package dev.weft.cluster;
