package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingFunction;
import dev.weft.sync.Event;
import dev.weft.testing.TestThreads;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ThreadPoolExecutor} beyond the {@code ExecutorService} contract (see
 * {@link ExecutorServiceContractTest}): Python's default worker count, the worker bound, reuse of
 * idle workers, thread names and kinds, the initializer and how its failure breaks the executor,
 * Python's {@code shutdown(wait, cancel_futures)}, {@code submit(fn, args)}, {@code cancel(true)}
 * confined to its task, tasks that submit tasks, submissions racing shutdown, an uncaught-exception
 * handler that throws, an executor dropped without shutdown, and a JVM whose {@code main} returns
 * without shutting its executor down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadPoolExecutorTest {

    private static final long LONG_SECONDS = TestThreads.LONG.toSeconds();

    // ------------------------------------------------------------ workers

    @Test
    void theDefaultMaxWorkersIsPythons() {
        int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);

        assertThat(ThreadPoolExecutor.defaultMaxWorkers()).isEqualTo(expected);
        try (ThreadPoolExecutor byConstructor = new ThreadPoolExecutor();
                ThreadPoolExecutor byBuilder = ThreadPoolExecutor.builder().build();
                ThreadPoolExecutor five = new ThreadPoolExecutor(5)) {
            assertThat(byConstructor.maxWorkers()).isEqualTo(expected);
            assertThat(byBuilder.maxWorkers()).isEqualTo(expected);
            assertThat(five.maxWorkers()).isEqualTo(5);
        }
    }

    @Test
    void maxWorkersBelowOneIsRejected() {
        assertThatThrownBy(() -> new ThreadPoolExecutor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadPoolExecutor(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadPoolExecutor.builder().maxWorkers(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadPoolExecutor.builder().threadNamePrefix(null))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void noMoreThanMaxWorkersThreadsRunTasksAtOnce(PoolKind kind) throws Exception {
        int max = 3;
        int tasks = 12;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Set<Thread> runners = ConcurrentHashMap.newKeySet();
        CountDownLatch maxStarted = new CountDownLatch(max);
        Event release = new Event();
        try (ThreadPoolExecutor executor = kind.create(max)) {
            List<WeftFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int n = i;
                futures.add(executor.submit(() -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    runners.add(Thread.currentThread());
                    maxStarted.countDown();
                    release.await();
                    running.decrementAndGet();
                    return n;
                }));
            }
            assertThat(maxStarted.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(running).as("tasks held at once").hasValue(max);
            assertThat(executor.toString()).contains("workers=" + max);

            release.set();
            for (int i = 0; i < tasks; i++) {
                assertThat(futures.get(i).get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(i);
            }
            assertThat(mostRunning).hasValue(max);
            assertThat(runners).hasSize(max);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anIdleWorkerIsReusedBeforeANewOneStarts(PoolKind kind) throws Exception {
        try (ThreadPoolExecutor executor = kind.create(4)) {
            Thread first = executor.submit(Thread::currentThread).get(LONG_SECONDS, TimeUnit.SECONDS);
            for (int round = 0; round < 5; round++) {
                PoolKind.awaitIdle(first);

                Thread next = executor.submit(Thread::currentThread).get(LONG_SECONDS, TimeUnit.SECONDS);

                assertThat(next).as("round %d", round).isSameAs(first);
            }
            assertThat(first.getName()).endsWith("_0");
            assertThat(executor.toString()).contains("workers=1");
            if (kind == PoolKind.PLATFORM) {
                String prefix = first.getName().substring(0, first.getName().length() - "_0".length());
                assertThat(PoolKind.liveThreadsNamed(prefix)).containsExactly(first);
            }
        }
    }

    @Test
    void theDefaultThreadNamesArePythons() throws Exception {
        try (ThreadPoolExecutor a = new ThreadPoolExecutor(2); ThreadPoolExecutor b = new ThreadPoolExecutor(2)) {
            String nameA = a.submit(() -> Thread.currentThread().getName()).get(LONG_SECONDS, TimeUnit.SECONDS);
            String nameB = b.submit(() -> Thread.currentThread().getName()).get(LONG_SECONDS, TimeUnit.SECONDS);

            assertThat(nameA).matches("ThreadPoolExecutor-\\d+_0");
            assertThat(nameB).matches("ThreadPoolExecutor-\\d+_0");
            int numberA = Integer.parseInt(nameA.substring("ThreadPoolExecutor-".length(), nameA.length() - 2));
            int numberB = Integer.parseInt(nameB.substring("ThreadPoolExecutor-".length(), nameB.length() - 2));
            assertThat(numberB).as("pools are numbered in creation order").isGreaterThan(numberA);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aThreadNamePrefixNamesTheWorkersInOrder(PoolKind kind) throws Exception {
        String prefix = PoolKind.uniquePrefix("named");
        ThreadPoolExecutor.Builder builder = ThreadPoolExecutor.builder().maxWorkers(3).threadNamePrefix(prefix);
        if (kind == PoolKind.VIRTUAL) {
            builder.virtualThreads();
        }
        CyclicBarrier allThree = new CyclicBarrier(3);
        try (ThreadPoolExecutor executor = builder.build()) {
            List<WeftFuture<String>> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                names.add(executor.submit(() -> {
                    allThree.await(LONG_SECONDS, TimeUnit.SECONDS);
                    return Thread.currentThread().getName();
                }));
            }
            Set<String> seen = new HashSet<>();
            for (WeftFuture<String> f : names) {
                seen.add(f.get(LONG_SECONDS, TimeUnit.SECONDS));
            }

            assertThat(seen).containsExactlyInAnyOrder(prefix + "_0", prefix + "_1", prefix + "_2");
        }
    }

    @Test
    void platformWorkersAreDaemonThreads() throws Exception {
        try (ThreadPoolExecutor executor = PoolKind.PLATFORM.create(1)) {
            Thread worker = executor.submit(Thread::currentThread).get(LONG_SECONDS, TimeUnit.SECONDS);

            assertThat(worker.isVirtual()).isFalse();
            assertThat(worker.isDaemon()).isTrue();
        }
    }

    @Test
    void virtualThreadsGivesVirtualWorkers() throws Exception {
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().virtualThreads().build()) {
            Thread worker = executor.submit(Thread::currentThread).get(LONG_SECONDS, TimeUnit.SECONDS);

            assertThat(worker.isVirtual()).isTrue();
            assertThat(worker.getName()).matches("ThreadPoolExecutor-\\d+_0");
        }
    }

    // ------------------------------------------------------------ initializer

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theInitializerRunsOncePerWorkerBeforeItsFirstTaskWithItsArgument(PoolKind kind) throws Exception {
        int max = 3;
        Map<Thread, AtomicInteger> inits = new ConcurrentHashMap<>();
        List<Object> arguments = new CopyOnWriteArrayList<>();
        CyclicBarrier allWorkers = new CyclicBarrier(max);
        try (ThreadPoolExecutor executor = kind.builder(max)
                .initializer(arg -> {
                    arguments.add(arg);
                    inits.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet();
                }, "the-argument")
                .build()) {
            List<WeftFuture<Boolean>> first = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                first.add(executor.submit(() -> {
                    boolean initialized = inits.containsKey(Thread.currentThread());
                    allWorkers.await(LONG_SECONDS, TimeUnit.SECONDS); // all max workers exist
                    return initialized;
                }));
            }
            for (WeftFuture<Boolean> f : first) {
                assertThat(f.get(LONG_SECONDS, TimeUnit.SECONDS)).as("initialized before the first task").isTrue();
            }
            List<WeftFuture<?>> more = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                more.add(executor.submit(() -> {}));
            }
            for (WeftFuture<?> f : more) {
                f.get(LONG_SECONDS, TimeUnit.SECONDS);
            }

            assertThat(inits).hasSize(max);
            assertThat(inits.values()).allSatisfy(count -> assertThat(count).hasValue(1));
            assertThat(arguments).containsExactly("the-argument", "the-argument", "the-argument");
        }
    }

    @Test
    void anInitializerWithoutArgumentsRunsToo() throws Exception {
        AtomicInteger inits = new AtomicInteger();
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(1)
                .initializer(inits::incrementAndGet).build()) {
            assertThat(executor.submit(inits::get).get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(executor.submit(inits::get).get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aFailingInitializerBreaksTheExecutor(PoolKind kind) throws Exception {
        IllegalStateException boom = new IllegalStateException("initializer failed on purpose (test)");
        Event fail = new Event();
        AtomicBoolean anyTaskRan = new AtomicBoolean();
        try (ThreadPoolExecutor executor = kind.builder(1)
                .initializer(() -> {
                    fail.await();
                    throw boom;
                })
                .build()) {
            List<WeftFuture<?>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(executor.submit(() -> anyTaskRan.set(true)));
            }
            assertThat(executor.isBroken()).isFalse();

            fail.set();

            for (WeftFuture<?> f : queued) {
                assertThatThrownBy(() -> f.get(LONG_SECONDS, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(BrokenExecutorException.class)
                        .cause().isSameAs(boom);
            }
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.isBroken()).isTrue();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.toString()).contains("broken");
            assertThatThrownBy(() -> executor.submit(() -> 1))
                    .isInstanceOf(BrokenExecutorException.class)
                    .hasCause(boom);
            assertThatThrownBy(() -> executor.execute(() -> {}))
                    .isInstanceOf(BrokenExecutorException.class)
                    .hasCause(boom);
            assertThat(anyTaskRan).isFalse();
        }
    }

    // ------------------------------------------------------------ Python's shutdown

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void shutdownWaitAndCancelFuturesCancelsQueuedTasksAndWaitsForRunningOnes(PoolKind kind) throws Exception {
        Event started = new Event();
        Event release = new Event();
        AtomicBoolean queuedRan = new AtomicBoolean();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            WeftFuture<String> running = executor.submit(() -> {
                started.set();
                release.await();
                return "finished";
            });
            WeftFuture<?> queued1 = executor.submit(() -> queuedRan.set(true));
            WeftFuture<?> queued2 = executor.submit(() -> queuedRan.set(true));
            assertThat(started.await(TestThreads.LONG)).isTrue();

            TestThreads.Checked shutter = TestThreads.start("shutter", () -> executor.shutdown(true, true));
            shutter.awaitBlocked();

            assertThat(queued1.isCancelled()).isTrue();
            assertThat(queued2.isCancelled()).isTrue();
            assertThat(running.isDone()).isFalse();
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isFalse();
            assertThat(shutter.thread().isAlive()).as("shutdown(wait=true) waits for the running task").isTrue();

            release.set();
            shutter.joinSuccessfully();

            assertThat(running.get()).isEqualTo("finished");
            assertThat(executor.isTerminated()).isTrue();
            assertThat(queuedRan).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aTaskWaitingForItsOwnExecutorGetsAnErrorInsteadOfWaitingForever(PoolKind kind) throws Exception {
        try (ThreadPoolExecutor executor = kind.create(2)) {
            WeftFuture<Object> byShutdown = executor.submit(() -> {
                executor.shutdown(true, false);
                return "waited";
            });
            assertThat(byShutdown.exception(TestThreads.LONG))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would wait for itself");
            assertThat(executor.isShutdown()).as("the executor is left as it was").isFalse();

            WeftFuture<Object> byClose = executor.submit(() -> {
                executor.close();
                return "closed";
            });
            assertThat(byClose.exception(TestThreads.LONG)).isInstanceOf(IllegalStateException.class);
            assertThat(executor.isShutdown()).isFalse();

            WeftFuture<Object> withoutWaiting = executor.submit(() -> {
                executor.shutdown(false, false);
                return "shut down";
            });
            assertThat(withoutWaiting.get()).isEqualTo("shut down");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void shutdownWithoutWaitingReturnsAtOnceAndQueuedTasksStillRun(PoolKind kind) throws Exception {
        Event started = new Event();
        Event release = new Event();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            WeftFuture<Integer> running = executor.submit(() -> {
                started.set();
                release.await();
                return 1;
            });
            WeftFuture<Integer> queued = executor.submit(() -> 2);
            assertThat(started.await(TestThreads.LONG)).isTrue();

            executor.shutdown(false, false); // returns although a task is held

            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isFalse();
            executor.shutdown(false, false); // again: fine
            executor.shutdown();
            assertThat(queued.isDone()).isFalse();

            release.set();

            assertThat(running.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(queued.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            executor.shutdown(true, true); // after termination: returns at once
            executor.shutdown(true, false);
            assertThat(executor.shutdownNow()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anInterruptWhileShutdownWaitsThrowsAndTheTasksGoOn(PoolKind kind) throws Exception {
        Event started = new Event();
        Event release = new Event();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            WeftFuture<String> running = executor.submit(() -> {
                started.set();
                release.await();
                return "finished";
            });
            WeftFuture<String> queued = executor.submit(() -> "queued");
            assertThat(started.await(TestThreads.LONG)).isTrue();
            TestThreads.Checked shutter = TestThreads.start("shutter", () -> {
                try {
                    executor.shutdown(true, false);
                } catch (InterruptedException e) {
                    thrown.set(e);
                }
            });
            shutter.awaitBlocked();

            shutter.thread().interrupt();
            shutter.joinSuccessfully();

            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(executor.isShutdown()).isTrue();
            assertThat(executor.isTerminated()).isFalse();
            release.set();
            assertThat(running.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("finished");
            assertThat(queued.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("queued");
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anExecutorNeverUsedTerminatesAtShutdown() throws Exception {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2);
        assertThat(executor.isTerminated()).isFalse();

        executor.shutdown();
        executor.shutdown();

        assertThat(executor.isTerminated()).isTrue();
        assertThat(executor.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
        executor.shutdown(true, true);
        executor.close();
    }

    // ------------------------------------------------------------ submitting

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void submitWithArgumentsCallsTheFunctionWithThem(PoolKind kind) throws Exception {
        try (ThreadPoolExecutor executor = kind.create(2)) {
            WeftFuture<Integer> square = executor.submit(x -> x * x, 7);
            WeftFuture<String> joined = executor.submit((a, b) -> a + "+" + b, "a", 2);
            WeftFuture<Object> nullArgument = executor.submit(x -> x, null);
            WeftFuture<Integer> failing = executor.submit((Integer x) -> {
                throw new IOException("no " + x);
            }, 3);

            assertThat(square.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo(49);
            assertThat(joined.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("a+2");
            assertThat(nullArgument.get(LONG_SECONDS, TimeUnit.SECONDS)).isNull();
            assertThatThrownBy(() -> failing.get(LONG_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("no 3");
        }
    }

    @Test
    void nullTasksAreRejected() {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(1)) {
            assertThatThrownBy(() -> executor.submit((Callable<Object>) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.submit((Runnable) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.submit((Runnable) null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.execute(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.submit((ThrowingFunction<Integer, Integer>) null, 1))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.submit((ThrowingBiFunction<Integer, Integer, Integer>) null, 1, 2))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.invokeAll(null)).isInstanceOf(NullPointerException.class);
            assertThat(executor.toString()).contains("workers=0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void cancelTrueInterruptsTheRunningTaskAndTheNextTaskSeesNoInterrupt(PoolKind kind) throws Exception {
        Event started = new Event();
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        Event release = new Event();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            // The task waits uninterruptibly and then restores its interrupt status, as a careful
            // task does: the status is still set when it returns.
            WeftFuture<String> task = executor.submit(() -> {
                started.set();
                boolean interrupted = false;
                for (;;) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        sawInterrupt.countDown();
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return "ignored";
            });
            assertThat(started.await(TestThreads.LONG)).isTrue();

            assertThat(task.cancel(true)).isTrue();

            assertThat(task.isCancelled()).isTrue();
            assertThatThrownBy(task::get).isInstanceOf(CancellationException.class);
            assertThat(sawInterrupt.await(LONG_SECONDS, TimeUnit.SECONDS)).as("the task was interrupted").isTrue();
            release.set();

            record Seen(Thread thread, boolean interrupted) {}
            Seen next = executor.submit(() -> new Seen(Thread.currentThread(), Thread.currentThread().isInterrupted()))
                    .get(LONG_SECONDS, TimeUnit.SECONDS);
            assertThat(next.interrupted()).as("an interrupt left over from the cancelled task").isFalse();
            assertThat(task.isCancelled()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void cancelTrueStopsATaskThatAnswersInterrupts(PoolKind kind) throws Exception {
        Event started = new Event();
        Event never = new Event();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            WeftFuture<Thread> task = executor.submit(() -> {
                started.set();
                never.await();
                return Thread.currentThread();
            });
            assertThat(started.await(TestThreads.LONG)).isTrue();

            assertThat(task.cancel(true)).isTrue();

            assertThat(task.isCancelled()).isTrue();
            assertThat(executor.submit(() -> Thread.currentThread().isInterrupted()).get(LONG_SECONDS, TimeUnit.SECONDS))
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anInterruptATaskLeavesBehindDoesNotReachTheNextTaskBeforeOrAfterShutdown(PoolKind kind)
            throws Exception {
        Event started = new Event();
        Event release = new Event();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            executor.submit(() -> Thread.currentThread().interrupt()).get(LONG_SECONDS, TimeUnit.SECONDS);
            assertThat(executor.submit(() -> Thread.currentThread().isInterrupted()).get(LONG_SECONDS, TimeUnit.SECONDS))
                    .as("before shutdown").isFalse();

            executor.submit(() -> {
                started.set();
                release.await();
                Thread.currentThread().interrupt(); // and returns with the status set
                return null;
            });
            WeftFuture<Boolean> next = executor.submit(() -> Thread.currentThread().isInterrupted());
            assertThat(started.await(TestThreads.LONG)).isTrue();
            executor.shutdown();
            release.set();

            assertThat(next.get(LONG_SECONDS, TimeUnit.SECONDS)).as("a queued task run after shutdown()").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aTaskCanSubmitToItsOwnPool(PoolKind kind) throws Exception {
        try (ThreadPoolExecutor single = kind.create(1); ThreadPoolExecutor two = kind.create(2)) {
            // One worker: the outer task returns the inner future without waiting for it.
            WeftFuture<WeftFuture<String>> outer = single.submit(() -> single.submit(() -> "inner"));
            assertThat(outer.get(LONG_SECONDS, TimeUnit.SECONDS).get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("inner");

            // Two workers: the outer task waits for the inner one.
            WeftFuture<String> waiting = two.submit(() -> "outer+" + two.submit(() -> "inner").get());
            assertThat(waiting.get(LONG_SECONDS, TimeUnit.SECONDS)).isEqualTo("outer+inner");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aSubmitRacingShutdownRunsOrIsRejectedButIsNeverLost(PoolKind kind) throws Exception {
        int rounds = 500;
        for (int round = 0; round < rounds; round++) {
            int mode = round % 3;
            int submitBeforeShutdown = round % 7;
            AtomicInteger ran = new AtomicInteger();
            List<WeftFuture<Integer>> accepted = new ArrayList<>(); // written by the submitter, read after join
            CountDownLatch someSubmitted = new CountDownLatch(1);
            try (ThreadPoolExecutor executor = kind.create(1 + round % 3)) {
                TestThreads.Checked submitter = TestThreads.start("submitter-" + round, () -> {
                    try {
                        for (int i = 0; i < 2_000; i++) { // bounded: a slow machine shuts down late
                            if (i == submitBeforeShutdown) {
                                someSubmitted.countDown();
                            }
                            accepted.add(executor.submit(ran::incrementAndGet));
                        }
                    } catch (RejectedExecutionException expected) {
                        // shut down
                    } finally {
                        someSubmitted.countDown();
                    }
                });
                assertThat(someSubmitted.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
                switch (mode) {
                    case 0 -> executor.shutdown();
                    case 1 -> executor.shutdown(false, true);
                    default -> executor.shutdownNow();
                }
                submitter.joinSuccessfully();
                assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS))
                        .as("round %d terminated: %s", round, executor).isTrue();

                int succeeded = 0;
                for (WeftFuture<Integer> f : accepted) {
                    assertThat(f.isDone()).as("round %d (mode %d): an accepted task is done at termination: %s",
                            round, mode, f).isTrue();
                    if (f.state() == java.util.concurrent.Future.State.SUCCESS) {
                        succeeded++;
                    } else {
                        assertThat(mode).as("round %d: only cancelling shutdowns leave a task not run", round)
                                .isNotZero();
                        assertThat(f.isCancelled()).isTrue();
                    }
                }
                assertThat(ran).as("round %d: tasks run = tasks that succeeded", round).hasValue(succeeded);
            }
        }
    }

    // ------------------------------------------------------------ uncaught exceptions

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anUncaughtExceptionHandlerThatThrowsDoesNotKillTheWorker(PoolKind kind) throws Exception {
        AtomicReference<Throwable> handled = new AtomicReference<>();
        RuntimeException boom = new RuntimeException("from execute (test)");
        Event release = new Event();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            Thread worker = executor.submit(() -> {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
                    handled.set(e);
                    throw new IllegalStateException("the handler throws too (test)");
                });
                return Thread.currentThread();
            }).get(LONG_SECONDS, TimeUnit.SECONDS);
            WeftFuture<?> holder = executor.submit(() -> {
                release.await();
                return null;
            });
            executor.execute(() -> {
                throw boom;
            });
            WeftFuture<Thread> after = executor.submit(Thread::currentThread);
            executor.shutdown();

            release.set();

            holder.get(LONG_SECONDS, TimeUnit.SECONDS);
            assertThat(after.get(LONG_SECONDS, TimeUnit.SECONDS)).as("the worker went on").isSameAs(worker);
            assertThat(handled.get()).isSameAs(boom);
            assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ------------------------------------------------------------ never shut down

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anUnreachableExecutorsIdleWorkersEnd(PoolKind kind) throws Exception {
        List<Thread> workers = startWorkersAndDropTheExecutor(kind);
        assertThat(workers).hasSize(2);

        String name = workers.getFirst().getName();
        String prefix = name.substring(0, name.lastIndexOf('_'));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.stream().anyMatch(Thread::isAlive)) {
            if (System.nanoTime() - deadline > 0) {
                fail("the idle workers of an unreachable executor did not end within 10 s: " + workers);
            }
            System.gc();
            Thread.sleep(10);
        }
        assertThat(PoolKind.liveThreadsNamed(prefix)).isEmpty();
    }

    /** Starts two workers of an executor that is then dropped, without a shutdown; returns them. */
    private static List<Thread> startWorkersAndDropTheExecutor(PoolKind kind) throws Exception {
        ThreadPoolExecutor executor = kind.create(2);
        CyclicBarrier both = new CyclicBarrier(2);
        Callable<Thread> task = () -> {
            both.await(LONG_SECONDS, TimeUnit.SECONDS);
            return Thread.currentThread();
        };
        WeftFuture<Thread> a = executor.submit(task);
        WeftFuture<Thread> b = executor.submit(task);
        List<Thread> workers = List.of(a.get(LONG_SECONDS, TimeUnit.SECONDS), b.get(LONG_SECONDS, TimeUnit.SECONDS));
        for (Thread w : workers) {
            PoolKind.awaitIdle(w);
        }
        return workers;
    }

    /** The child JVM gets 60 s; this test, a little more, to kill it if it hangs. */
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theJvmExitsWhenMainReturnsWithoutShutdownAfterRunningTheQueuedTasks(PoolKind kind, @TempDir Path dir)
            throws Exception {
        ChildResult r = runChild(dir, ExitWithoutShutdownMain.class, kind);

        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ExitWithoutShutdownMain.TASKS; i++) {
            expected.add("task " + i + " done");
        }
        assertThat(r.out().lines().filter(l -> l.startsWith("task ")).toList()).isEqualTo(expected);
        assertThat(r.out()).contains("main returns");
    }

    /** The child JVM gets 60 s; this test, a little more, to kill it if it hangs. */
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aTaskThatCallsSystemExitEndsTheJvmAfterTheOtherWorkersFinish(PoolKind kind, @TempDir Path dir)
            throws Exception {
        ChildResult r = runChild(dir, ExitFromTaskMain.class, kind);

        assertThat(r.exitCode()).as("exit code; stdout: %s; stderr: %s", r.out(), r.err())
                .isEqualTo(ExitFromTaskMain.STATUS);
        assertThat(r.out()).contains("exiting").contains("other task done");
    }

    private record ChildResult(int exitCode, String out, String err) {}

    /** Runs {@code main} in a child JVM, with the argument {@code virtual} for virtual workers. */
    private static ChildResult runChild(Path dir, Class<?> main, PoolKind kind) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = codeSource(ThreadPoolExecutor.class) + File.pathSeparator + codeSource(main);
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, main.getName()));
        if (kind == PoolKind.VIRTUAL) {
            command.add("virtual");
        }
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        child.getOutputStream().close();
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                fail("child JVM did not exit within 60 s; stdout so far: " + Files.readString(out));
            }
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new ChildResult(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
