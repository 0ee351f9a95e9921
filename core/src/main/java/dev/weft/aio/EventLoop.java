package dev.weft.aio;

import dev.weft.futures.SettableFuture;
import dev.weft.futures.WeftFuture;
import dev.weft.subprocess.Signal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Python's asyncio event loop: runs callbacks and {@link Task tasks}, exactly one at a time, until
 * it is stopped. See the package documentation for how the loop is handed from task to task.
 *
 * <pre>{@code
 * try (EventLoop loop = new EventLoop()) {
 *     loop.callLater(Duration.ofMillis(100), () -> System.out.println("later"));
 *     loop.callSoon(() -> System.out.println("soon"));
 *     String r = loop.runUntilComplete(() -> { Aio.sleep(Duration.ofMillis(200)); return "done"; });
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> The thread that calls {@link #runForever()} or {@link #runUntilComplete} is the
 * loop's <em>runner</em> while it runs; callbacks run on whichever thread holds the loop at the
 * time (the runner, or the thread of the task that just reached an await point), never two at
 * once. Methods that change the loop's queues ({@link #callSoon}, {@link #callLater},
 * {@link #callAt}, {@link #createTask}) may be called only by the loop's holder (a callback or
 * task of this loop) or, while the loop is not running, by the thread that will run it; other
 * threads use {@link #callSoonThreadsafe}, and {@link #stop()} and {@link Task#cancel()} hand
 * themselves over the same way. Each of these writes happens-before the callback or task step
 * it schedules.
 *
 * <p><b>Iterations.</b> As in CPython, each iteration first takes in the callbacks handed over by
 * other threads and the timers that are due, then runs the callbacks and task steps that were
 * ready when it began; what they schedule runs in the next iteration. {@link #stop()} ends the
 * loop after the current iteration. A loop with nothing ready waits, without spinning, for its
 * next timer or a hand-over from another thread.
 *
 * <p><b>Debug mode</b> ({@link #setDebug}) reports, through the exception handler, every callback
 * or task step that held the loop longer than {@link #setSlowCallbackDuration} (100 ms by default).
 * In every mode, a task whose exception nobody retrieved is reported when the loop closes, an
 * exception thrown by a callback is reported and the loop goes on, and an await called from a
 * thread that is not running a task of a loop throws {@link IllegalStateException}.
 */
public final class EventLoop implements AutoCloseable {
    private static final long ORIGIN = System.nanoTime();
    private static final AtomicInteger TASK_NUMBERS = new AtomicInteger();
    /**
     * The loops running now. A thread finds the loop it holds (and so its task) by looking for
     * itself as their holder: with the usual one or two loops that is cheaper than a thread-local,
     * and costs no memory per task.
     */
    private static volatile EventLoop[] running = new EventLoop[0];

    // Owned by the holder of the loop; hand-overs (volatile writes of holder) order every access.
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    /** The tasks not done, oldest first: an intrusive list through {@link Task#prev}/{@link Task#next}. */
    private Task<?> firstLive;
    private Task<?> lastLive;
    private int liveCount;
    /** The task whose step runs now, or null while a callback or the runner holds the loop. */
    Task<?> currentTask;
    private final List<Task<?>> failedTasks = new ArrayList<>();
    private long timerSequence;
    /** Timers cancelled (by the holder) while in the heap; see {@link #timerCancelled()}. */
    private int cancelledTimers;
    /** Callbacks and task steps left in the current iteration. */
    private int iterationLeft;
    /** Whether an iteration has begun since runForever was called: stop() waits for one. */
    private boolean iterationBegun;
    private boolean stopping;
    private boolean closing;
    /** Set while a callback runs, so that the thread running it is not taken for its task. */
    boolean inCallback;
    private long stepStart;
    private Object stepSource;

    /** Hand-overs from other threads, taken in at the start of each iteration. */
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    /** The thread allowed to run loop code; every hand-over writes it. */
    private volatile Thread holder;
    /** The holder while it waits for timers or hand-overs; woken by {@link #callSoonThreadsafe}. */
    private volatile Thread idleWaiter;
    /** The thread in runForever, or null. */
    private volatile Thread runner;
    /** Set by the holder that hands the loop back to the runner to end runForever. */
    private volatile boolean runnerMustReturn;
    private volatile boolean closed;

    private volatile boolean debug;
    private volatile long slowNanos = Duration.ofMillis(100).toNanos();
    private volatile Consumer<ExceptionContext> exceptionHandler;
    private ExecutorService defaultExecutor;
    private final Map<Signal, Object> previousSignalHandlers = new EnumMap<>(Signal.class);

    /**
     * What a loop reports to its exception handler: Python's {@code context} dictionary.
     *
     * @param message what happened
     * @param exception the exception, or null if the report has none (a slow callback)
     * @param source the task, future or callback concerned, or null
     */
    public record ExceptionContext(String message, Throwable exception, Object source) {}

    /** The carrier of the tasks' virtual threads, or null for the JDK's shared scheduler. */
    private final LoopCarrier carrier;
    /** Builds the tasks' threads; used only by the holder. */
    private final Thread.Builder.OfVirtual taskThreads;

    /**
     * Creates a loop that is neither running nor closed, whose tasks are virtual threads of the
     * JDK's shared scheduler.
     */
    public EventLoop() {
        this(null);
    }

    private EventLoop(LoopCarrier carrier) {
        this.carrier = carrier;
        this.taskThreads = carrier != null ? carrier.threads() : LoopCarrier.sharedThreads();
    }

    /**
     * Creates a loop whose tasks run on a platform thread of its own, their carrier, instead of the
     * JDK's shared scheduler: a step from one task to the next is then several times cheaper (see
     * {@code docs/performance.md}), because it does not go through the shared scheduler, which
     * wakes another carrier to take each unparked task. Python's loop is one thread too.
     *
     * <p>What changes: a virtual thread started by one of the loop's tasks with the JDK's default
     * builder runs on the loop's carrier too (virtual threads inherit their creator's scheduler),
     * so it competes with the loop for that one thread; start such work with {@link Aio#toThread}
     * or {@link EventLoop#runInExecutor}, which use the shared scheduler. {@link Aio#blocking} runs
     * its call on a shared-scheduler virtual thread while the task waits. The carrier thread ends
     * when the loop is closed: close it.
     *
     * @return the new loop
     * @throws UnsupportedOperationException if the JVM does not let Weft build virtual threads with
     *     a scheduler of its own: start it with {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     *     (see {@link #ownCarrierAvailable()})
     */
    public static EventLoop withOwnCarrier() {
        return new EventLoop(new LoopCarrier());
    }

    /** {@return whether {@link #withOwnCarrier()} can make a loop in this JVM} */
    public static boolean ownCarrierAvailable() {
        return LoopCarrier.AVAILABLE;
    }

    /** {@return whether this loop's tasks run on a carrier thread of its own ({@link #withOwnCarrier()})} */
    public boolean hasOwnCarrier() {
        return carrier != null;
    }

    // ------------------------------------------------------------------------------ time

    /** {@return the loop's clock, in seconds, monotonic: Python's {@code loop.time()}} */
    public double time() {
        return seconds(System.nanoTime());
    }

    static double seconds(long nanoTime) {
        return (nanoTime - ORIGIN) / 1e9;
    }

    // ------------------------------------------------------------------------------ scheduling

    /**
     * Schedules {@code callback} to run in the loop's next iteration, after the callbacks
     * scheduled before it: Python's {@code call_soon}.
     *
     * @param callback what to run
     * @return a handle that cancels the callback
     * @throws IllegalStateException if the loop is closed, or the caller neither holds the loop
     *     nor may prepare it (see the class comment)
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkOwner("callSoon");
        Handle h = new Handle(callback);
        ready.add(h);
        return h;
    }

    /**
     * Schedules {@code callback} from any thread: Python's {@code call_soon_threadsafe}. It runs
     * in the iteration that starts after this call, waking the loop if it waits. If the loop is
     * not running, it runs when the loop next runs.
     *
     * @param callback what to run
     * @return a handle that cancels the callback
     * @throws IllegalStateException if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        Handle h = new Handle(callback);
        handOver(h);
        return h;
    }

    /**
     * Schedules {@code callback} to run once {@code delay} has passed: Python's
     * {@code call_later}. A zero or negative delay makes it due at once.
     *
     * @param delay how long from now
     * @param callback what to run
     * @return a handle that cancels the callback and tells when it is due
     * @throws IllegalStateException as {@link #callSoon}
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay");
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        return schedule(System.nanoTime() + nanos, callback, "callLater");
    }

    /**
     * Schedules {@code callback} to run at {@code when}, in the seconds of {@link #time()}:
     * Python's {@code call_at}.
     *
     * @param when the loop time, in seconds, at which it is due
     * @param callback what to run
     * @return a handle that cancels the callback and tells when it is due
     * @throws IllegalStateException as {@link #callSoon}
     */
    public TimerHandle callAt(double when, Runnable callback) {
        long deadline = ORIGIN + (long) (when * 1e9);
        return schedule(deadline, callback, "callAt");
    }

    private TimerHandle schedule(long deadline, Runnable callback, String what) {
        Objects.requireNonNull(callback, "callback");
        checkOwner(what);
        TimerHandle h = new TimerHandle(this, callback, deadline, timerSequence++);
        timers.add(h);
        return h;
    }

    /**
     * Wraps {@code body} in a task and schedules its first step: Python's {@code create_task}.
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @return the task
     * @throws IllegalStateException as {@link #callSoon}
     */
    public <T> Task<T> createTask(Callable<? extends T> body) {
        return newTask(body, null);
    }

    /**
     * As {@link #createTask(Callable)}, with a name.
     *
     * @param <T> the type of the task's result
     * @param body what the task runs
     * @param name the task's name, for {@link Task#getName()} and reports
     * @return the task
     */
    public <T> Task<T> createTask(Callable<? extends T> body, String name) {
        return newTask(body, Objects.requireNonNull(name, "name"));
    }

    private <T> Task<T> newTask(Callable<? extends T> body, String name) {
        Objects.requireNonNull(body, "body");
        checkOwner("createTask");
        if (closing) {
            throw new IllegalStateException("event loop is closing: no new tasks");
        }
        Task<T> task = new Task<>(this, body, name, TASK_NUMBERS.incrementAndGet());
        linkLive(task);
        ready.add(task);
        return task;
    }

    /** {@return the tasks of this loop that are not done: Python's {@code all_tasks()}} Holder only. */
    public Set<Task<?>> allTasks() {
        checkOwner("allTasks");
        Set<Task<?>> all = new LinkedHashSet<>();
        for (Task<?> t = firstLive; t != null; t = t.next) {
            all.add(t);
        }
        return all;
    }

    /**
     * Runs {@code call} on {@code executor} (the loop's default executor, one virtual thread per
     * call, when {@code executor} is null) and returns its future, which tasks may await: Python's
     * {@code run_in_executor}. Any thread may call it.
     *
     * @param <T> the type of the result
     * @param executor where {@code call} runs, or null for the loop's default executor
     * @param call the code to run
     * @return the future of {@code call}'s result
     */
    public <T> WeftFuture<T> runInExecutor(Executor executor, Callable<? extends T> call) {
        Objects.requireNonNull(call, "call");
        Executor e = executor != null ? executor : defaultExecutor();
        SettableFuture<T> f = new SettableFuture<>();
        e.execute(() -> {
            if (f.setRunningOrNotifyCancel()) {
                try {
                    f.setResult(call.call());
                } catch (Throwable t) {
                    f.setException(t);
                }
            }
        });
        return f;
    }

    private synchronized Executor defaultExecutor() {
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        if (defaultExecutor == null) {
            defaultExecutor = Executors.newThreadPerTaskExecutor(LoopCarrier.sharedThreads().factory());
        }
        return defaultExecutor;
    }

    // ------------------------------------------------------------------------------ running

    /**
     * Runs the loop until {@link #stop()} is called: Python's {@code run_forever}. Blocks the
     * calling thread, which may run callbacks meanwhile. Tasks still pending when it returns stay
     * suspended and go on when the loop runs again.
     *
     * <p>An interrupt of the calling thread does not stop the loop (a task may hold it); the
     * interrupt status is set again when this method returns.
     *
     * @throws IllegalStateException if the loop is closed or already running, or if the caller is
     *     a task of a loop (a loop cannot run inside another)
     */
    public void runForever() {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("event loop is closed");
            }
            if (runner != null) {
                throw new IllegalStateException("event loop is already running");
            }
            if (Task.current() != null) {
                throw new IllegalStateException("cannot run an event loop from a task of a running loop");
            }
            runner = self;
        }
        iterationBegun = false;
        holder = self;
        register(this);
        boolean interrupted = false;
        try {
            interrupted = runLoop(self, null, false);
        } finally {
            holder = null;
            unregister(this);
            synchronized (this) {
                runner = null;
            }
            if (interrupted || Thread.interrupted()) {
                self.interrupt();
            }
        }
    }

    /**
     * Runs the loop until {@code future} is done, then returns its result or throws its exception:
     * Python's {@code run_until_complete}. A {@link CancellationException} if it was cancelled; an
     * unchecked exception of the future as it is; a checked one wrapped in a
     * {@link java.util.concurrent.CompletionException}.
     *
     * @param <T> the type of the result
     * @param future what to run the loop until
     * @return the future's result
     * @throws IllegalStateException as {@link #runForever()}, or if the loop was stopped before
     *     the future was done
     */
    public <T> T runUntilComplete(WeftFuture<T> future) {
        Objects.requireNonNull(future, "future");
        if (future instanceof Task<?> t && t.loop != this) {
            throw new IllegalArgumentException(future + " belongs to another event loop");
        }
        future.addDoneCallback(f -> stop());
        runForever();
        if (!future.isDone()) {
            throw new IllegalStateException("event loop stopped before the future completed: " + future);
        }
        return Aio.outcome(future);
    }

    /**
     * Makes {@code body} a task of this loop and runs the loop until it is done.
     *
     * @param <T> the type of the result
     * @param body what the task runs
     * @return what {@code body} returned
     */
    public <T> T runUntilComplete(Callable<? extends T> body) {
        checkOwner("runUntilComplete");
        return runUntilComplete(createTask(body));
    }

    /**
     * Stops the loop after the current iteration: Python's {@code stop()}. Called before the loop
     * runs, the next run does one iteration and stops. Any thread may call it.
     */
    public void stop() {
        if (holdsLoop() || (holder == null && !closed)) {
            stopping = true;
        } else if (!closed) {
            callSoonThreadsafe(() -> stopping = true);
        }
    }

    /** {@return whether a thread is in {@link #runForever()} or {@link #runUntilComplete}} */
    public boolean isRunning() {
        return runner != null;
    }

    /** {@return whether {@link #close()} has been called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: Python's {@code close()}. Tasks still pending are ended first: each gets a
     * {@link CancellationException} at its await point (and at every await after it), and the loop
     * runs until their bodies have returned, so no task's thread is left behind. Then tasks whose
     * exception was never retrieved are reported, signal handlers are removed and the default
     * executor is shut down (its running calls finish on their own). Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (isRunning()) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        closing = true;
        if (liveCount > 0) {
            for (Task<?> t : allTasks()) {
                t.killed = true;
                t.mustCancel = true;
                if (t.offLoop) {
                    t.interruptOffLoop(); // it comes back by itself when its blocking call ends
                } else {
                    wake(t, t.suspension);
                }
            }
            stopping = false;
            runForever(); // taskEnded stops it when the last task has ended
        }
        for (Task<?> t : failedTasks) {
            if (!t.exceptionRetrieved()) {
                report("Task exception was never retrieved", t.exceptionNow(), t);
            }
        }
        failedTasks.clear();
        ready.clear();
        timers.clear();
        inbox.clear();
        for (Signal s : List.copyOf(previousSignalHandlers.keySet())) {
            removeSignalHandler(s);
        }
        synchronized (this) {
            closed = true;
            if (defaultExecutor != null) {
                defaultExecutor.shutdown();
            }
        }
        if (carrier != null) {
            carrier.shutdown();
        }
    }

    // ------------------------------------------------------------------------------ errors, debug

    /**
     * Sets what receives the loop's reports (an exception in a callback, a task exception never
     * retrieved, a slow callback in debug mode): Python's {@code set_exception_handler}. Null
     * restores the default, which prints the report and its stack trace on {@code System.err}.
     *
     * @param handler the new handler, or null for the default
     */
    public void setExceptionHandler(Consumer<ExceptionContext> handler) {
        this.exceptionHandler = handler;
    }

    /**
     * Python's {@code set_debug}: report callbacks and task steps that hold the loop too long.
     *
     * @param enabled whether debug mode is on
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /** {@return whether debug mode is on} */
    public boolean getDebug() {
        return debug;
    }

    /**
     * How long a callback or task step may hold the loop before debug mode reports it.
     *
     * @param d the longest a callback or step may take unreported
     */
    public void setSlowCallbackDuration(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        this.slowNanos = saturatedNanos(d);
    }

    /**
     * Hands a report to the exception handler (Python's {@code call_exception_handler}).
     *
     * @param context the report
     */
    public void callExceptionHandler(ExceptionContext context) {
        Consumer<ExceptionContext> h = exceptionHandler;
        try {
            if (h != null) {
                h.accept(context);
                return;
            }
        } catch (Throwable t) {
            System.err.println("exception in the event loop's exception handler: " + t);
        }
        System.err.println(context.message() + (context.source() != null ? ": " + context.source() : ""));
        if (context.exception() != null) {
            context.exception().printStackTrace();
        }
    }

    private void report(String message, Throwable exception, Object source) {
        callExceptionHandler(new ExceptionContext(message, exception, source));
    }

    // ------------------------------------------------------------------------------ signals

    /**
     * Runs {@code callback} on the loop whenever the process receives {@code signal}
     * (for example {@link Signal#INT} or {@link Signal#TERM}): Python's {@code add_signal_handler}.
     * Replaces the JVM's handling of that signal until {@link #removeSignalHandler} or
     * {@link #close()}.
     *
     * @param signal the signal to handle
     * @param callback what runs on the loop each time it arrives
     * @throws IllegalArgumentException if the JVM does not let the signal be handled
     */
    public void addSignalHandler(Signal signal, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        sun.misc.Signal s = new sun.misc.Signal(signal.name());
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(s, sig -> {
            if (!closed) {
                callSoonThreadsafe(callback);
            }
        });
        synchronized (previousSignalHandlers) {
            previousSignalHandlers.putIfAbsent(signal, previous);
        }
    }

    /**
     * Gives {@code signal} back to the handling it had before {@link #addSignalHandler}.
     *
     * @param signal the signal to give back
     * @return whether a handler of this loop was removed
     */
    public boolean removeSignalHandler(Signal signal) {
        Object previous;
        synchronized (previousSignalHandlers) {
            previous = previousSignalHandlers.remove(signal);
        }
        if (previous == null) {
            return false;
        }
        sun.misc.Signal.handle(new sun.misc.Signal(signal.name()), (sun.misc.SignalHandler) previous);
        return true;
    }

    // ------------------------------------------------------------------------------ the hand-over

    /**
     * {@return the loop the calling thread holds (it runs one of its callbacks or task steps): Python's
     * {@code get_running_loop()}}
     *
     * @throws IllegalStateException if the calling thread holds no loop
     */
    public static EventLoop current() {
        EventLoop l = currentOrNull();
        if (l == null) {
            throw new IllegalStateException("no running event loop in thread " + Thread.currentThread());
        }
        return l;
    }

    static EventLoop currentOrNull() {
        Thread self = Thread.currentThread();
        for (EventLoop l : running) {
            if (l.holder == self) {
                return l;
            }
        }
        return null;
    }

    /** Whether the calling thread holds this loop (is running one of its callbacks or task steps). */
    boolean holdsLoop() {
        return holder == Thread.currentThread();
    }

    private void checkOwner(String what) {
        if (closed) {
            throw new IllegalStateException("event loop is closed");
        }
        Thread h = holder;
        if (h != Thread.currentThread() && h != null) {
            throw new IllegalStateException(what + " called from a thread that does not hold the running loop;"
                    + " use callSoonThreadsafe");
        }
    }

    /** Queues a hand-over from any thread and wakes the loop if it waits for one. */
    private void handOver(Object r) {
        inbox.add(r);
        Thread w = idleWaiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Makes a suspended task ready again, if it still waits in suspension {@code id}; from any
     * thread (a done callback of a future completed elsewhere hands itself over).
     */
    void wake(Task<?> task, int id) {
        if (holdsLoop()) {
            if (task.suspended && task.suspension == id) {
                task.suspended = false;
                ready.add(task);
            }
        } else {
            handOver(new Wake(task, id));
        }
    }

    /**
     * Counts a cancelled timer, so that the heap is cleaned once most of it is cancelled (a long
     * timeout that ends early would otherwise stay in it until due). Counted only when the holder
     * cancels; a cancel from elsewhere is dropped when due, as before.
     */
    void timerCancelled() {
        if (holdsLoop()) {
            cancelledTimers++;
        }
    }

    /** How many timers the heap holds, cancelled ones included (for tests). */
    int timerCount() {
        return timers.size();
    }

    /** Runs {@code r} now if the calling thread holds the loop, else hands it over. */
    void runOnLoop(Runnable r) {
        if (holdsLoop()) {
            r.run();
        } else {
            handOver(r);
        }
    }

    /** A wake-up handed over by another thread; run by the holder. */
    private record Wake(Task<?> task, int id) implements Runnable {
        @Override
        public void run() {
            task.loop.wake(task, id);
        }
    }

    /**
     * Suspends the calling task until {@link #wake} with the suspension id it was given by
     * {@link #beginSuspension}: the loop goes on with other work meanwhile.
     */
    void suspend(Task<?> task) {
        runLoop(task.thread, task, false);
        if (debug) {
            enteredStep(task);
        }
    }

    /**
     * {@link #suspend} in suspension {@code id}, with what the task waits for (a {@link Waiter} or
     * a future, cancelled with the task; may be null) and, unless {@code timeout} is null, a timer
     * that wakes it once {@code timeout} has passed. The timer is cancelled however the wait ends.
     */
    void suspend(Task<?> task, Object waitingFor, int id, Duration timeout) {
        TimerHandle timer = timeout == null ? null : callLater(timeout, () -> wake(task, id));
        task.waiter = waitingFor;
        try {
            suspend(task);
        } finally {
            task.waiter = null;
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** Starts a suspension of {@code task} and returns its id, for {@link #wake}. */
    int beginSuspension(Task<?> task) {
        task.suspended = true;
        return ++task.suspension;
    }

    /** Lets the calling task go to the back of the ready queue: {@code sleep(0)}. */
    void yieldNow(Task<?> task) {
        ++task.suspension;
        ready.add(task);
        runLoop(task.thread, task, false);
        if (debug) {
            enteredStep(task);
        }
    }

    /** The calling task leaves the loop to run blocking code; {@link #reenter} brings it back. */
    int leave(Task<?> task) {
        int id = beginSuspension(task);
        task.offLoop = true;
        runLoop(task.thread, task, true);
        return id;
    }

    /** Called off the loop by a task that {@link #leave left} it: waits until the loop is its again. */
    void reenter(Task<?> task, int id) {
        wakeOffLoop(task, id);
        awaitReentry(task);
    }

    /** Asks the loop, from any thread, to resume a task that {@link #leave left} it. */
    void wakeOffLoop(Task<?> task, int id) {
        handOver(new Wake(task, id));
    }

    /** Parks the task's thread until the loop is its again, after {@link #leave}. */
    void awaitReentry(Task<?> task) {
        boolean interrupted = awaitHolder(task.thread);
        task.offLoop = false;
        if (interrupted) {
            Thread.interrupted();
        }
        if (debug) {
            enteredStep(task);
        }
    }

    void taskEnded(Task<?> task) {
        unlinkLive(task);
        currentTask = null;
        if (closing && liveCount == 0) {
            stopping = true;
        }
        runLoop(task.thread, task, true);
    }

    void failedTask(Task<?> task) {
        failedTasks.add(task);
    }

    void enteredStep(Task<?> task) {
        if (debug) { // the step's start, for the slow-step report of leftStep
            stepSource = task;
            stepStart = System.nanoTime();
        }
    }

    private void leftStep() {
        if (stepSource != null) {
            long took = System.nanoTime() - stepStart;
            if (took > slowNanos) {
                Object source = stepSource;
                stepSource = null;
                report(String.format("Executing %s took %.3f seconds", source, took / 1e9), null, source);
            }
            stepSource = null;
        }
    }

    /**
     * The loop itself, run by whichever thread holds it. {@code self} is the calling thread;
     * {@code me} its task (null for the runner). Returns when {@code me}'s step comes up (the
     * task goes on), when {@code leaving} and the loop has been handed to another thread, or,
     * for the runner, when the loop stops.
     *
     * @return for the runner, whether it was interrupted while it waited
     */
    private boolean runLoop(Thread self, Task<?> me, boolean leaving) {
        if (debug) {
            leftStep();
        }
        boolean interrupted = false;
        for (;;) {
            if (iterationLeft == 0) {
                if (stopping && iterationBegun) { // as Python: stop() takes effect after an iteration
                    stopping = false;
                    if (me == null) {
                        return interrupted;
                    }
                    runnerMustReturn = true;
                    if (passTo(runner, leaving)) {
                        return interrupted;
                    }
                    awaitHolder(self);
                    return interrupted;
                }
                Object r;
                while ((r = inbox.poll()) != null) {
                    ready.add(r);
                }
                if (cancelledTimers > 64 && cancelledTimers * 2 > timers.size()) {
                    timers.removeIf(Handle::cancelled); // as Python: a timeout cancelled early leaves no garbage
                    cancelledTimers = 0;
                }
                long now = System.nanoTime();
                TimerHandle t;
                while ((t = timers.peek()) != null && (t.cancelled() || t.deadline - now <= 0)) {
                    timers.poll();
                    if (t.cancelled()) {
                        cancelledTimers = Math.max(0, cancelledTimers - 1);
                    } else {
                        ready.add(t);
                    }
                }
                if (ready.isEmpty()) {
                    if (stopping) {
                        iterationBegun = true; // an empty iteration: stop without waiting
                        continue;
                    }
                    if (leaving && me != null) {
                        passTo(runner, true); // the runner waits for timers and hand-overs
                        return interrupted;
                    }
                    interrupted |= waitForWork(self, t == null ? -1 : Math.max(1, t.deadline - now));
                    continue;
                }
                iterationLeft = ready.size();
                iterationBegun = true;
            }
            Object item = ready.poll();
            iterationLeft--;
            if (item instanceof Task<?> next) { // the next step of that task
                if (next == me) {
                    currentTask = me;
                    return interrupted;
                }
                handTo(next);
                if (leaving) {
                    return interrupted;
                }
                interrupted |= awaitHolder(self);
                if (me == null) {
                    currentTask = null;
                }
                if (me == null && runnerMustReturn) {
                    runnerMustReturn = false;
                    return interrupted;
                }
                if (me != null) {
                    return interrupted;
                }
                // the runner was handed the loop to wait for timers and hand-overs: go on
            } else {
                runCallback(item);
            }
        }
    }

    private static synchronized void register(EventLoop loop) {
        EventLoop[] now = running;
        EventLoop[] more = java.util.Arrays.copyOf(now, now.length + 1);
        more[now.length] = loop;
        running = more;
    }

    private static synchronized void unregister(EventLoop loop) {
        running = java.util.Arrays.stream(running).filter(l -> l != loop).toArray(EventLoop[]::new);
    }

    private void linkLive(Task<?> t) {
        t.prev = lastLive;
        if (lastLive == null) {
            firstLive = t;
        } else {
            lastLive.next = t;
        }
        lastLive = t;
        liveCount++;
    }

    private void unlinkLive(Task<?> t) {
        if (t.prev == null) {
            firstLive = t.next;
        } else {
            t.prev.next = t.next;
        }
        if (t.next == null) {
            lastLive = t.prev;
        } else {
            t.next.prev = t.prev;
        }
        t.prev = t.next = null;
        liveCount--;
    }

    /** Hands the loop to another task's thread, starting it on its first step. */
    private void handTo(Task<?> task) {
        currentTask = task;
        Thread t = task.thread;
        if (t == null) {
            t = taskThreads.unstarted(task::runBody); // unnamed: a name costs memory per task
            task.thread = t;
            holder = t;
            t.start();
        } else {
            holder = t;
            LockSupport.unpark(t);
        }
    }

    /**
     * Hands the loop to the runner. Returns true if the caller is leaving (it must not wait).
     */
    private boolean passTo(Thread target, boolean leaving) {
        holder = target;
        LockSupport.unpark(target);
        return leaving;
    }

    /** Parks until the loop is handed to {@code self}; returns whether an interrupt was swallowed. */
    private boolean awaitHolder(Thread self) {
        boolean interrupted = false;
        while (holder != self) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /** Waits, holding the loop, for a hand-over or the next timer ({@code nanos < 0}: no timer). */
    private boolean waitForWork(Thread self, long nanos) {
        idleWaiter = self;
        try {
            if (inbox.isEmpty()) {
                if (nanos < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, nanos);
                }
            }
        } finally {
            idleWaiter = null;
        }
        return Thread.interrupted();
    }

    /** Runs a queued {@link Handle}, or a hand-over ({@link Runnable}) of this package. */
    private void runCallback(Object item) {
        if (item instanceof Handle h) {
            if (h.cancelled()) {
                return;
            }
            long start = debug ? System.nanoTime() : 0;
            inCallback = true;
            try {
                h.callback.run();
            } catch (Throwable e) {
                report("Exception in callback " + h.callback, e, h);
            } finally {
                inCallback = false;
            }
            if (debug) {
                long took = System.nanoTime() - start;
                if (took > slowNanos) {
                    report(String.format("Executing %s took %.3f seconds", h, took / 1e9), null, h);
                }
            }
        } else {
            ((Runnable) item).run();
        }
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + (closed ? "closed" : isRunning() ? "running" : "idle") + ", debug=" + debug + "]";
    }
}
