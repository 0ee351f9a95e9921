package dev.weft.examples.notes;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotesExamplesTest {

    @Test
    void lockWithStatement() throws Exception {
        assertThat(linesOf(LockWithStatement::run)).containsExactly(
                "4 threads appended 4000 items under the lock",
                "the block threw \"something went wrong\"; lock still held: false");
    }

    @Test
    void semaphoreAcquireRelease() throws Exception {
        assertThat(linesOf(SemaphoreAcquireRelease::run)).containsExactlyInAnyOrder(
                "Thread-1 holds the permit; permits left: 0",
                "Thread-2 holds the permit; permits left: 0",
                "Thread-3 holds the permit; permits left: 0");
    }

    @Test
    void boundedSemaphoreLimit() throws Exception {
        List<String> lines = linesOf(BoundedSemaphoreLimit::run);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("9 threads used the resource; most inside at once: 3");
        assertThat(lines.get(1)).startsWith("release() once too often: IllegalStateException: ");
    }

    @Test
    void semaphoreWithStatement() throws Exception {
        List<String> lines = linesOf(SemaphoreWithStatement::run);
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 5)).containsExactlyInAnyOrder(
                "Thread-1 runs some code", "Thread-2 runs some code", "Thread-3 runs some code",
                "Thread-4 runs some code", "Thread-5 runs some code");
        assertThat(lines.get(5)).isEqualTo("permits free after the with blocks: 3 of 3");
    }

    @Test
    void eventWaitSetClear() throws Exception {
        List<String> lines = linesOf(EventWaitSetClear::run);
        assertThat(lines).containsExactlyInAnyOrder(
                "client: waiting for the flag",
                "server: setting the flag",
                "client: the flag is set, going on",
                "server: flag cleared; is_set() = false",
                "server: wait(timeout) on the cleared flag returned false");
        // The first two in either order; the client goes on only after the set.
        assertThat(lines.get(2)).isEqualTo("client: the flag is set, going on");
        assertThat(lines.get(3)).isEqualTo("server: flag cleared; is_set() = false");
        assertThat(lines.get(4)).isEqualTo("server: wait(timeout) on the cleared flag returned false");
    }

    @Test
    void queueTaskDone() throws Exception {
        assertThat(linesOf(QueueTaskDone::run)).containsExactly(
                "consumed item 0", "consumed item 1", "consumed item 2", "consumed item 3",
                "consumed item 4", "consumed item 5", "consumed item 6", "consumed item 7",
                "consumed item 8", "consumed item 9",
                "join() returned: all 10 items processed");
    }

    @Test
    void threadWithTarget() throws Exception {
        assertThat(linesOf(ThreadWithTarget::run)).containsExactly("some_func called with val = some args");
    }

    @Test
    void fibonacciThreads() throws Exception {
        assertThat(linesOf(FibonacciThreadExample::run)).containsExactlyInAnyOrder("34", "144");
    }

    @Test
    void fibonacciThreadOfSmallNumbers() throws Exception {
        assertThat(linesOf(out -> {
            for (int n : new int[] {0, 1, 2, 20}) {
                var t = new FibonacciThreadExample.FibonacciThread(n, out);
                t.start();
                t.join();
            }
        })).containsExactly("0", "1", "1", "6765");
    }

    // ------------------------------------------------------------ Abstracting Concurrency Mechanisms

    @Test
    void executorMap() throws Exception {
        assertThat(linesOf(ExecutorMap::run)).containsExactly(
                "square(3) finished",
                "square(2) finished",
                "square(1) finished",
                "map gave 1",
                "map gave 4",
                "map gave 9",
                "map with a timeout of 20 ms: next() threw UncheckedTimeoutException",
                "the late task finished anyway",
                "submit after the with block: RejectedExecutionException");
    }

    @Test
    void futureMethods() throws Exception {
        assertThat(linesOf(FutureMethods::run)).containsExactly(
                "cancel() of the pending future: true",
                "cancelled(): true, done(): true",
                "exception() of the cancelled future throws CancellationException",
                "cancel() of the running future: false",
                "done() of the running future: false",
                "callback in worker_0: result = finished",
                "done() after the callback: true",
                "callback added when done runs at once, in the adding thread: true",
                "exception() of parseInt(\"42\"): null; result(): 42",
                "exception() of parseInt(\"forty-two\"): java.lang.NumberFormatException: For input string: \"forty-two\"");
    }

    @Test
    void waitAndAsCompleted() throws Exception {
        assertThat(linesOf(WaitAndAsCompleted::run)).containsExactly(
                "wait(FIRST_COMPLETED): done [b], not done [a, c]",
                "wait(timeout=20 ms, ALL_COMPLETED): done [b], not done [a, c]",
                "wait(ALL_COMPLETED): done [a, b, c], not done []",
                "as_completed gave z",
                "as_completed gave x",
                "as_completed gave y");
    }

    @Test
    void eventLoopRunForever() throws Exception {
        assertThat(linesOf(EventLoopRunForever::run)).containsExactly(
                "Hello World (loop running: true)", "run_forever returned; closed: false", "closed: true");
    }

    @Test
    void eventLoopRunUntilComplete() throws Exception {
        // Both tasks start before either is done: the loop switched at the sleeps.
        assertThat(linesOf(EventLoopRunUntilComplete::run)).containsExactly(
                "a: compute 1 + 2 ...", "b: compute 3 + 4 ...", "a: done", "b: done", "result: 10");
    }

    @Test
    void eventLoopCallAt() throws Exception {
        assertThat(linesOf(EventLoopCallAt::run)).containsExactly("call_soon", "call_later 0.1 s", "call_at +0.3 s");
    }
}
