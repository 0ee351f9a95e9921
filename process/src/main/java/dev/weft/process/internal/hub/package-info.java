/**
 * The hub: how one JVM serves its shared objects (process queues, pipe ends, later the Manager's
 * objects) to other processes, and how those processes call them. Not API.
 *
 * <h2>A remote call</h2>
 * <pre>
 *  process B (holds a handle)                         process A (owns the object)
 *  ─────────────────────────                          ────────────────────────────
 *  queue.get()                                        Hub: socket hub.sock in A's 0700 directory
 *   └ QueueBackend.Remote                                  │ accept thread → handshake (≤ 10 s)
 *      └ HubClient (one per owner hub, shared)             │
 *          │ REQUEST id=7 obj=3 op=GET ──────────────────▶ Peer reader thread (in order)
 *          │   (written by the caller itself, or by the     └ QueueObject.handle(call)
 *          │    writer thread behind queued posts)
 *          │                                                   ├ quick op: reply now
 *          │                                                   └ may wait: Call.async → virtual thread
 *          │                                                        └ WorkQueue.take()
 *          │ ◀──────────────────────────── REPLY id=7 OK, item bytes
 *          │   (read by the waiting caller itself for a quick op, else by the reader thread;
 *          │    A's reader reads on for 50 µs before it sleeps: Link explains)
 *   decode with B's codec and allowlist
 *
 *  B's thread interrupted while waiting:  CANCEL id=7 ──▶ interrupts that virtual thread
 *                                         ◀── REPLY id=7 CANCELLED (nothing taken), or OK + item
 *                                             (it had been taken: B returns it, interrupt set)
 * </pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.weft.process.internal.hub.Hub}: the server, its key, the registry of exported
 *       {@link dev.weft.process.internal.hub.HubObject}s, and transfer tokens.</li>
 *   <li>{@link dev.weft.process.internal.hub.Peer} and {@link dev.weft.process.internal.hub.Call}:
 *       one client connection on the owner's side, and one request on it.</li>
 *   <li>{@link dev.weft.process.internal.hub.HubClient}: the caller's side: request ids, waiting,
 *       cancelling, pipelined posts, and the owner-gone failure.</li>
 *   <li>{@link dev.weft.process.internal.hub.RemoteRef}: what a shared object is encoded as; its
 *       {@code readResolve} makes the receiving process's handle
 *       ({@link dev.weft.process.internal.hub.Kinds}).</li>
 *   <li>{@link dev.weft.process.internal.hub.QueueObject} and
 *       {@link dev.weft.process.internal.hub.PipeState}: the owner's state of a queue and a pipe.</li>
 * </ul>
 * The frames are those of {@link dev.weft.process.internal.wire}; their layouts are in
 * {@code Protocol}. Bodies (queue items, pipe messages) are encoded by the sender and decoded by the
 * receiver; the owner passes them through without decoding, so the receiving process's allowlist
 * alone decides what gets instantiated, and a hostile peer cannot make the owner instantiate
 * anything.
 *
 * <h2>Failures</h2>
 * A connection that fails the handshake, or whose bytes are not well-formed frames afterwards (an
 * oversized length prefix, a truncated frame, an unknown frame type, a request shorter than its
 * header), is closed; the hub and its other connections carry on. A call that a well-formed frame
 * asks for and the object cannot do fails alone, with a reply that names why. When a client's
 * connection closes (its process exited or died), its waiting calls are cancelled and what it held
 * (pipe-end holders) is let go; a queue item got for it as it left goes back on the queue (at its
 * end) rather than into a dead socket. When the owner's connection is lost, every waiting and later call of
 * the client throws {@link dev.weft.process.ObjectUnavailableException}.
 *
 * <h2>Lifetimes</h2>
 * An object is registered when it is first encoded for another process and stays registered while
 * its hub is open. A pipe end counts its holders across processes, including copies in transit,
 * which expire after {@link dev.weft.process.internal.hub.Hub#DEFAULT_TRANSFER_GRACE} if never
 * claimed.
 */
package dev.weft.process.internal.hub;
