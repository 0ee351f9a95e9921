package dev.weft.process;

import dev.weft.function.ThrowingConsumer;
import dev.weft.function.ThrowingRunnable;
import dev.weft.internal.Timeouts;
import dev.weft.process.internal.pool.Engine;
import dev.weft.process.internal.wire.ClassAllowlist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings {@link Pool.Builder} and {@link ProcessPoolExecutor.Builder} share: how workers
 * start, what they run first, when they are recycled, retried or timed out, and what they may
 * decode.
 *
 * @param <B> the builder type, returned by every setter
 */
abstract sealed class WorkerSettings<B extends WorkerSettings<B>> permits Pool.Builder, ProcessPoolExecutor.Builder {
    private int workers = Process.cpuCount();
    private Object initializer;
    private Object initArgument;
    private int maxTasksPerChild;
    private int retries;
    private Duration taskTimeout;
    private ChildJvm jvm = ChildJvm.defaults();
    private final List<String> classes = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();

    WorkerSettings() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    B workers(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1: " + n);
        }
        this.workers = n;
        return self();
    }

    /**
     * Runs {@code initializer} in each worker before its first task.
     *
     * @param initializer what each worker runs first, serializable
     * @return this builder
     */
    public B initializer(ThrowingRunnable initializer) {
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.initArgument = null;
        return self();
    }

    /**
     * Runs {@code initializer(argument)} in each worker before its first task (Python's {@code initargs}).
     *
     * @param <A> the type of the argument
     * @param initializer what each worker runs first, serializable
     * @param argument what it is given
     * @return this builder
     */
    public <A> B initializer(ThrowingConsumer<? super A> initializer, A argument) {
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.initArgument = argument;
        return self();
    }

    /**
     * Replaces each worker after it has run this many tasks (a map's chunk is one task); 0 (the
     * default) never.
     *
     * @param tasks tasks per worker; 0 for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code tasks} is negative
     */
    public B maxTasksPerChild(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("maxTasksPerChild must not be negative: " + tasks);
        }
        this.maxTasksPerChild = tasks;
        return self();
    }

    /**
     * Runs a task again, up to {@code retries} times, when its worker dies under it (default 0). A
     * task may then run more than once: only for tasks that are safe to repeat.
     *
     * @param retries the most times a task runs again
     * @return this builder
     * @throws IllegalArgumentException if {@code retries} is negative
     */
    public B retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        this.retries = retries;
        return self();
    }

    /**
     * Kills and replaces a worker whose task runs longer than {@code timeout}; the task fails with
     * {@link java.util.concurrent.TimeoutException}. Default: no limit.
     *
     * @param timeout the longest a task may run
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative or zero
     */
    public B taskTimeout(Duration timeout) {
        if (Timeouts.toNanos(timeout) == 0) {
            throw new IllegalArgumentException("taskTimeout must be positive: " + timeout);
        }
        this.taskTimeout = timeout;
        return self();
    }

    /**
     * How the worker JVMs are started (options, properties, output).
     *
     * @param jvm the worker JVMs' options, properties and output
     * @return this builder
     */
    public B jvm(ChildJvm jvm) {
        this.jvm = Objects.requireNonNull(jvm, "jvm");
        return self();
    }

    /**
     * Allows values of {@code type} to be decoded in and from workers.
     *
     * @param type the class to allow
     * @return this builder
     */
    public B allowClass(Class<?> type) {
        classes.add(Objects.requireNonNull(type, "type").getName());
        return self();
    }

    /**
     * Allows values of every class in {@code packageName} and below.
     *
     * @param packageName the package to allow, with its subpackages
     * @return this builder
     * @throws IllegalArgumentException for a JDK package ({@code java}, {@code javax}, ...) or a
     *     string that is not a package name
     */
    public B allowPackage(String packageName) {
        ClassAllowlist.builder().allowPackage(packageName); // validates
        packages.add(packageName);
        return self();
    }

    Engine.Settings settings(String kind) {
        return new Engine.Settings(kind, workers, jvm, initializer, initArgument, maxTasksPerChild, retries, taskTimeout,
                List.copyOf(classes), List.copyOf(packages));
    }
}
