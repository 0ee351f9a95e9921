package dev.weft.examples.cookbook;

import dev.weft.futures.WeftFuture;
import dev.weft.process.ProcessPoolExecutor;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.8 "Performing Simple Parallel Programming", first listing: {@code task()}
 * prints the id of the process it runs in; {@code executor.submit(task)} twice on a
 * {@code ProcessPoolExecutor(max_workers=3)}.
 *
 * <p>{@code concurrent.futures.ProcessPoolExecutor} becomes Weft's {@link ProcessPoolExecutor},
 * whose workers are child JVMs; {@code os.getpid()} is {@link ProcessHandle#current()}{@code .pid()}
 * in the worker, so each line names a worker's pid, never this JVM's. The task prints with
 * {@code System.out.println} in the worker; Weft forwards its lines to this JVM's
 * {@code System.out} (in {@link #main}, the {@code out} given to {@link #run}).
 *
 * <p>Python's {@code task} returns {@code None}; a task sent to a worker must be serializable, and
 * a lambda whose body is a {@code void} call is only a {@link Runnable}, which is not, so the port
 * submits {@code () -> { task(); return null; }}, a serializable callable whose future's result
 * is {@code null}, as Python's is {@code None}.
 *
 * <p>The notebook never shut the executor down: the interpreter joined its workers on exit. Here
 * {@code run} calls {@link ProcessPoolExecutor#shutdown(boolean, boolean) shutdown(true, false)},
 * Python's {@code executor.shutdown()}, which waits for both tasks.
 *
 * <pre>{@code
 * Executing our Task on Process 48213
 * Executing our Task on Process 48214
 * }</pre>
 * (the pids vary; both tasks may run in the same worker.)
 */
public final class ProcessPoolSubmit {
    private ProcessPoolSubmit() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** The listing's {@code task}, run in a worker. */
    static void task() {
        System.out.println("Executing our Task on Process " + ProcessHandle.current().pid());
    }

    /**
     * Runs the listing; the workers print to this JVM's {@code System.out}, so {@code out} is not
     * used. Returns once both tasks have run and the workers have exited.
     */
    public static void run(PrintStream out) throws InterruptedException {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(3); // ProcessPoolExecutor(max_workers=3)
        WeftFuture<Object> task1 = executor.submit(() -> {
            task();
            return null;
        });
        WeftFuture<Object> task2 = executor.submit(() -> {
            task();
            return null;
        });

        executor.shutdown(true, false); // executor.shutdown(): waits for task1 and task2
    }
}
