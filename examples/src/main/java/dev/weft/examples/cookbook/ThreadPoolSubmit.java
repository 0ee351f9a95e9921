package dev.weft.examples.cookbook;

import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.futures.WeftFuture;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.7 "Creating a Thread Pool", first listing: {@code task()} sums the numbers
 * below one million and prints the thread it ran in; {@code executor.submit(task)} twice on a
 * {@code ThreadPoolExecutor(max_workers=3)}.
 *
 * <p>{@code concurrent.futures.ThreadPoolExecutor} becomes Weft's {@link ThreadPoolExecutor}, whose
 * workers are named as Python's are: {@code ThreadPoolExecutor-<pool number>_<worker number>}.
 * {@code submit(task)} returns a {@link WeftFuture}, Python's {@code Future}; {@code task} returns
 * nothing, so the lambda is a {@link Runnable} and the future's result is {@code null}. Python's
 * {@code threading.current_thread()} is {@link Thread#currentThread()}, printed by its
 * {@code toString()} as Python prints the thread's {@code repr}. The sum overflows an {@code int},
 * so it is a {@code long}.
 *
 * <p>The notebook never shut the executor down: the interpreter joined its workers on exit. Here
 * {@code run} calls {@link ThreadPoolExecutor#shutdown(boolean, boolean) shutdown(true, false)},
 * Python's {@code executor.shutdown()}, which waits for both tasks, so everything is printed when
 * it returns. (An executor that is never shut down would not lose the tasks either: Weft, like
 * Python, finishes them when the JVM exits.)
 *
 * <pre>{@code
 * Executing our Task
 * Executing our Task
 * I: 499999500000
 * Task Executed Thread[#31,ThreadPoolExecutor-0_1,5,main]
 * I: 499999500000
 * Task Executed Thread[#30,ThreadPoolExecutor-0_0,5,main]
 * }</pre>
 * (the two tasks' lines interleave in any order; thread ids and the pool number vary, and if the
 * first task ends before the second is submitted, both can run in worker {@code _0}.)
 */
public final class ThreadPoolSubmit {
    private ThreadPoolSubmit() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    static void task(PrintStream out) {
        out.println("Executing our Task");
        long result = 0;
        for (int i = 0; i < 1_000_000; i++) {
            result = result + i;
        }
        out.println("I: " + result);
        out.println("Task Executed " + Thread.currentThread());
    }

    /** Runs the listing, printing to {@code out}; returns once both tasks have run. */
    public static void run(PrintStream out) throws InterruptedException {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(3); // ThreadPoolExecutor(max_workers=3)
        WeftFuture<?> task1 = executor.submit(() -> task(out));
        WeftFuture<?> task2 = executor.submit(() -> task(out));

        executor.shutdown(true, false); // executor.shutdown(): waits for task1 and task2
    }
}
