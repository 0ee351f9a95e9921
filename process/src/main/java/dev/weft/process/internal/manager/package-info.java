/**
 * The manager's server: the objects a {@link dev.weft.process.Manager} keeps for other processes,
 * served by a {@link dev.weft.process.internal.hub.Hub} at the manager's address. Not API.
 *
 * <h2>How a call flows</h2>
 * <pre>
 *  any process (a proxy)                                  the server (a child JVM, or threads here)
 *  ─────────────────────                                  ─────────────────────────────────────────
 *  Manager.start() ─ Process("weft-manager") ───────────▶ ManagerServer.start(settings)
 *        ◀──────────── address, pid (through a Pipe) ───── Hub at the address, key = SHA-256(authkey)
 *  manager.dict()                                          │ accept → handshake (mutual HMAC) ≤ 10 s
 *   └ REQUEST obj=0 op=CREATE "Manager.dict" ────────────▶ object 0: ManagerServer.create
 *        ◀──────────────────────────── REPLY id=7 ──────── hub.export(new DictObject()) → 7
 *  DictProxy(ref: address, key, pid, 7, "Manager.dict")
 *  d.put(k, v)   encode k, v here (codec)
 *   └ HubClient (one per server per process) ─ REQUEST obj=7 op=PUT [k][v] ─▶ Peer reader thread
 *        (caller spins ≤ 40 µs, then parks)                 └ DictObject.handle: map.put(bytes k, bytes v)
 *        ◀──────────────── REPLY: old value's bytes ─────── written at once by the reader thread
 *  decode the old value here (this process's allowlist)
 *
 *  lock.acquire() ─ REQUEST obj=9 op=ACQUIRE arg1=timeout arg2=thread id ─▶ free: taken now, reply
 *                                                          held: Call.async → a virtual thread waits
 *  the caller is interrupted ─ CANCEL ──────────────────▶ that thread is interrupted; reply CANCELLED
 *  the caller's process dies ─ (connection closes) ─────▶ its calls are cancelled, its locks released
 * </pre>
 *
 * <h2>What the server decodes</h2>
 * Nothing of what it keeps: dict keys and values, list items, namespace attributes, values and queue
 * items stay encoded, compared byte for byte ({@link dev.weft.process.internal.manager.Bytes}), and
 * are decoded only by the process that gets them. So a hostile client cannot make the server
 * instantiate anything, and the server needs none of its clients' classes. The exception is the
 * registered types ({@link dev.weft.process.internal.manager.CustomObject}): their calls'
 * arguments are decoded in the server, with its allowlist.
 *
 * <h2>Failures</h2>
 * As the hub's: a connection that fails the handshake or sends anything but well-formed frames is
 * closed alone; a call the object cannot do fails alone (a malformed body, an index out of range,
 * an unknown op), with a reply that names why. A client that goes away has its waiting calls
 * cancelled and the manager locks its threads held released
 * ({@link dev.weft.process.internal.manager.LockObject}); a condition wait or barrier wait it was
 * in ends as an interrupted one (a barrier breaks, as in Python). When the server goes, every
 * proxy's connection closes and every call throws
 * {@link dev.weft.process.ManagerUnavailableException}.
 */
package dev.weft.process.internal.manager;
