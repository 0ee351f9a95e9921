/**
 * Python's {@code sched} module on the JVM: {@link dev.weft.sched.Scheduler}, a queue of events
 * that a thread runs as they fall due, in real time or in the simulated time of a
 * {@link dev.weft.sched.VirtualClock}.
 *
 * <h2>How an event flows</h2>
 * <pre>
 *  enter(delay, prio, action) ── time = time() + delay ─┐
 *  enterabs(time, prio, action) ─────────────────────────┴─&gt; queue ordered by
 *  cancel(event) ──── remove ───────────────────────────────&gt; (time, priority, sequence)
 *      a new first event, or cancelling the first one, wakes a waiting run() (real time)
 *
 *  run(blocking) ─&gt; lock ─┬ queue empty ──────────────────────────────&gt; return
 *       ▲                 ├ first due ── pop it, unlock ─&gt; action(arguments), delayfunc(0)
 *       │                 ├ not due, non-blocking ────────────────────&gt; return the delay
 *       │                 └ not due, blocking ── condition.awaitNanos (real time), or
 *       │                                        unlock, delayfunc(time - now)
 *       └──────────────── after the action or the wait: look again ──────────┘
 * </pre>
 * ({@code delayfunc} is the delay function of a scheduler made with one; a real-time scheduler
 * has none.)
 *
 * <h2>Threads</h2>
 * Any thread may enter, cancel and look at the queue at any time, including an action while it
 * runs. {@code run()} takes the due event off the queue under the scheduler's lock and calls its
 * action outside the lock, in the calling thread; so an action may use the scheduler, a slow
 * action does not hold up threads that enter events, and when several threads call
 * {@code run()} each event still runs exactly once. A real-time scheduler
 * ({@code new Scheduler()}) waits on a condition of its lock, so a waiting {@code run()} reacts
 * at once to an earlier event or to the cancellation of the event it waits for; a scheduler with
 * its own time and delay functions waits by calling the delay function, as Python does. An
 * interrupt stops a waiting {@code run()} with {@link java.lang.InterruptedException} and leaves
 * the queue as it was; an action's exception leaves {@code run()} unchanged, and the events not
 * yet run stay queued.
 *
 * <table>
 *   <caption>Python to Weft</caption>
 *   <tr><th>Python</th><th>Weft</th></tr>
 *   <tr><td>{@code sched.scheduler()}, {@code scheduler(timefunc, delayfunc)}</td>
 *       <td>{@code new Scheduler()}, {@code new Scheduler(timefunc, delayfunc)} (times in
 *       nanoseconds; {@code new Scheduler(clock::time, clock::delay)} for virtual time)</td></tr>
 *   <tr><td>{@code enter(delay, priority, action, argument=(...))}</td>
 *       <td>{@code enter(Duration, priority, Runnable)}, or a {@code Consumer} and one argument,
 *       or a {@code BiConsumer} and two</td></tr>
 *   <tr><td>{@code enterabs(time, ...)}, {@code timefunc()}</td>
 *       <td>{@code enterabs(long, ...)}, {@code time()}</td></tr>
 *   <tr><td>{@code cancel(event)}, {@code ValueError}</td>
 *       <td>{@code cancel(event)}, {@link java.lang.IllegalArgumentException}</td></tr>
 *   <tr><td>{@code empty()}, {@code queue}</td><td>{@code empty()}, {@code queue()}</td></tr>
 *   <tr><td>{@code run(blocking=True)}, {@code run(False)} returning the next deadline or None</td>
 *       <td>{@code run()}, {@code run(false)} returning an {@code Optional<Duration>}</td></tr>
 *   <tr><td>{@code Event(time, priority, sequence, action, argument, kwargs)}</td>
 *       <td>{@link dev.weft.sched.Scheduler.Event}</td></tr>
 * </table>
 */
package dev.weft.sched;
