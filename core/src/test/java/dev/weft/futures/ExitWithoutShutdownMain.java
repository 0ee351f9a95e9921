package dev.weft.futures;

/**
 * Launched in a child JVM by {@link ThreadPoolExecutorTest}: submits five tasks to a one-worker
 * executor, each printing a line after a short sleep, and returns from {@code main} without
 * shutting the executor down. The JVM must still run every queued task, then exit (the workers
 * are daemon threads; an exit hook finishes the queued tasks, as Python's does). With the
 * argument {@code virtual}, the workers are virtual threads.
 */
public final class ExitWithoutShutdownMain {
    static final int TASKS = 5;

    private ExitWithoutShutdownMain() {}

    public static void main(String[] args) {
        ThreadPoolExecutor.Builder b = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix("exit-test");
        if (args.length > 0 && args[0].equals("virtual")) {
            b.virtualThreads();
        }
        ThreadPoolExecutor executor = b.build();
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            executor.submit(() -> {
                Thread.sleep(50);
                System.out.println("task " + n + " done");
                return null;
            });
        }
        System.out.println("main returns");
    }
}
