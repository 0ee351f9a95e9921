package dev.weft.futures;

import dev.weft.function.ThrowingConsumer;
import dev.weft.function.ThrowingRunnable;
import java.lang.ref.Cleaner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker threads that run submitted tasks: Python's
 * {@code concurrent.futures.ThreadPoolExecutor}, as a {@link WeftExecutor} (and so an
 * {@link java.util.concurrent.ExecutorService}).
 *
 * <pre>{@code
 * try (var executor = new ThreadPoolExecutor(3)) {          // with ThreadPoolExecutor(max_workers=3) as executor:
 *     WeftFuture<Integer> f = executor.submit(x -> x * x, 7); //     f = executor.submit(square, 7)
 *     for (int r : executor.map(x -> x + 1, List.of(1, 2, 3))) { ... }
 * }                                                          // waits for every task
 * }</pre>
 *
 * <p><b>Workers.</b> At most {@code maxWorkers} threads, by default Python's
 * {@code min(32, cores + 4)}. None exist until the first submission. A submission hands its task
 * straight to an idle worker if one is waiting; only when none is does it queue the task and, if
 * fewer than {@code maxWorkers} exist, start another. Workers are named
 * {@code <prefix>_<n>}, the prefix being {@code ThreadPoolExecutor-<pool number>} unless set.
 * They are daemon platform threads, or virtual threads with {@link Builder#virtualThreads()}.
 *
 * <p><b>Initializer.</b> Each worker runs the initializer, if given, before its first task. If it
 * throws, the executor breaks, as Python's does: the exception is logged, every queued task's
 * future fails with a {@link BrokenExecutorException} whose cause is that exception, every later
 * submission throws one, and the executor shuts down (running tasks finish).
 *
 * <p><b>Shutting down.</b> See {@link #shutdown(boolean, boolean)}, {@link #shutdownNow()} and
 * {@link #close()}. An executor that is never shut down does not keep the JVM alive, and loses
 * nothing: when the JVM exits normally (the last non-daemon thread ends, or
 * {@link System#exit}), every such executor is shut down and its queued tasks run to their end
 * first, as Python joins its executors' threads at exit. (If a task itself calls
 * {@code System.exit}, the JVM exits once the executor's other workers have finished; tasks that
 * only the exiting worker could have run are dropped.) An executor that becomes unreachable is
 * shut down as well, so its idle threads end.
 *
 * <p>Memory visibility: actions in a thread before it submits a task happen-before the task
 * runs; the task's actions happen-before its future is seen done; the actions of every task
 * happen-before {@link #awaitTermination} returns {@code true}.
 */
public final class ThreadPoolExecutor extends AbstractExecutorService implements WeftExecutor {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Cleaner CLEANER = Cleaner.create();

    private final Workers workers;

    /** Creates an executor with Python's default number of workers, {@link #defaultMaxWorkers()}. */
    public ThreadPoolExecutor() {
        this(builder());
    }

    /**
     * Creates an executor with at most {@code maxWorkers} platform threads.
     *
     * @param maxWorkers the most threads it runs
     * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
     */
    public ThreadPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ThreadPoolExecutor(Builder b) {
        int number = POOLS.getAndIncrement();
        String prefix = (b.threadNamePrefix != null ? b.threadNamePrefix : "ThreadPoolExecutor-" + number) + "_";
        ThreadFactory factory = b.virtual
                ? Thread.ofVirtual().name(prefix, 0).factory()
                : Thread.ofPlatform().daemon(true).name(prefix, 0).factory();
        this.workers = new Workers(b.maxWorkers, factory, b.initializer, prefix);
        CLEANER.register(this, workers::shutdown); // dropped without a shutdown: let idle workers end
    }

    /**
     * Python's default {@code max_workers}: {@code min(32, available processors + 4)}.
     *
     * @return the default number of workers
     */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /**
     * Starts the description of an executor: workers, thread names, initializer, thread kind.
     *
     * @return a builder with Python's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the most worker threads this executor runs at once} */
    public int maxWorkers() {
        return workers.maxWorkers;
    }

    // ---------------------------------------------------------------- submitting

    @Override
    public <T> WeftFuture<T> submit(Callable<T> task) {
        TaskFuture<T> f = new TaskFuture<>(Objects.requireNonNull(task, "task"));
        workers.enqueue(f);
        return f;
    }

    @Override
    public WeftFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> WeftFuture<T> submit(Runnable task, T result) {
        return submit(Executors.callable(Objects.requireNonNull(task, "task"), result));
    }

    /**
     * Runs {@code command} in a worker. No future reports its outcome, so an exception it throws
     * goes to the worker thread's uncaught-exception handler (the worker goes on).
     *
     * @throws RejectedExecutionException if the executor is shut down or broken
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        workers.enqueue(command instanceof TaskFuture<?> f ? f : new ReportingTask(command));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new TaskFuture<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new TaskFuture<>(Executors.callable(runnable, value));
    }

    // ---------------------------------------------------------------- shutting down

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if {@code wait} is {@code true} and the calling thread is one
     *     of this executor's workers: it would wait for itself forever (Python raises
     *     {@code RuntimeError} here). The executor is left as it was.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        if (wait) {
            workers.checkNotWorker();
        }
        workers.shutdown();
        if (cancelFutures) {
            workers.cancelQueued();
        }
        if (wait) {
            workers.terminated.await();
        }
    }

    /**
     * Shuts down and waits for every task to finish, as {@link java.util.concurrent.ExecutorService#close()}
     * does: Python's {@code with} block, or {@code shutdown(wait=True)}. If interrupted while
     * waiting, cancels what is left with {@link #shutdownNow()}, keeps waiting for the running
     * tasks, and returns with the interrupt status set.
     *
     * @throws IllegalStateException if called from one of this executor's own workers, which
     *     would wait for itself forever; the executor is left as it was
     */
    @Override
    public void close() {
        workers.checkNotWorker();
        WeftExecutor.super.close();
    }

    @Override
    public void shutdown() {
        workers.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        workers.shutdown();
        workers.stopping = true; // before the interrupts: see work()
        List<Runnable> cancelled = workers.cancelQueued();
        workers.interruptAll();
        return cancelled;
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return workers.terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return workers.terminated.await(timeout, unit);
    }

    /** {@return whether a worker's initializer failed, which broke the executor} */
    public boolean isBroken() {
        return workers.broken != null;
    }

    @Override
    public String toString() {
        return "ThreadPoolExecutor[" + workers + "]";
    }

    // ---------------------------------------------------------------- builder

    /** Describes a {@link ThreadPoolExecutor}; Python's constructor arguments. Not thread-safe. */
    public static final class Builder {
        private int maxWorkers = defaultMaxWorkers();
        private String threadNamePrefix;
        private ThrowingRunnable initializer;
        private boolean virtual;

        private Builder() {}

        /**
         * At most {@code maxWorkers} threads: Python's {@code max_workers}.
         *
         * @param maxWorkers the most threads, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
         */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers < 1) {
                throw new IllegalArgumentException("maxWorkers must be at least 1: " + maxWorkers);
            }
            this.maxWorkers = maxWorkers;
            return this;
        }

        /**
         * Names the workers {@code <prefix>_0}, {@code <prefix>_1}, ...: Python's
         * {@code thread_name_prefix}.
         *
         * @param prefix the start of each worker's name
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Each worker runs {@code initializer} before its first task: Python's {@code initializer}
         * with no {@code initargs}. If it throws, the executor breaks (see
         * {@link ThreadPoolExecutor}).
         *
         * @param initializer what each worker runs first
         * @return this builder
         */
        public Builder initializer(ThrowingRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Each worker runs {@code initializer(argument)} before its first task: Python's
         * {@code initializer} and {@code initargs}. If it throws, the executor breaks.
         *
         * @param <A> the type of the argument
         * @param initializer what each worker runs first
         * @param argument what it is given
         * @return this builder
         */
        public <A> Builder initializer(ThrowingConsumer<? super A> initializer, A argument) {
            Objects.requireNonNull(initializer, "initializer");
            this.initializer = () -> initializer.accept(argument);
            return this;
        }

        /**
         * Runs the workers on virtual threads instead of daemon platform threads. Virtual
         * threads are cheap to block, so a large {@code maxWorkers} suits tasks that mostly wait
         * on I/O.
         *
         * @return this builder
         */
        public Builder virtualThreads() {
            this.virtual = true;
            return this;
        }

        /**
         * Creates the executor. No thread starts until the first task is submitted.
         *
         * @return the executor
         */
        public ThreadPoolExecutor build() {
            return new ThreadPoolExecutor(this);
        }
    }

    /** A task given to {@code execute}: its failure goes to the uncaught-exception handler. */
    private static final class ReportingTask extends TaskFuture<Void> {
        ReportingTask(Runnable command) {
            super(Executors.callable(command, null));
        }

        @Override
        void failed(Throwable failure) {
            Thread t = Thread.currentThread();
            try {
                t.getUncaughtExceptionHandler().uncaughtException(t, failure);
            } catch (Throwable ignored) {
                // Ignored, as the JVM ignores what a handler throws: it must not end the worker,
                // which would strand the queued tasks.
            }
        }
    }

    // ---------------------------------------------------------------- the engine

    /**
     * The queue and threads behind one executor. Kept apart from the executor object so that the
     * workers never reach it and an abandoned executor can be cleaned.
     */
    private static final class Workers {
        private static final System.Logger LOG = System.getLogger("dev.weft.futures");
        /** Set in {@link #ctl} once shut down; the low bits count the workers alive. */
        private static final int SHUTDOWN = 1 << 30;
        private static final int COUNT = SHUTDOWN - 1;
        /** Put in the queue at shutdown to release workers waiting in take(); passed on by each. */
        private static final Runnable WAKE = () -> {};
        /** Executors with live workers, joined when the JVM exits. */
        private static final Set<Workers> LIVE = ConcurrentHashMap.newKeySet();
        private static final VarHandle CTL;

        static {
            try {
                CTL = MethodHandles.lookup().findVarHandle(Workers.class, "ctl", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
            try {
                Runtime.getRuntime().addShutdownHook(
                        new Thread(Workers::finishAllAtExit, "weft-executors-at-exit"));
            } catch (IllegalStateException alreadyExiting) {
                // The JVM is exiting already; there is nothing to finish at exit.
            }
        }

        final int maxWorkers;
        private final ThreadFactory factory;
        private final ThrowingRunnable initializer;
        private final String prefix;
        private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final CountDownLatch terminated = new CountDownLatch(1);
        private volatile int ctl;
        volatile BrokenExecutorException broken;
        /** Set by shutdownNow: the tasks still run are interrupted. */
        volatile boolean stopping;

        Workers(int maxWorkers, ThreadFactory factory, ThrowingRunnable initializer, String prefix) {
            this.maxWorkers = maxWorkers;
            this.factory = factory;
            this.initializer = initializer;
            this.prefix = prefix;
        }

        boolean isShutdown() {
            return (ctl & SHUTDOWN) != 0;
        }

        void checkNotWorker() {
            if (threads.contains(Thread.currentThread())) {
                throw new IllegalStateException("a task cannot wait for its own executor to terminate: "
                        + Thread.currentThread().getName() + " would wait for itself");
            }
        }

        /**
         * Queues {@code task} for a worker: hands it to an idle one, or queues it and starts a
         * worker if there are fewer than the maximum.
         */
        void enqueue(Runnable task) {
            int c = ctl;
            if ((c & SHUTDOWN) != 0) {
                throw rejection();
            }
            if ((c & COUNT) >= maxWorkers) {
                queue.offer(task); // hands it to a waiting worker if there is one, else queues it
            } else if (queue.tryTransfer(task)) {
                return; // an idle worker took it: no new worker needed
            } else {
                queue.offer(task);
                try {
                    addWorker();
                } catch (RuntimeException | Error e) {
                    if ((ctl & COUNT) == 0 && queue.remove(task)) {
                        throw new RejectedExecutionException("cannot start a worker thread for the task", e);
                    }
                }
            }
            // Shut down meanwhile: workers may have left after seeing an empty queue. Take the task
            // back if no worker got it; if one did, it runs.
            if ((ctl & SHUTDOWN) != 0 && queue.remove(task)) {
                throw rejection();
            }
        }

        private RejectedExecutionException rejection() {
            BrokenExecutorException b = broken;
            if (b != null) {
                return new BrokenExecutorException(b.getMessage(), b.getCause());
            }
            return new RejectedExecutionException("cannot submit a task: the executor is shut down (" + this + ")");
        }

        private void addWorker() {
            for (;;) {
                int c = ctl;
                if ((c & SHUTDOWN) != 0 || (c & COUNT) >= maxWorkers) {
                    return;
                }
                if (CTL.compareAndSet(this, c, c + 1)) {
                    break;
                }
            }
            LIVE.add(this);
            Thread t = null;
            try {
                t = factory.newThread(this::work);
                threads.add(t);
                t.start();
            } catch (RuntimeException | Error e) {
                if (t != null) {
                    threads.remove(t);
                }
                workerExited();
                throw e;
            }
        }

        /** A worker's life: initializer, then tasks until shutdown empties the queue. */
        private void work() {
            try {
                if (initializer != null) {
                    try {
                        initializer.run();
                    } catch (Throwable e) {
                        breakWith(e);
                        return;
                    }
                }
                for (;;) {
                    Runnable r = queue.poll();
                    if (r == null) {
                        if ((ctl & SHUTDOWN) != 0) {
                            // Read the flag before the queue: a task queued before shutdown is
                            // seen here; one queued after is taken back by its submitter.
                            r = queue.poll();
                            if (r == null) {
                                return;
                            }
                        } else {
                            try {
                                r = queue.take();
                            } catch (InterruptedException e) {
                                continue; // shutdownNow, or a stray interrupt: look again
                            }
                        }
                    }
                    if (r == WAKE) {
                        queue.offer(WAKE); // for the next waiting worker
                        return;
                    }
                    // A stray interrupt must not reach the next task, but after shutdownNow every
                    // task still run is interrupted. Clear, then look again: shutdownNow may have
                    // interrupted this thread in between (the JDK's runWorker does the same).
                    if (stopping || (Thread.interrupted() && stopping)) {
                        Thread.currentThread().interrupt();
                    }
                    r.run();
                }
            } finally {
                threads.remove(Thread.currentThread());
                workerExited();
            }
        }

        private void workerExited() {
            int c = (int) CTL.getAndAdd(this, -1) - 1;
            if (c == SHUTDOWN) {
                terminate();
            }
        }

        void shutdown() {
            for (;;) {
                int c = ctl;
                if ((c & SHUTDOWN) != 0) {
                    return;
                }
                if (CTL.compareAndSet(this, c, c | SHUTDOWN)) {
                    if (c == 0) {
                        terminate();
                    } else {
                        queue.offer(WAKE);
                    }
                    return;
                }
            }
        }

        private void terminate() {
            LIVE.remove(this);
            terminated.countDown();
        }

        /** Takes every queued task out and cancels it; returns them. */
        List<Runnable> cancelQueued() {
            List<Runnable> drained = takeQueued();
            for (Runnable r : drained) {
                ((TaskFuture<?>) r).cancel(false);
            }
            return drained;
        }

        /** Takes every queued task out, leaving the shutdown wake-up token in place. */
        private List<Runnable> takeQueued() {
            List<Runnable> drained = new ArrayList<>();
            queue.drainTo(drained);
            if (drained.removeIf(r -> r == WAKE)) {
                queue.offer(WAKE);
            }
            return drained;
        }

        void interruptAll() {
            for (Thread t : threads) {
                t.interrupt();
            }
        }

        /** A worker's initializer threw: fail the queued tasks, refuse new ones, shut down. */
        private void breakWith(Throwable cause) {
            LOG.log(System.Logger.Level.ERROR, "exception in the initializer of a worker of " + prefix
                    + "; the executor is broken", cause);
            BrokenExecutorException b = new BrokenExecutorException(
                    "a worker initializer failed (" + cause + "); the executor cannot run tasks", cause);
            synchronized (this) {
                if (broken == null) {
                    broken = b;
                }
            }
            shutdown();
            for (Runnable r : takeQueued()) {
                ((TaskFuture<?>) r).setException(new BrokenExecutorException(broken.getMessage(), cause));
            }
        }

        /**
         * At JVM exit, as Python's atexit hook: finish every executor's queued tasks. A worker
         * whose task called {@link System#exit} waits for this hook and never ends; waiting for it
         * would hang the JVM, so only the other workers are waited for.
         */
        private static void finishAllAtExit() {
            for (Workers w : LIVE) {
                w.shutdown();
            }
            for (Workers w : LIVE) {
                try {
                    while (!w.terminated.await(100, TimeUnit.MILLISECONDS)) {
                        int exiting = 0;
                        for (Thread t : w.threads) {
                            if (isInExit(t)) {
                                exiting++;
                            }
                        }
                        if (exiting > 0 && (w.ctl & COUNT) <= exiting) {
                            break; // only workers stuck in System.exit are left
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Whether {@code t} is inside {@code System.exit}, which does not return. */
        private static boolean isInExit(Thread t) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals("java.lang.Shutdown") && frame.getMethodName().equals("exit")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            int c = ctl;
            String state = broken != null ? "broken" : terminated.getCount() == 0 ? "terminated"
                    : (c & SHUTDOWN) != 0 ? "shutting down" : "running";
            return state + ", workers=" + (c & COUNT) + ", maxWorkers=" + maxWorkers + ", queued=" + queue.size();
        }
    }
}
