/**
 * Publish/subscribe messaging: the Python Cookbook's {@code Exchange} (12.11, "Implementing
 * Publish/Subscribe Messaging"). A sender hands a message to an {@link dev.weft.pubsub.Exchange},
 * which passes it on to every {@link dev.weft.pubsub.Subscriber} attached to it, so senders and
 * receivers need not know each other.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code class Exchange}, {@code Exchange()}</td>
 *       <td>{@link dev.weft.pubsub.Exchange}, {@code new Exchange<M>()}</td></tr>
 *   <tr><td>{@code get_exchange(name)}</td><td>{@link dev.weft.pubsub.Exchange#named}</td></tr>
 *   <tr><td>{@code exc.attach(task)}, {@code exc.detach(task)}</td>
 *       <td>{@link dev.weft.pubsub.Exchange#attach}, {@link dev.weft.pubsub.Exchange#detach}</td></tr>
 *   <tr><td>{@code exc.send(msg)}</td><td>{@link dev.weft.pubsub.Exchange#send}</td></tr>
 *   <tr><td>any object with a {@code send(msg)} method (a task, an actor)</td>
 *       <td>{@link dev.weft.pubsub.Subscriber} (a lambda, an actor, an exchange)</td></tr>
 *   <tr><td>{@code with exc.subscribe(task_a, task_b):}</td>
 *       <td>{@code try (Subscription s = exc.subscribe(taskA, taskB))}, a
 *       {@link dev.weft.pubsub.Subscription}</td></tr>
 *   <tr><td>{@code KeyError} from {@code detach}</td>
 *       <td>{@link dev.weft.pubsub.SubscriberNotAttachedException}</td></tr>
 *   <tr><td>an exception from a subscriber (ends the {@code send})</td>
 *       <td>reported to {@link dev.weft.pubsub.Exchange#setErrorHandler the error handler}
 *       (default: a logged warning) and counted; the others still get the message</td></tr>
 * </table>
 *
 * <p>Delivery is synchronous, on the sender's thread, in attach order; attaching and detaching are
 * safe while other threads send. Subscribers that should work on their own threads are actors
 * ({@code dev.weft.actor}), whose {@code send} only puts the message in a mailbox.
 */
package dev.weft.pubsub;
