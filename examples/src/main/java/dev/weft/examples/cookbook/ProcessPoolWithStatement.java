package dev.weft.examples.cookbook;

import dev.weft.process.ProcessPoolExecutor;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.8 "Performing Simple Parallel Programming", second listing:
 * {@code with ProcessPoolExecutor(max_workers=3) as executor:} submitting {@code task} twice.
 *
 * <p>The {@code with} block becomes try-with-resources: {@link ProcessPoolExecutor#close()} is
 * {@code shutdown(wait=True)}, so both tasks have run when the block ends. As in
 * {@link ProcessPoolSubmit}, the task prints its worker's pid ({@code os.getpid()} is
 * {@link ProcessHandle#current()}{@code .pid()}) from the worker, whose lines Weft forwards to
 * this JVM's {@code System.out}; and the {@code None}-returning task is submitted as a
 * serializable callable returning {@code null}.
 *
 * <pre>{@code
 * Executing our Task on Process: 48230
 * Executing our Task on Process: 48231
 * }</pre>
 * (the pids vary; both tasks may run in the same worker.)
 */
public final class ProcessPoolWithStatement {
    private ProcessPoolWithStatement() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** The listing's {@code task}, run in a worker. */
    static void task() {
        System.out.println("Executing our Task on Process: " + ProcessHandle.current().pid());
    }

    /**
     * Runs the listing; the workers print to this JVM's {@code System.out}, so {@code out} is not
     * used. Returns once both tasks have run and the workers have exited.
     */
    public static void run(PrintStream out) {
        try (var executor = new ProcessPoolExecutor(3)) { // with ProcessPoolExecutor(max_workers=3) as executor:
            var task1 = executor.submit(() -> {
                task();
                return null;
            });
            var task2 = executor.submit(() -> {
                task();
                return null;
            });
        } // close(): shutdown(wait=True)
    }
}
