package dev.weft.process.internal.pool;

import dev.weft.process.BrokenPoolException;
import dev.weft.process.ChildJvm;
import dev.weft.process.ProcessException;
import dev.weft.process.WorkerDiedException;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.GrowableBuffer;
import dev.weft.process.internal.wire.NotEncodableException;
import dev.weft.process.internal.worker.Configure;
import dev.weft.process.internal.worker.Identity;
import dev.weft.process.internal.worker.RemoteErrors;
import dev.weft.process.internal.worker.Spares;
import dev.weft.process.internal.worker.TaskError;
import dev.weft.process.internal.worker.WeftAllowlist;
import dev.weft.process.internal.worker.Protocol;
import dev.weft.process.internal.worker.Worker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine under {@code Pool} and {@code ProcessPoolExecutor}: a fixed number of worker slots,
 * a queue of encoded tasks, and the rules for death, retry, timeout, recycling and breaking. See
 * the package documentation for the flow. Not API.
 *
 * <p>Locking: one lock guards the queue and the slots. Frames are written to a worker under it
 * (the worker's reader never blocks on it while writing, so this cannot deadlock); decoding
 * happens outside it, on the reader threads, and futures are completed outside it, so callbacks
 * never run under the lock.
 */
public final class Engine implements PoolEngine {
    /** How an engine is set up. */
    public record Settings(String kind, int processes, ChildJvm jvm, Object initializer, Object initArgument,
            int maxTasksPerChild, int retries, Duration taskTimeout, List<String> allowedClasses,
            List<String> allowedPackages) {}

    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();
    private static final Codec ENCODER = new Codec(ClassAllowlist.jdkDefaults());
    private static final int SMALL_TASK_NANOS = 50_000;
    private static final int MEDIUM_TASK_NANOS = 1_000_000;

    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private final Slot[] slots;
    private final Set<String> allowedClasses = new LinkedHashSet<>();
    private final Set<String> allowedPackages = new LinkedHashSet<>();
    private final GrowableBuffer scratch = new GrowableBuffer(4096);
    private final int maxStartFailures;
    private volatile Codec decoder;
    /** Grows with the allowlist; a worker that has seen an older one is sent {@link Protocol#ALLOW}. */
    private int allowVersion;
    private long nextTaskId;
    private long nextFunctionId;
    private int outstanding;
    private int startFailures;
    private boolean closed;
    private boolean terminated;
    private BrokenPoolException broken;

    /** A function sent once per worker, then referred to by id. */
    public record Function(long id, ByteBuffer bytes) {}

    private final class Slot {
        final int index;
        String name;
        Worker worker;
        boolean ready;
        boolean retiring;
        int sent;
        int allowVersion;
        long avgNanos;
        /** Tasks were written to the worker and not flushed yet (see {@link #dispatch(Slot, boolean)}). */
        boolean unflushed;
        final ArrayDeque<Task> inFlight = new ArrayDeque<>();
        final Set<Long> functions = new java.util.HashSet<>();
        TaskError fatal;
        TaskError initFailure;

        Slot(int index) {
            this.index = index;
        }

        int window() {
            if (avgNanos == 0 || avgNanos > MEDIUM_TASK_NANOS) {
                return 2; // one running, one waiting: keeps a long-task pool balanced
            }
            return avgNanos > SMALL_TASK_NANOS ? 8 : 64;
        }
    }

    public Engine(Settings settings) {
        if (settings.processes() < 1) {
            throw new IllegalArgumentException("processes must be at least 1: " + settings.processes());
        }
        this.settings = settings;
        this.maxStartFailures = Math.max(3, settings.processes());
        allowedClasses.addAll(settings.allowedClasses());
        allowedPackages.addAll(settings.allowedPackages());
        allowedClasses.addAll(ItemCodec.allowedClasses());
        allowedPackages.addAll(ItemCodec.allowedPackages());
        ItemCodec.allow(allowedClasses, allowedPackages);
        for (Object o : new Object[] {settings.initializer(), settings.initArgument()}) {
            if (o != null) {
                allow(o.getClass());
            }
        }
        decoder = newDecoder();
        slots = new Slot[settings.processes()];
        lock.lock();
        try {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(i);
                spawn(slots[i]);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Encodes {@code fn} once, for tasks that refer to it.
     *
     * @throws NotEncodableException if it cannot be serialized (the message names the class)
     */
    public Function function(Object fn) throws NotEncodableException {
        ByteBuffer bytes = ENCODER.encode(fn);
        lock.lock();
        try {
            allow(fn.getClass());
            return new Function(nextFunctionId++, bytes.asReadOnlyBuffer());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a task applying {@code fn} (or, with {@link Protocol#CALL}, the callable argument) to
     * {@code argument} in {@code mode}; {@code future} gets the decoded result. A task whose
     * argument cannot be encoded fails at once (the message names the class).
     *
     * @throws BrokenPoolException if the pool is broken
     * @throws IllegalStateException if the pool is closed or terminated
     */
    public void submit(Function fn, int mode, Object argument, TaskFuture<Object> future) {
        checkOpen();
        ByteBuffer arg;
        try {
            arg = ENCODER.encode(argument);
            if (argument != null && mode == Protocol.CALL) {
                lock.lock();
                try {
                    allow(argument.getClass());
                } finally {
                    lock.unlock();
                }
            }
        } catch (NotEncodableException e) {
            future.fail(e);
            return;
        }
        lock.lock();
        try {
            checkOpen();
            Task t = new Task(nextTaskId++, fn, mode, arg, future, settings.retries());
            future.bind(this, t);
            queue.addLast(t);
            outstanding++;
            dispatchAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        BrokenPoolException b = broken;
        if (b != null) {
            throw new BrokenPoolException(b.getMessage(), b.getCause());
        }
        if (closed || terminated) {
            throw new IllegalStateException(settings.kind() + " is " + (terminated ? "terminated" : "closed")
                    + ": no new tasks");
        }
    }

    /** Makes the packages of {@code type} (or the class, for JDK and unnamed-package classes) decodable. */
    private void allow(Class<?> type) {
        String pkg = type.getPackageName();
        boolean grew;
        if (pkg.isEmpty() || ClassAllowlist.isProtectedPackage(pkg + ".")) {
            String name = type.getName();
            int lambda = name.indexOf("$$Lambda");
            grew = allowedClasses.add(lambda > 0 ? name.substring(0, lambda) : name);
        } else {
            grew = allowedPackages.add(pkg);
        }
        if (grew) {
            allowVersion++;
            decoder = newDecoder();
            ItemCodec.allow(allowedClasses, allowedPackages); // the same values on queues and pipes
        }
    }

    private ByteBuffer allowFrame() {
        return WeftAllowlist.frame(allowedClasses, allowedPackages);
    }

    private Codec newDecoder() {
        return new Codec(WeftAllowlist.withThrowables(allowedClasses, allowedPackages));
    }

    // ------------------------------------------------------------------ dispatching (under the lock)

    private void dispatchAll() {
        for (Slot s : slots) {
            dispatch(s);
        }
    }

    private void dispatch(Slot s) {
        dispatch(s, true);
    }

    /**
     * Sends queued tasks to {@code s} up to its window; flushes them now if {@code flush}, else
     * leaves them for {@link #flushDeferred} (a reader handling results that arrived together
     * refills once, with one write, when it has handled them all).
     */
    private void dispatch(Slot s, boolean flush) {
        if (!s.ready || s.retiring || s.worker == null) {
            return;
        }
        int limit = settings.maxTasksPerChild();
        boolean wrote = false;
        try {
            while (!queue.isEmpty() && s.inFlight.size() < s.window() && (limit == 0 || s.sent < limit)) {
                Task t = queue.pollFirst();
                if (t.future.isDone()) {
                    outstanding--; // cancelled while queued
                    continue;
                }
                send(s, t);
                wrote = true;
            }
            if (wrote) {
                if (flush) {
                    s.worker.flush();
                    s.unflushed = false;
                } else {
                    s.unflushed = true;
                }
            }
        } catch (IOException e) {
            // The worker is dying; its reader reports the exit, and the tasks sent to it are handled there.
        }
        if (limit > 0 && s.sent >= limit && s.inFlight.isEmpty()) {
            s.retiring = true;
            s.worker.stop(); // recycled: a replacement starts when it has exited
        }
    }

    private void send(Slot s, Task t) throws IOException {
        s.inFlight.addLast(t);
        s.sent++;
        if (s.inFlight.size() == 1) {
            started(s, t);
        }
        if (s.allowVersion != allowVersion) {
            s.allowVersion = allowVersion;
            s.worker.send(Protocol.ALLOW, allowFrame());
        }
        if (t.fn != null && s.functions.add(t.fn.id())) {
            scratch.clear();
            scratch.writeLong(t.fn.id());
            scratch.write(t.fn.bytes());
            s.worker.send(Protocol.FUNCTION, scratch.contents());
        }
        scratch.clear();
        scratch.writeLong(t.id);
        scratch.writeLong(t.fn == null ? -1 : t.fn.id());
        scratch.writeInt(t.mode);
        scratch.write(t.argument);
        s.worker.send(Protocol.TASK, scratch.contents());
    }

    /** {@code t} is now at the head of its worker's queue: it is running. */
    private void started(Slot s, Task t) {
        t.future.markRunning();
        Duration timeout = settings.taskTimeout();
        if (timeout != null) {
            Worker w = s.worker;
            t.timeout = Worker.timer().schedule(() -> timedOut(s, w, t), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void timedOut(Slot s, Worker w, Task t) {
        lock.lock();
        try {
            if (s.worker == w && s.inFlight.peekFirst() == t && !t.future.isDone()) {
                t.killedFor = Task.Kill.TIMEOUT;
                w.kill();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code cancel(true)} on a running task: kill its worker. Returns whether it was running. */
    boolean interrupt(Task t) {
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.inFlight.peekFirst() == t && s.worker != null) {
                    t.killedFor = Task.Kill.CANCEL;
                    s.worker.kill();
                    return true;
                }
            }
            return terminated; // terminate() cancels whatever is left
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ workers

    private void spawn(Slot s) {
        s.ready = false;
        s.retiring = false;
        s.sent = 0;
        s.avgNanos = 0;
        s.functions.clear();
        s.allowVersion = allowVersion; // the Configure below carries the allowlist as it is now
        s.fatal = null;
        s.initFailure = null;
        s.name = (settings.kind().equals("Pool") ? "PoolWorker-" : "ProcessPoolWorker-") + WORKER_NUMBERS.incrementAndGet();
        String name = s.name;
        ByteBuffer configure;
        try {
            configure = ENCODER.encode(new Configure(name, List.copyOf(allowedClasses), List.copyOf(allowedPackages),
                    settings.initializer(), settings.initArgument(), ProcessHandle.current().pid(), Identity.name()));
        } catch (NotEncodableException e) {
            breakPool("the initializer or its argument cannot be serialized: " + e.getMessage(), e);
            return;
        }
        Thread.ofVirtual().name("weft-" + name + "-start").start(() -> start(s, name, configure));
    }

    private void start(Slot s, String name, ByteBuffer configure) {
        Worker w = null;
        ProcessException failure = null;
        try {
            Worker spare = Spares.take(settings.jvm());
            w = spare != null ? spare : Worker.spawn(settings.jvm());
            if (spare == null) {
                w.awaitConnected();
            }
        } catch (ProcessException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new ProcessException("interrupted while starting a worker", e);
        }
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (failure != null) {
                startFailed(s, failure, after);
                return;
            }
            if (terminated || broken != null) {
                w.kill();
                w.listen(new Listener(s, w));
                s.worker = w;
                s.retiring = true;
                return;
            }
            w.name(name);
            s.worker = w;
            w.listen(new Listener(s, w));
            // The allowlist first: the Configure itself may hold the user's initializer.
            w.send(Protocol.ALLOW, allowFrame());
            w.send(Protocol.CONFIGURE, configure);
            if (closed && outstanding == 0) {
                // Closed with nothing left while it started: as every worker of a Python pool
                // does, it runs the initializer, then exits (close() waits for that).
                s.retiring = true;
                w.send(Protocol.STOP, ByteBuffer.allocate(0));
            }
            w.flush();
        } catch (IOException e) {
            // it died at once; its reader reports the exit
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private void startFailed(Slot s, Exception failure, List<Runnable> after) {
        startFailures++;
        if (startFailures >= maxStartFailures) {
            breakPool("workers failed to start " + startFailures + " times in a row; last: " + failure.getMessage(),
                    failure);
            collectBroken(after);
        } else if (needsWorkers()) {
            spawn(s);
        }
        changed.signalAll();
    }

    private final class Listener implements Worker.Listener {
        private final Slot slot;
        private final Worker worker;

        Listener(Slot slot, Worker worker) {
            this.slot = slot;
            this.worker = worker;
        }

        @Override
        public void onIdle(Worker w) {
            lock.lock();
            try {
                if (slot.worker == w && slot.unflushed) {
                    slot.unflushed = false;
                    try {
                        w.flush();
                    } catch (IOException e) {
                        // the worker is dying: its reader reports the exit, and its tasks are handled there
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onFrame(Worker w, int type, ByteBuffer p) {
            switch (type) {
                case Protocol.RESULT, Protocol.FAILURE -> result(type, p);
                case Protocol.CONFIGURED -> configured();
                case Protocol.CONFIGURE_FAILED, Protocol.FATAL -> {
                    if (type == Protocol.FATAL) {
                        p.getLong();
                    }
                    TaskError e = decodeError(p);
                    lock.lock();
                    try {
                        if (type == Protocol.FATAL) {
                            slot.fatal = e;
                        } else {
                            slot.initFailure = e;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                default -> worker.kill(); // a worker that breaks the protocol is no use
            }
        }

        private void configured() {
            lock.lock();
            try {
                if (slot.worker == worker) {
                    startFailures = 0;
                    slot.ready = true;
                    dispatch(slot);
                }
            } finally {
                lock.unlock();
            }
        }

        private void result(int type, ByteBuffer p) {
            long id = p.getLong();
            long nanos = p.getLong();
            Object value;
            Throwable failure = null;
            try {
                if (type == Protocol.RESULT) {
                    value = decoder.decode(p);
                } else {
                    value = null;
                    failure = RemoteErrors.rebuild((TaskError) decoder.decode(p), decoder.allowlist(),
                            Engine.class.getClassLoader());
                }
            } catch (IOException e) {
                value = null;
                failure = e; // ClassNotAllowedException names the class; the connection is fine
            }
            Task t;
            lock.lock();
            try {
                t = slot.inFlight.peekFirst();
                if (slot.worker != worker || t == null || t.id != id) {
                    worker.kill(); // answers out of order: a broken worker
                    return;
                }
                slot.inFlight.pollFirst();
                outstanding--;
                slot.avgNanos = slot.avgNanos == 0 ? Math.max(1, nanos) : (slot.avgNanos * 7 + nanos) / 8;
                if (t.timeout != null) {
                    t.timeout.cancel(false);
                }
                Task next = slot.inFlight.peekFirst();
                if (next != null) {
                    started(slot, next);
                }
                dispatch(slot, false); // flushed by onIdle, once for the results that came together
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (failure == null) {
                t.future.succeed(value);
            } else {
                t.future.fail(failure);
            }
        }

        @Override
        public void onExit(Worker w, int returncode) {
            List<Runnable> after = new ArrayList<>();
            lock.lock();
            try {
                exited(slot, worker, returncode, after);
            } finally {
                lock.unlock();
            }
            after.forEach(Runnable::run);
        }
    }

    private TaskError decodeError(ByteBuffer p) {
        try {
            return (TaskError) decoder.decode(p);
        } catch (IOException | ClassCastException e) {
            return TaskError.of(e);
        }
    }

    /** Worker {@code w} of slot {@code s} has ended: settle its tasks, then replace it. */
    private void exited(Slot s, Worker w, int returncode, List<Runnable> after) {
        if (s.worker != w) {
            return;
        }
        s.worker = null;
        boolean served = s.ready;
        s.ready = false;
        boolean expected = s.retiring || terminated;
        Task running = s.inFlight.pollFirst();
        if (running != null) {
            if (running.timeout != null) {
                running.timeout.cancel(false);
            }
            outstanding--;
            Throwable failure = failureOf(s, w, returncode, running);
            if (failure == null) {
                outstanding++;
                queue.addFirst(running.retried()); // a retry, at the front
            } else {
                TaskFuture<Object> f = running.future;
                after.add(() -> f.fail(failure));
            }
        }
        // The rest never started: back to the front of the queue, in order.
        for (Iterator<Task> it = s.inFlight.descendingIterator(); it.hasNext(); ) {
            queue.addFirst(it.next());
        }
        s.inFlight.clear();
        if (s.initFailure != null || (!served && !expected)) {
            String why = s.initFailure != null ? "its initializer threw " + s.initFailure.text()
                    : Worker.describeExit(returncode);
            startFailed(s, new ProcessException("worker " + w.name() + " (pid " + w.pid() + ") " + why), after);
            return;
        }
        if (needsWorkers()) {
            spawn(s);
        }
        changed.signalAll();
        dispatchAll();
    }

    /** Why {@code t} failed when its worker ended, or null to retry it. */
    private Throwable failureOf(Slot s, Worker w, int returncode, Task t) {
        String who = "worker " + w.name() + " (pid " + w.pid() + ")";
        return switch (t.killedFor) {
            case TIMEOUT -> new TimeoutException("task " + t.id + " ran longer than its timeout of "
                    + settings.taskTimeout() + "; " + who + " was killed and replaced");
            case CANCEL -> new CancellationException("task " + t.id + " was cancelled; " + who + " was killed");
            case NONE -> {
                if (terminated) {
                    yield new CancellationException(settings.kind() + " was terminated before task " + t.id + " finished");
                }
                if (t.retriesLeft > 0) {
                    yield null;
                }
                String how = Worker.describeExit(returncode);
                if (s.fatal != null) {
                    how += " (" + s.fatal.summary() + ")";
                }
                yield new WorkerDiedException(who + " " + how + " while running task " + t.id, w.name(), w.pid(),
                        returncode);
            }
        };
    }

    private void breakPool(String message, Throwable cause) {
        if (broken == null) {
            broken = new BrokenPoolException(settings.kind() + " is broken: " + message, cause);
        }
    }

    /** After breaking: every task not done fails; every worker is stopped. */
    private void collectBroken(List<Runnable> after) {
        BrokenPoolException b = broken;
        List<Task> failed = new ArrayList<>(queue);
        queue.clear();
        for (Slot s : slots) {
            failed.addAll(s.inFlight);
            s.inFlight.clear();
            if (s.worker != null) {
                s.retiring = true;
                s.worker.kill();
            }
        }
        outstanding -= failed.size();
        for (Task t : failed) {
            after.add(() -> t.future.fail(new BrokenPoolException(b.getMessage(), b.getCause())));
        }
    }

    // ------------------------------------------------------------------ ending

    /** Python's {@code close()}: no new tasks; workers stop when the queued ones are done. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stopIdle();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void stopIdle() {
        if (outstanding > 0) {
            return;
        }
        for (Slot s : slots) {
            if (s.worker != null && !s.retiring) {
                s.retiring = true;
                s.worker.stop();
            }
        }
    }

    /** Cancels every queued task that has not been sent to a worker. */
    @Override
    public void cancelQueued() {
        List<TaskFuture<Object>> out = new ArrayList<>();
        lock.lock();
        try {
            for (Task t : queue) {
                out.add(t.future);
            }
            outstanding -= queue.size();
            queue.clear();
            stopIdleIfClosed();
        } finally {
            lock.unlock();
        }
        out.forEach(f -> f.cancel(false));
    }

    private void stopIdleIfClosed() {
        if (closed) {
            stopIdle();
        }
    }

    /** Python's {@code terminate()}: kill every worker now; unfinished tasks are cancelled. */
    @Override
    public void terminate() {
        List<Task> left = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            terminated = true;
            left.addAll(queue);
            queue.clear();
            for (Slot s : slots) {
                left.addAll(s.inFlight);
                s.inFlight.clear();
                if (s.worker != null) {
                    s.retiring = true;
                    s.worker.kill();
                }
            }
            outstanding = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Task t : left) {
            t.future.cancel(true);
        }
    }

    /**
     * Waits at most {@code nanos} (forever if negative) until the pool is closed, its tasks are done
     * and every worker has exited.
     *
     * @return whether that happened in time
     * @throws IllegalStateException if the pool is neither closed nor terminated (Python's
     *     {@code ValueError}: join would wait forever)
     */
    @Override
    public boolean join(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (!closed) {
                throw new IllegalStateException("join() needs close() or terminate() first: " + settings.kind() + " is running");
            }
            long deadline = System.nanoTime() + nanos;
            while (!allExited()) {
                if (nanos < 0) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean allExited() {
        if (outstanding > 0 && broken == null) {
            return false;
        }
        stopIdle();
        for (Slot s : slots) {
            if (s.worker != null) {
                return false;
            }
        }
        return !anyStarting();
    }

    /** Whether a worker that ended should be replaced: the pool is live and has, or may get, work. */
    private boolean needsWorkers() {
        return !terminated && broken == null && !(closed && outstanding == 0);
    }

    private boolean anyStarting() {
        for (Slot s : slots) {
            if (s.worker == null && s.name != null && !s.ready && !s.retiring && needsWorkers()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return closed && allExitedQuietly();
        } finally {
            lock.unlock();
        }
    }

    private boolean allExitedQuietly() {
        if (outstanding > 0 && broken == null) {
            return false;
        }
        for (Slot s : slots) {
            if (s.worker != null) {
                return false;
            }
        }
        return true;
    }

    public boolean isBroken() {
        lock.lock();
        try {
            return broken != null;
        } finally {
            lock.unlock();
        }
    }

    public int processes() {
        return slots.length;
    }

    /** The pids of the live workers, for tests and tools. */
    public List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> out = new ArrayList<>();
            for (Slot s : slots) {
                if (s.worker != null) {
                    out.add(s.worker.pid());
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return settings.kind() + "[processes=" + slots.length + ", outstanding=" + outstanding
                    + (broken != null ? ", broken" : terminated ? ", terminated" : closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
