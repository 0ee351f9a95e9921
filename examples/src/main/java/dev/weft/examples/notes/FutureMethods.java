package dev.weft.examples.notes;

import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.futures.WeftFuture;
import java.io.PrintStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * Seed 001 (notes "Concurrency in Python"), section "Abstracting Concurrency Mechanisms", which
 * has no listing: "a future is an object that acts as a proxy for a result that is yet to be
 * computed", with its methods {@code cancel}, {@code done}, {@code exception} and
 * {@code add_done_callback(fn)}.
 *
 * <p>Python's {@code Future} is Weft's {@link WeftFuture}, returned by
 * {@link ThreadPoolExecutor#submit}; the four methods are {@link WeftFuture#cancel()},
 * {@link WeftFuture#done()}, {@link WeftFuture#exception()} and
 * {@link WeftFuture#addDoneCallback}. The pool has a single worker, named with Python's
 * {@code thread_name_prefix} ({@link ThreadPoolExecutor.Builder#threadNamePrefix}): while a first
 * task holds it (waiting on a latch), a second one is still pending. Then:
 * <ul>
 *   <li>{@code cancel()} succeeds on the pending future, and fails on the running one: as in
 *       Python, a task that has started runs to its end. A cancelled future's
 *       {@code exception()} throws {@link CancellationException}, Python's {@code CancelledError}.
 *   <li>A callback added to the running future runs in the worker when the task finishes; one
 *       added to a future already done runs at once, in the thread that adds it.
 *   <li>{@code exception()} waits for the future and returns what the task threw, or
 *       {@code null} (Python's {@code None}) if it returned.
 * </ul>
 *
 * <pre>{@code
 * cancel() of the pending future: true
 * cancelled(): true, done(): true
 * exception() of the cancelled future throws CancellationException
 * cancel() of the running future: false
 * done() of the running future: false
 * callback in worker_0: result = finished
 * done() after the callback: true
 * callback added when done runs at once, in the adding thread: true
 * exception() of parseInt("42"): null; result(): 42
 * exception() of parseInt("forty-two"): java.lang.NumberFormatException: For input string: "forty-two"
 * }</pre>
 */
public final class FutureMethods {
    private FutureMethods() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example, printing to {@code out}; returns once every task has ended. */
    public static void run(PrintStream out) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch callbackRan = new CountDownLatch(1);

        try (var executor = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix("worker").build()) {
            WeftFuture<String> running = executor.submit(() -> {
                started.countDown();
                release.await(); // hold the only worker
                return "finished";
            });
            started.await();
            WeftFuture<String> pending = executor.submit(() -> "never runs"); // waits for the worker

            // cancel: only while pending
            out.println("cancel() of the pending future: " + pending.cancel());
            out.println("cancelled(): " + pending.cancelled() + ", done(): " + pending.done());
            try {
                pending.exception();
            } catch (CancellationException e) {
                out.println("exception() of the cancelled future throws CancellationException");
            }
            out.println("cancel() of the running future: " + running.cancel());

            // done, add_done_callback
            out.println("done() of the running future: " + running.done());
            running.addDoneCallback(f -> {
                out.println("callback in " + Thread.currentThread().getName() + ": result = " + f.resultNow());
                callbackRan.countDown();
            });
            release.countDown(); // let the running task finish
            callbackRan.await();
            out.println("done() after the callback: " + running.done());
            Thread caller = Thread.currentThread();
            running.addDoneCallback(_ -> out.println(
                    "callback added when done runs at once, in the adding thread: "
                            + (Thread.currentThread() == caller)));

            // exception: None when the task returned, else what it raised
            WeftFuture<Integer> parsed = executor.submit(Integer::parseInt, "42");
            out.println("exception() of parseInt(\"42\"): " + parsed.exception() + "; result(): " + parsed.result());
            WeftFuture<Integer> failed = executor.submit(Integer::parseInt, "forty-two");
            out.println("exception() of parseInt(\"forty-two\"): " + failed.exception());
        }
    }
}
