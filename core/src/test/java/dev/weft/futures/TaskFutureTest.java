package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link TaskFuture}, the future of a queued task: {@code run()} runs the task at
 * most once and captures whatever it throws, a cancelled task never runs, and
 * {@code cancel(true)} interrupts the thread running the task, cancels the future at once, and
 * never lets its interrupt escape {@code run()} into what the thread does next.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskFutureTest {

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("latch not released within " + TestThreads.LONG);
        }
    }

    /** Waits for {@code latch} ignoring interrupts; returns whether an interrupt came meanwhile. */
    private static boolean awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        for (;;) {
            try {
                if (latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    // An interrupt that comes with the release may be left set rather than thrown.
                    return interrupted || Thread.currentThread().isInterrupted();
                }
                throw new AssertionError("latch not released within " + TestThreads.LONG);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    @Test
    void runRunsTheTaskAndSetsTheResult() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskFuture<Integer> f = new TaskFuture<>(() -> calls.incrementAndGet() * 10);

        assertThat(f.done()).isFalse();
        assertThat(f.toString()).isEqualTo("TaskFuture[pending]");
        f.run();

        assertThat(calls).hasValue(1);
        assertThat(f.result()).isEqualTo(10);
        assertThat(f.toString()).isEqualTo("TaskFuture[finished returned Integer]");
    }

    @Test
    void runRunsTheTaskOnlyOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskFuture<Integer> f = new TaskFuture<>(calls::incrementAndGet);

        f.run();
        f.run();
        f.run();

        assertThat(calls).hasValue(1);
        assertThat(f.result()).isEqualTo(1);
    }

    @Test
    void runAfterCancelDoesNothing() {
        AtomicBoolean ran = new AtomicBoolean();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            ran.set(true);
            return 1;
        });

        assertThat(f.cancel()).isTrue();
        f.run();

        assertThat(ran).isFalse();
        assertThat(f.cancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void cancelWithInterruptOfAPendingTaskCancelsItWithoutInterruptingAnyone() {
        AtomicBoolean ran = new AtomicBoolean();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            ran.set(true);
            return 1;
        });

        assertThat(f.cancel(true)).isTrue();
        f.run();

        assertThat(ran).isFalse();
        assertThat(f.cancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCheckedExceptionOfTheTaskIsCaptured() throws Exception {
        IOException boom = new IOException("boom");
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            throw boom;
        });

        f.run();

        assertThat(f.exception()).isSameAs(boom);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
    }

    @Test
    void anErrorOfTheTaskIsCapturedAndReportedToFailed() throws Exception {
        Error error = new OutOfMemoryError("pretend");
        AtomicReference<Throwable> reported = new AtomicReference<>();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            throw error;
        }) {
            @Override
            void failed(Throwable failure) {
                reported.set(failure);
            }
        };

        f.run(); // does not throw

        assertThat(f.exception()).isSameAs(error);
        assertThat(f.state()).isEqualTo(java.util.concurrent.Future.State.FAILED);
        assertThat(reported.get()).isSameAs(error);
    }

    @Test
    void aTaskIsRunningWhileItRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<TaskFuture<Integer>> self = new AtomicReference<>();
        AtomicReference<String> seenInside = new AtomicReference<>();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            seenInside.set(self.get().toString() + " running=" + self.get().running());
            started.countDown();
            await(release);
            return 1;
        });
        self.set(f);
        var runner = TestThreads.start("runner", f::run);
        await(started);

        assertThat(f.running()).isTrue();
        assertThat(f.cancel()).as("a running task cannot be cancelled without interrupt").isFalse();
        assertThat(f.cancel(false)).isFalse();
        assertThat(f.running()).isTrue();
        release.countDown();
        runner.joinSuccessfully();

        assertThat(seenInside.get()).isEqualTo("TaskFuture[running] running=true");
        assertThat(f.resultNow()).isEqualTo(1);
    }

    @Test
    void cancelWithInterruptInterruptsTheRunningTaskAndCancelsAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Throwable> taskSaw = new AtomicReference<>();
        AtomicBoolean interruptedAfterRun = new AtomicBoolean(true);
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            started.countDown();
            try {
                never.await();
                return 1;
            } catch (InterruptedException e) {
                taskSaw.set(e);
                throw e;
            }
        });
        var runner = TestThreads.start("runner", () -> {
            f.run();
            interruptedAfterRun.set(Thread.currentThread().isInterrupted());
        });
        await(started);

        assertThat(f.cancel(true)).isTrue();

        assertThat(f.cancelled()).as("cancelled at once, whatever the task does next").isTrue();
        assertThat(f.done()).isTrue();
        assertThat(f.running()).isFalse();
        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        runner.joinSuccessfully();
        assertThat(taskSaw.get()).isInstanceOf(InterruptedException.class);
        assertThat(interruptedAfterRun).as("the interrupt does not leak out of run()").isFalse();
        assertThat(f.cancelled()).as("the task's exception does not replace the cancellation").isTrue();
    }

    @Test
    void cancelWithInterruptReleasesWaitersBeforeTheTaskEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            started.countDown();
            awaitUninterruptibly(release);
            return 1;
        });
        var runner = TestThreads.start("runner", f::run);
        await(started);
        AtomicReference<Throwable> waiterGot = new AtomicReference<>();
        var waiter = TestThreads.start("waiter", () -> {
            try {
                f.get();
            } catch (CancellationException e) {
                waiterGot.set(e);
            }
        });
        waiter.awaitBlocked();

        assertThat(f.cancel(true)).isTrue();

        waiter.joinSuccessfully();
        assertThat(waiterGot.get()).isInstanceOf(CancellationException.class);
        assertThat(runner.thread().isAlive()).as("the task still runs").isTrue();
        release.countDown();
        runner.joinSuccessfully();
        assertThat(f.cancelled()).isTrue();
    }

    @Test
    void theInterruptOfATaskThatIgnoresItDoesNotLeak() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean taskSawInterrupt = new AtomicBoolean();
        AtomicBoolean interruptedAfterRun = new AtomicBoolean(true);
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            started.countDown();
            taskSawInterrupt.set(awaitUninterruptibly(release));
            return 1;
        });
        var runner = TestThreads.start("runner", () -> {
            f.run();
            interruptedAfterRun.set(Thread.currentThread().isInterrupted());
        });
        await(started);

        assertThat(f.cancel(true)).isTrue();
        release.countDown();

        runner.joinSuccessfully();
        assertThat(taskSawInterrupt).isTrue();
        assertThat(interruptedAfterRun).isFalse();
        assertThat(f.cancelled()).as("the task's late result does not replace the cancellation").isTrue();
    }

    @Test
    void theInterruptOfATaskThatRestoresTheStatusDoesNotLeak() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interruptedAfterRun = new AtomicBoolean(true);
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            started.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the polite way to give up
            }
            return 1;
        });
        var runner = TestThreads.start("runner", () -> {
            f.run();
            interruptedAfterRun.set(Thread.currentThread().isInterrupted());
        });
        await(started);

        assertThat(f.cancel(true)).isTrue();

        runner.joinSuccessfully();
        assertThat(interruptedAfterRun).isFalse();
    }

    @Test
    void cancelWithInterruptAfterTheTaskEndedFailsAndInterruptsNoOne() throws Exception {
        TaskFuture<Integer> f = new TaskFuture<>(() -> 1);
        f.run();

        assertThat(f.cancel(true)).isFalse();

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(f.result()).isEqualTo(1);
    }

    @Test
    void aSecondRunWhileTheFirstRunsDoesNothingAndCancelStillInterruptsTheRunner() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> taskSaw = new AtomicReference<>();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            calls.incrementAndGet();
            started.countDown();
            try {
                never.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
                return 1;
            } catch (InterruptedException e) {
                taskSaw.set(e);
                throw e;
            }
        });
        var runner = TestThreads.start("runner", f::run);
        await(started);
        AtomicBoolean secondInterrupted = new AtomicBoolean();
        var second = TestThreads.start("second-runner", () -> {
            f.run();
            secondInterrupted.set(Thread.currentThread().isInterrupted());
        });
        second.joinSuccessfully();
        assertThat(calls).hasValue(1);

        assertThat(f.cancel(true)).isTrue();

        runner.joinSuccessfully();
        assertThat(taskSaw.get()).as("the thread running the task is the one interrupted").isInstanceOf(InterruptedException.class);
        assertThat(secondInterrupted).isFalse();
    }

    @Test
    void theInterruptNeverLeaksWhenCancelRacesTheTasksEnd() throws Exception {
        // One "worker" thread runs task after task while another thread cancels each with an
        // interrupt at about the moment it ends: the worker must never start its next step with
        // its interrupt status set, and each future ends either cancelled or with its result.
        int rounds = 2_000;
        CyclicBarrier barrier = new CyclicBarrier(2);
        AtomicReference<TaskFuture<Integer>> current = new AtomicReference<>();
        AtomicInteger leaks = new AtomicInteger();
        AtomicInteger cancelledCount = new AtomicInteger();
        var worker = TestThreads.start("worker", () -> {
            for (int i = 0; i < rounds; i++) {
                int n = i;
                TaskFuture<Integer> f = new TaskFuture<>(() -> {
                    // A little work, so that the cancel lands inside the task about half the time.
                    long x = 0;
                    for (int k = 0; k < (n % 50) * 20; k++) {
                        x += k;
                    }
                    return (int) (x & 0xff) + n * 1000;
                });
                current.set(f);
                barrier.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
                f.run();
                if (Thread.interrupted()) {
                    leaks.incrementAndGet();
                }
                barrier.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        var canceller = TestThreads.start("canceller", () -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
                TaskFuture<Integer> f = current.get();
                boolean cancelled = f.cancel(true);
                barrier.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
                if (cancelled != f.cancelled()) {
                    throw new AssertionError("cancel(true) returned " + cancelled + " but the future is " + f);
                }
                if (cancelled) {
                    cancelledCount.incrementAndGet();
                } else if (f.resultNow() / 1000 != i) {
                    throw new AssertionError("wrong result " + f.resultNow() + " in round " + i);
                }
            }
        });
        worker.joinSuccessfully();
        canceller.joinSuccessfully();

        assertThat(leaks).as("rounds where the interrupt leaked out of run()").hasValue(0);
        assertThat(cancelledCount.get()).isBetween(0, rounds);
    }

    @Test
    void aTaskMayCancelItselfWithInterruptWithoutLeakingIt() throws Exception {
        AtomicReference<TaskFuture<Integer>> self = new AtomicReference<>();
        AtomicBoolean interruptedInside = new AtomicBoolean();
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            assertThat(self.get().cancel(true)).isTrue();
            interruptedInside.set(Thread.currentThread().isInterrupted());
            return 1;
        });
        self.set(f);

        f.run();

        assertThat(interruptedInside).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(f.cancelled()).isTrue();
    }

    @Test
    void timedWaitersOfARunningTaskTimeOut() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskFuture<Integer> f = new TaskFuture<>(() -> {
            started.countDown();
            await(release);
            return 1;
        });
        var runner = TestThreads.start("runner", f::run);
        await(started);

        assertThatThrownBy(() -> f.result(java.time.Duration.ofMillis(20))).isInstanceOf(TimeoutException.class);
        release.countDown();
        runner.joinSuccessfully();
        assertThat(f.result()).isEqualTo(1);
    }
}
