/**
 * Python's {@code asyncio} for Java: an {@link dev.weft.aio.EventLoop event loop} that runs many
 * {@link dev.weft.aio.Task tasks}, exactly one at a time, switching only at await points, with the
 * tasks written as plain sequential Java.
 *
 * <pre>{@code
 * String page = Aio.run(() -> {                              // asyncio.run(main())
 *     Task<String> a = Aio.createTask(() -> fetch("a"));     // asyncio.create_task(fetch("a"))
 *     Task<String> b = Aio.createTask(() -> fetch("b"));
 *     Aio.sleep(Duration.ofMillis(10));                      // await asyncio.sleep(0.01)
 *     return Aio.await(a) + Aio.await(b);                    // await a, await b
 * });
 * }</pre>
 *
 * <h2>How the loop is handed from task to task</h2>
 *
 * <pre>
 *   callSoon / callLater / createTask          callSoonThreadsafe, done callbacks of
 *   (by the holder of the loop)                futures completed on other threads
 *            |                                            |
 *            v                                            v
 *     ready queue  &lt;-- due timers (heap) &lt;--------   inbox (lock-free)
 *            |           taken in at the start of each iteration
 *            v
 *   the holder pops the next entry:
 *     - a callback ({@link dev.weft.aio.Handle})  -&gt; runs it on its own thread, then goes on
 *     - a task's next step                         -&gt; sets holder = that task's virtual thread,
 *                                                     unparks it, and parks itself until the loop
 *                                                     is handed back to it
 *     - nothing ready                              -&gt; waits (parks) for the next timer or a
 *                                                     hand-over from another thread
 * </pre>
 *
 * <p>There is no loop thread. The loop is a baton: whichever thread holds it (the thread in
 * {@link dev.weft.aio.EventLoop#runForever() runForever}, or the virtual thread of the task that
 * just reached an await point) runs the loop's code until it hands the loop to the next task. A
 * task at an await point (a sleep, a wait for a future, a lock, an event, a queue, stream I/O)
 * registers what will wake it, then runs the loop itself until its own step comes up again or it
 * has handed the loop on; so one task step costs one unpark and one park, and a callback scheduled
 * by a task runs on that task's thread with no switch at all. Every hand-over is a write of the
 * volatile holder field read by the next holder, so what one step wrote is visible to the next.
 *
 * <p>{@link dev.weft.aio.Aio#blocking Aio.blocking} is the exception that keeps the loop free:
 * the task hands the loop on without asking to be resumed, runs the blocking call on its own
 * virtual thread beside the loop, then asks through the inbox to be resumed and parks until it
 * holds the loop again. The runner thread takes the loop when no one else can (a task left for
 * blocking code with nothing ready), and gets it back for good when the loop stops.
 *
 * <h2>Failures and cancellation</h2>
 *
 * <ul>
 *   <li>A task's exception completes its future; whoever awaits it gets it (unchecked ones as they
 *       are, checked ones in a {@link java.util.concurrent.CompletionException}). One never
 *       retrieved is reported to the loop's exception handler when the loop closes.
 *   <li>{@link dev.weft.aio.Task#cancel() Task.cancel} is a request, delivered as
 *       {@link java.util.concurrent.CancellationException} at the task's current or next await
 *       point; the future it waits for is cancelled with it; {@code finally} blocks run. A
 *       {@link dev.weft.aio.TaskGroup} cancels the siblings of a failing task and collects every
 *       failure in a {@link dev.weft.aio.TaskGroupException}.
 *   <li>{@link java.util.concurrent.CancellationException} extends
 *       {@link IllegalStateException}: a {@code catch (IllegalStateException e)} around an await
 *       point also catches cancellations, so catch the narrower exception or rethrow.
 *   <li>An exception thrown by a callback is reported, and the loop goes on.
 *   <li>{@link dev.weft.aio.EventLoop#close() close} ends every pending task (each gets a
 *       cancellation at its await point and its {@code finally} blocks run), so no task thread is
 *       left parked.
 *   <li>Await points called from anything but a task of a running loop throw
 *       {@link IllegalStateException} naming the call.
 * </ul>
 *
 * <h2>Not thread-safe, by design</h2>
 *
 * <p>As in asyncio, the synchronizers and queues of this package ({@link dev.weft.aio.Lock},
 * {@link dev.weft.aio.Event}, {@link dev.weft.aio.Semaphore}, {@link dev.weft.aio.Condition},
 * {@link dev.weft.aio.Barrier}, {@link dev.weft.aio.Queue}) need no locking because only the holder
 * of the loop touches them; they check that the caller holds a running loop. Other threads hand
 * work to the loop with {@link dev.weft.aio.EventLoop#callSoonThreadsafe callSoonThreadsafe}.
 */
package dev.weft.aio;
