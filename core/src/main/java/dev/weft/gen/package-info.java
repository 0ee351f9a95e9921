/**
 * Python's generators on the JVM: {@link dev.weft.gen.Generator}, a body of sequential code that
 * yields values and is resumed with {@code next}, {@code send}, {@code throwInto} and {@code close};
 * and the Cookbook's schedulers that use generators as tasks, {@link dev.weft.gen.TaskScheduler}
 * and {@link dev.weft.gen.ActorScheduler}.
 *
 * <h2>How a generator runs</h2>
 * <pre>
 *  caller thread                                   body's virtual thread (started at the first next)
 *  ─────────────                                   ──────────────────────
 *  next() / send(v) / throwInto(e) / close()
 *    claim: CREATED|SUSPENDED → RUNNING  (else "generator already executing")
 *    request, bodyTurn = true, unpark ───────────&gt; y.yield(...) returns v, or throws e / GeneratorExit
 *    park while bodyTurn                              ... the body runs ...
 *                                                   y.yield(w): response, bodyTurn = false, unpark
 *    returns w  &lt;───────────────────────────────── park while !bodyTurn
 *    state = SUSPENDED
 *                                                   (or the body returns r / throws x: the thread ends)
 *    throws StopIteration(r) / x; state = CLOSED
 *
 *  the Generator object unreachable while SUSPENDED ─ Cleaner ─&gt; close without waiting: GeneratorExit
 * </pre>
 * Exactly one of the two threads runs at a time, and each hand-off is a happens-before edge, so a
 * body can use its caller's objects without locks, as a Python generator does.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code def gen(): ... yield x ...}, {@code g = gen()}</td>
 *       <td>{@code Generator.of(y -> { ... y.yield(x); ... })}</td></tr>
 *   <tr><td>{@code return value} in a generator</td>
 *       <td>{@code Generator.returning(y -> { ...; return value; })}</td></tr>
 *   <tr><td>{@code received = yield x}, {@code yield}</td>
 *       <td>{@code S received = y.yield(x)}, {@code y.yield()}</td></tr>
 *   <tr><td>{@code result = yield from sub}</td><td>{@code Object result = y.yieldFrom(sub)}</td></tr>
 *   <tr><td>{@code next(g)}, {@code g.send(v)}, {@code g.throw(e)}, {@code g.close()}</td>
 *       <td>{@code g.next()}, {@code g.send(v)}, {@code g.throwInto(e)}, {@code g.close()}</td></tr>
 *   <tr><td>{@code for x in g:}</td><td>{@code for (Y x : g)}</td></tr>
 *   <tr><td>{@code StopIteration}, {@code e.value}</td>
 *       <td>{@link dev.weft.gen.StopIteration} (a {@code NoSuchElementException}),
 *       {@code e.value()}, {@code g.returnValue()}</td></tr>
 *   <tr><td>{@code GeneratorExit}</td><td>{@link dev.weft.gen.GeneratorExit} (an {@code Error},
 *       as Python's is a {@code BaseException})</td></tr>
 *   <tr><td>{@code inspect.getgeneratorstate(g)}</td>
 *       <td>{@code g.state()}, a {@link dev.weft.gen.GeneratorState}</td></tr>
 *   <tr><td>{@code ValueError}/{@code RuntimeError}/{@code TypeError} of misuse</td>
 *       <td>{@code IllegalStateException}, with Python's message</td></tr>
 *   <tr><td>a generator garbage-collected while suspended</td>
 *       <td>closed by a {@code Cleaner}: the body sees {@code GeneratorExit}</td></tr>
 *   <tr><td>the Cookbook's {@code TaskScheduler}, {@code new_task}, {@code run},
 *       {@code _task_queue}</td>
 *       <td>{@link dev.weft.gen.TaskScheduler}, {@code newTask}, {@code run}, {@code taskQueue()}</td></tr>
 *   <tr><td>the Cookbook's {@code ActorScheduler}, {@code new_actor}, {@code send}, {@code run}</td>
 *       <td>{@link dev.weft.gen.ActorScheduler}, {@code newActor}, {@code send}, {@code run}</td></tr>
 * </table>
 *
 * <p>What differs from Python, and why: Java's {@code yield} is a contextual keyword, so yielding is
 * a method of the {@link dev.weft.gen.Yielder} the body receives; {@code throw} is a keyword, hence
 * {@code throwInto}; a checked exception escaping a body reaches the caller wrapped in
 * {@link dev.weft.gen.GeneratorFailedException}, as do a {@code StopIteration} escaping it (PEP
 * 479) and nothing else; and a body that returns a value is made with {@code returning}, since one
 * factory method cannot tell an endless {@code void} body from one that returns a value.
 */
package dev.weft.gen;
