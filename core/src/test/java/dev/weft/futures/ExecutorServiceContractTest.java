package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.sync.Event;
import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link ExecutorService} contract, as a client that knows only that interface sees it, for
 * {@link ThreadPoolExecutor} with platform and with virtual workers: {@code submit} of a
 * {@code Callable}, a {@code Runnable} and a {@code Runnable} with a result; {@code invokeAll} and
 * {@code invokeAny}, with and without a timeout; shutdown rejecting new tasks and running queued
 * ones; {@code shutdownNow} interrupting running tasks and returning the queued ones, cancelled
 * (Weft's deliberate difference from the JDK's executors: nothing waits for them forever);
 * {@code awaitTermination}, {@code isShutdown} and {@code isTerminated}; {@code close()}, also
 * when interrupted; and {@code execute}, whose failures go to the uncaught-exception handler.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorServiceContractTest {

    private static final long LONG_SECONDS = TestThreads.LONG.toSeconds();
    private static final long SHORT_MILLIS = 100;

    private static void assertLastedAtLeast(long startNanos, long millis) {
        assertThat(System.nanoTime() - startNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** A task that waits for {@code gate}; interruptible. Counts itself started first. */
    private static Callable<String> held(Event gate, CountDownLatch started, String result) {
        return () -> {
            started.countDown();
            gate.await();
            return result;
        };
    }

    // ------------------------------------------------------------ submit

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitACallableReturnsItsResult(PoolKind kind) throws Exception {
        try (ExecutorService executor = kind.create(2)) {
            Future<String> f = executor.submit(() -> "result");

            assertThat(f.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("result");
            assertThat(f.isDone()).isTrue();
            assertThat(f.isCancelled()).isFalse();
            assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(f.resultNow()).isEqualTo("result");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitAFailingCallableReportsItsException(PoolKind kind) throws Exception {
        IOException failure = new IOException("failed (test)");
        try (ExecutorService executor = kind.create(2)) {
            Future<String> f = executor.submit(() -> {
                throw failure;
            });

            assertThatThrownBy(() -> f.get(LONG_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
            assertThat(f.state()).isEqualTo(Future.State.FAILED);
            assertThat(f.exceptionNow()).isSameAs(failure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitARunnableRunsItAndReturnsNull(PoolKind kind) throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (ExecutorService executor = kind.create(2)) {
            Future<?> f = executor.submit(() -> ran.set(true));

            assertThat(f.get(LONG_SECONDS, TimeUnit.SECONDS)).isNull();
            assertThat(ran).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitARunnableWithAResultReturnsTheResult(PoolKind kind) throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (ExecutorService executor = kind.create(2)) {
            Future<String> f = executor.submit(() -> ran.set(true), "given");

            assertThat(f.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("given");
            assertThat(ran).isTrue();

            RuntimeException failure = new IllegalStateException("runnable failed (test)");
            Future<String> failing = executor.submit(() -> {
                throw failure;
            }, "never");
            assertThatThrownBy(() -> failing.get(LONG_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitsHappenBeforeTheTasksAndTasksBeforeTheirFutures(PoolKind kind) throws Exception {
        try (ExecutorService executor = kind.create(4)) {
            for (int i = 0; i < 200; i++) {
                int[] box = {i};
                Future<Integer> f = executor.submit(() -> {
                    box[0]++;
                    return box[0];
                });
                assertThat(f.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(i + 1);
                assertThat(box[0]).isEqualTo(i + 1);
            }
        }
    }

    // ------------------------------------------------------------ invokeAll, invokeAny

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void invokeAllWaitsForEveryTaskAndKeepsTheOrder(PoolKind kind) throws Exception {
        IOException failure = new IOException("one task fails (test)");
        try (ExecutorService executor = kind.create(3)) {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                tasks.add(() -> {
                    if (n == 4) {
                        throw failure;
                    }
                    return n * 10;
                });
            }

            List<Future<Integer>> futures = executor.invokeAll(tasks);

            assertThat(futures).hasSize(10).allSatisfy(f -> assertThat(f.isDone()).isTrue());
            for (int i = 0; i < 10; i++) {
                if (i == 4) {
                    assertThat(futures.get(i).exceptionNow()).isSameAs(failure);
                } else {
                    assertThat(futures.get(i).resultNow()).isEqualTo(i * 10);
                }
            }
            assertThat(executor.invokeAll(List.of())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void timedInvokeAllCancelsTheTasksNotDoneInTime(PoolKind kind) throws Exception {
        Event never = new Event();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        ExecutorService executor = kind.create(3);
        Callable<String> slow = interruptCounting(never, started, interrupted);
        Callable<String> quick = () -> "quick";

        long start = System.nanoTime();
        List<Future<String>> futures = executor.invokeAll(List.of(quick, slow, slow), SHORT_MILLIS, TimeUnit.MILLISECONDS);

        assertLastedAtLeast(start, SHORT_MILLIS);
        assertThat(futures).hasSize(3).allSatisfy(f -> assertThat(f.isDone()).isTrue());
        assertThat(futures.get(0).resultNow()).isEqualTo("quick");
        assertThat(futures.get(1).isCancelled()).isTrue();
        assertThat(futures.get(2).isCancelled()).isTrue();
        executor.close(); // waits for the slow tasks: they must have been interrupted
        assertThat(interrupted).as("every slow task that started was interrupted").hasValue(started.get());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void timedInvokeAllThatFinishesInTimeReturnsEveryResult(PoolKind kind) throws Exception {
        try (ExecutorService executor = kind.create(3)) {
            List<Future<Integer>> futures = executor.invokeAll(List.of(() -> 1, () -> 2, () -> 3),
                    LONG_SECONDS, TimeUnit.SECONDS);

            assertThat(futures).extracting(Future::resultNow).containsExactly(1, 2, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void invokeAnyReturnsASuccessfulResult(PoolKind kind) throws Exception {
        try (ExecutorService executor = kind.create(3)) {
            Callable<String> fails = () -> {
                throw new IOException("fails (test)");
            };
            Callable<String> succeeds = () -> "success";

            assertThat(executor.invokeAny(List.of(fails, succeeds, fails))).isEqualTo("success");
            assertThat(executor.invokeAny(List.of(fails, succeeds), LONG_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("success");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void invokeAnyThrowsExecutionExceptionWhenEveryTaskFails(PoolKind kind) {
        try (ExecutorService executor = kind.create(3)) {
            List<Callable<String>> tasks = List.of(
                    () -> {
                        throw new IOException("first (test)");
                    },
                    () -> {
                        throw new IOException("second (test)");
                    });

            assertThatThrownBy(() -> executor.invokeAny(tasks))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class);
            assertThatThrownBy(() -> executor.invokeAny(tasks, LONG_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class);
            assertThatThrownBy(() -> executor.invokeAny(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void timedInvokeAnyThrowsTimeoutExceptionAndCancelsTheTasks(PoolKind kind) throws Exception {
        Event never = new Event();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        ExecutorService executor = kind.create(2);
        Callable<String> slow = interruptCounting(never, started, interrupted);

        long start = System.nanoTime();
        assertThatThrownBy(() -> executor.invokeAny(List.of(slow, slow), SHORT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);

        assertLastedAtLeast(start, SHORT_MILLIS);
        executor.close(); // waits for the slow tasks: they must have been interrupted
        assertThat(interrupted).as("every task that started was interrupted").hasValue(started.get());
    }

    /** A task that waits for {@code gate}, counting when it starts and when it is interrupted. */
    private static Callable<String> interruptCounting(Event gate, AtomicInteger started, AtomicInteger interrupted) {
        return () -> {
            started.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return "slow";
        };
    }

    // ------------------------------------------------------------ shutdown

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void afterShutdownEverySubmissionIsRejected(PoolKind kind) throws Exception {
        try (ExecutorService executor = kind.create(2)) {
            executor.submit(() -> 1).get(LONG_SECONDS, TimeUnit.SECONDS);

            executor.shutdown();

            assertThatThrownBy(() -> executor.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> executor.submit(() -> {})).isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> executor.submit(() -> {}, 1)).isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> executor.invokeAll(List.of(() -> 1)))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> executor.invokeAny(List.of(() -> 1)))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> executor.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
                    .isNotInstanceOf(BrokenExecutorException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void shutdownLetsTheQueuedTasksRun(PoolKind kind) throws Exception {
        Event gate = new Event();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try (ExecutorService executor = kind.create(1)) {
            Future<String> running = executor.submit(held(gate, started, "held"));
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queued.add(executor.submit(ran::incrementAndGet));
            }
            assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();

            executor.shutdown();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isFalse();
            gate.set();

            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(running.resultNow()).isEqualTo("held");
            assertThat(queued).extracting(Future::resultNow).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(ran).hasValue(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void shutdownNowInterruptsRunningTasksAndReturnsTheQueuedOnesCancelled(PoolKind kind) throws Exception {
        Event never = new Event();
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        AtomicInteger queuedRan = new AtomicInteger();
        try (ExecutorService executor = kind.create(2)) {
            List<Future<String>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(executor.submit(() -> {
                    started.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                }));
            }
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(executor.submit(queuedRan::incrementAndGet));
            }
            AtomicBoolean executedRan = new AtomicBoolean();
            executor.execute(() -> executedRan.set(true));
            assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();

            List<Runnable> returned = executor.shutdownNow();

            assertThat(returned).hasSize(4);
            assertThat(returned.stream().map(Object.class::cast).toList()).containsAll(queued);
            for (Runnable r : returned) {
                assertThat(r).isInstanceOf(Future.class);
                assertThat(((Future<?>) r).isCancelled()).as("%s is cancelled", r).isTrue();
                r.run(); // does nothing
            }
            for (Future<Integer> f : queued) {
                assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
            }
            assertThat(interrupted.await(LONG_SECONDS, TimeUnit.SECONDS)).as("running tasks interrupted").isTrue();
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            for (Future<String> f : running) {
                assertThat(f.state()).isEqualTo(Future.State.FAILED);
                assertThat(f.exceptionNow()).isInstanceOf(InterruptedException.class);
            }
            assertThat(queuedRan).as("returned tasks run by the caller do nothing").hasValue(0);
            assertThat(executedRan).isFalse();
            assertThat(executor.shutdownNow()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void awaitTerminationSaysWhetherTheExecutorTerminatedInTime(PoolKind kind) throws Exception {
        Event gate = new Event();
        CountDownLatch started = new CountDownLatch(1);
        try (ExecutorService executor = kind.create(1)) {
            executor.submit(held(gate, started, "held"));
            assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            assertThat(executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS))
                    .as("not shut down: cannot terminate").isFalse();
            assertLastedAtLeast(start, SHORT_MILLIS);
            executor.shutdown();
            start = System.nanoTime();
            assertThat(executor.awaitTermination(SHORT_MILLIS, TimeUnit.MILLISECONDS))
                    .as("a task still runs").isFalse();
            assertLastedAtLeast(start, SHORT_MILLIS);
            assertThat(executor.awaitTermination(0, TimeUnit.SECONDS)).isFalse();

            gate.set();

            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void isShutdownAndIsTerminatedFollowTheLifecycle(PoolKind kind) throws Exception {
        Event gate = new Event();
        CountDownLatch started = new CountDownLatch(1);
        try (ExecutorService executor = kind.create(1)) {
            assertThat(executor.isShutdown()).isFalse();
            assertThat(executor.isTerminated()).isFalse();
            executor.submit(held(gate, started, "held"));
            assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.isShutdown()).isFalse();

            executor.shutdown();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isFalse();

            gate.set();
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isTrue();
        }
    }

    // ------------------------------------------------------------ close

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void closeWaitsForEveryTask(PoolKind kind) throws Exception {
        Event gate = new Event();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        ExecutorService executor = kind.create(1);
        Future<String> running = executor.submit(held(gate, started, "held"));
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(executor.submit(ran::incrementAndGet));
        }
        assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();

        TestThreads.Checked closer = TestThreads.start("closer", executor::close);
        closer.awaitBlocked();
        assertThat(closer.thread().isAlive()).as("close() waits").isTrue();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.isTerminated()).isFalse();

        gate.set();
        closer.joinSuccessfully();

        assertThat(executor.isTerminated()).isTrue();
        assertThat(running.resultNow()).isEqualTo("held");
        assertThat(queued).allSatisfy(f -> assertThat(f.state()).isEqualTo(Future.State.SUCCESS));
        assertThat(ran).hasValue(3);
        executor.close(); // again: returns at once
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void closeInterruptedWhileWaitingShutsDownNowAndKeepsTheInterrupt(PoolKind kind) throws Exception {
        Event never = new Event();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        AtomicBoolean interruptedOnReturn = new AtomicBoolean();
        ExecutorService executor = kind.create(1);
        Future<String> running = executor.submit(held(never, started, "never"));
        Future<?> queued = executor.submit(() -> queuedRan.set(true));
        assertThat(started.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();

        TestThreads.Checked closer = TestThreads.start("closer", () -> {
            executor.close();
            interruptedOnReturn.set(Thread.currentThread().isInterrupted());
        });
        closer.awaitBlocked();
        closer.thread().interrupt();
        closer.joinSuccessfully();

        assertThat(interruptedOnReturn).as("close() returns with the interrupt status set").isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(queued.isCancelled()).isTrue();
        assertThat(queuedRan).isFalse();
        assertThat(running.state()).isEqualTo(Future.State.FAILED);
        assertThat(running.exceptionNow()).isInstanceOf(InterruptedException.class);
    }

    // ------------------------------------------------------------ execute

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void executeRunsTheCommand(PoolKind kind) throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        try (ExecutorService executor = kind.create(2)) {
            for (int i = 0; i < 3; i++) {
                executor.execute(ran::countDown);
            }
            assertThat(ran.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anExceptionFromExecuteGoesToTheUncaughtExceptionHandlerAndTheWorkerGoesOn(PoolKind kind)
            throws Exception {
        AtomicReference<Throwable> handled = new AtomicReference<>();
        AtomicReference<Thread> handledIn = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        RuntimeException boom = new IllegalStateException("from execute (test)");
        try (ExecutorService executor = kind.create(1)) {
            // The only worker gets a handler of the test's own; the default one would print.
            Thread worker = executor.submit(() -> {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
                    handledIn.set(t);
                    handled.set(e);
                    reported.countDown();
                });
                return Thread.currentThread();
            }).get(LONG_SECONDS, TimeUnit.SECONDS);

            executor.execute(() -> {
                throw boom;
            });

            assertThat(reported.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(handled.get()).isSameAs(boom);
            assertThat(handledIn.get()).isSameAs(worker);
            Thread next = executor.submit(Thread::currentThread).get(LONG_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("the same worker runs the next task").isSameAs(worker);
            assertThat(worker.isAlive()).isTrue();
        }
    }
}
