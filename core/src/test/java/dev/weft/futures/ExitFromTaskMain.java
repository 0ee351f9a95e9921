package dev.weft.futures;

import java.util.concurrent.CountDownLatch;

/**
 * Launched in a child JVM by {@link ThreadPoolExecutorTest}: a task calls {@code System.exit(3)}
 * while another worker of the same executor is still busy, and {@code main} waits forever. The
 * exit must not wait for the worker that called it (that would hang the JVM), but still lets the
 * other worker finish its task. With the argument {@code virtual}, the workers are virtual threads.
 */
public final class ExitFromTaskMain {
    static final int STATUS = 3;

    private ExitFromTaskMain() {}

    public static void main(String[] args) throws InterruptedException {
        ThreadPoolExecutor.Builder b = ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix("exit-from-task");
        if (args.length > 0 && args[0].equals("virtual")) {
            b.virtualThreads();
        }
        ThreadPoolExecutor executor = b.build();
        CountDownLatch otherStarted = new CountDownLatch(1);
        executor.submit(() -> {
            otherStarted.countDown();
            Thread.sleep(200);
            System.out.println("other task done");
            return null;
        });
        executor.submit(() -> {
            otherStarted.await();
            System.out.println("exiting");
            System.exit(STATUS);
            return null;
        });
        new CountDownLatch(1).await(); // never returns: only System.exit ends this JVM
    }
}
