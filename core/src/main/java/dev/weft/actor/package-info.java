/**
 * The Python Cookbook's actors (12.10, "Defining an Actor Task") as a small actor runtime on
 * virtual threads: {@link dev.weft.actor.Actor}, its {@link dev.weft.actor.Mailbox},
 * {@link dev.weft.actor.Supervisor} and {@link dev.weft.actor.DeadLetters}. Cheap enough for
 * millions of actors, and no message is lost silently.
 *
 * <h2>How a message flows</h2>
 * <pre>
 *  send(m) / ask(m) ─┬─ closed or stopped? ──────────────────────────────────────────┐
 *                    v                                                                │
 *              [ mailbox ]  unbounded: lock-free linked queue, send never blocks      │
 *                    │      bounded, full: BLOCK waits / FAIL throws / DROP_OLDEST ───┤
 *                    │ wake: unpark the actor's thread (or start it, for spawn)       │
 *                    v                                                                │
 *   the actor's virtual thread: run() ── recv() ── m ──&gt; handle it, reply(r) to an ask  │
 *                    │  close(): recv() throws ActorExit after the earlier messages  │
 *                    │  run() throws ──&gt; Supervisor: RESTART run() on the same mailbox│
 *                    │                     (at most maxRestarts within a window)     │
 *                    │                   STOP / ESCALATE (to a parent, or the log)   │
 *                    v                                                                │
 *               stopped: what is left in the mailbox ──────────────────────────────&gt; DeadLetters
 *                                                       (counted, recent ones kept, subscribers;
 *                                                        an asked message's future fails)
 * </pre>
 * A receiving actor with an empty mailbox yields its carrier once and spins briefly before it
 * parks, so that messages between busy actors rarely go through a park and a wake-up.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Cookbook</th><th>Weft</th></tr>
 *   <tr><td>{@code class Actor}, {@code run}, {@code send}, {@code recv}, {@code close},
 *       {@code start}, {@code join}</td>
 *       <td>{@link dev.weft.actor.Actor}, {@code run}, {@code send}, {@code recv}, {@code close},
 *       {@code start}, {@code join}; and {@code recv(timeout)}, {@code join(timeout)},
 *       {@code isAlive}, {@code failure}</td></tr>
 *   <tr><td>{@code ActorExit}</td><td>{@link dev.weft.actor.ActorExit}</td></tr>
 *   <tr><td>{@code Queue()} mailbox; {@code queue.Full}</td>
 *       <td>{@link dev.weft.actor.Mailbox}, {@link dev.weft.actor.Overflow};
 *       {@link dev.weft.actor.MailboxFullException}</td></tr>
 *   <tr><td>a function as an actor</td>
 *       <td>{@link dev.weft.actor.Actor#spawn}, {@link dev.weft.actor.Actor#spawnReplying}</td></tr>
 *   <tr><td>(none) request and reply</td>
 *       <td>{@link dev.weft.actor.Actor#ask}, {@link dev.weft.actor.Actor#reply}</td></tr>
 *   <tr><td>(none) supervision</td>
 *       <td>{@link dev.weft.actor.Supervisor}, {@link dev.weft.actor.ActorFailure}</td></tr>
 *   <tr><td>(none) undeliverable messages</td>
 *       <td>{@link dev.weft.actor.DeadLetters}, {@link dev.weft.actor.DeadLetter}</td></tr>
 * </table>
 *
 * <p>An actor is a {@link dev.weft.pubsub.Subscriber}, so an exchange can deliver to it: the
 * exchange's {@code send} puts the message in the actor's mailbox and returns.
 */
package dev.weft.actor;
