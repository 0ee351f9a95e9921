package dev.weft.aio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop itself: callbacks and their order, timers, {@code runForever}/{@code stop}/{@code close},
 * tasks as futures, hand-overs from other threads, the exception handler and debug mode, and the
 * guarantee that one task or callback runs at a time and switches only at await points.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopTest {

    @Test
    void runUntilCompleteReturnsTheBodysResult() {
        try (EventLoop loop = new EventLoop()) {
            assertThat(loop.runUntilComplete(() -> "done")).isEqualTo("done");
            assertThat(loop.isRunning()).isFalse();
            assertThat(loop.isClosed()).isFalse();
        }
    }

    @Test
    void callbacksRunInTheOrderScheduledThenTimersByDeadline() {
        List<String> seen = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.callLater(Duration.ofMillis(40), () -> seen.add("later 40"));
            loop.callLater(Duration.ofMillis(20), () -> seen.add("later 20"));
            loop.callAt(loop.time() + 0.030, () -> seen.add("at 30"));
            loop.callSoon(() -> seen.add("soon 1"));
            loop.callSoon(() -> seen.add("soon 2"));
            loop.callLater(Duration.ofMillis(60), loop::stop);
            loop.runForever();
        }
        assertThat(seen).containsExactly("soon 1", "soon 2", "later 20", "at 30", "later 40");
    }

    @Test
    void aCancelledHandleDoesNotRun() {
        List<String> seen = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Handle h = loop.callSoon(() -> seen.add("cancelled"));
            TimerHandle th = loop.callLater(Duration.ofMillis(1), () -> seen.add("timer cancelled"));
            h.cancel();
            th.cancel();
            loop.callLater(Duration.ofMillis(20), loop::stop);
            loop.runForever();
            assertThat(h.cancelled()).isTrue();
            assertThat(th.when()).isPositive();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void stopEndsTheLoopAfterTheCurrentIterationAndPendingTasksGoOnAtTheNextRun() {
        List<String> seen = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.callSoon(() -> {
                seen.add("first");
                loop.stop();
                loop.callSoon(() -> seen.add("next iteration"));
            });
            loop.callSoon(() -> seen.add("same iteration"));
            loop.runForever();
            assertThat(seen).containsExactly("first", "same iteration");
            Task<String> t = loop.createTask(() -> {
                Aio.sleep(Duration.ZERO);
                return "resumed";
            });
            assertThat(loop.runUntilComplete(t)).isEqualTo("resumed");
            assertThat(seen).containsExactly("first", "same iteration", "next iteration");
        }
    }

    @Test
    void stopBeforeRunningRunsOneIteration() {
        List<String> seen = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.callSoon(() -> {
                seen.add("a");
                loop.callSoon(() -> seen.add("b"));
            });
            loop.stop();
            loop.runForever();
            assertThat(seen).containsExactly("a");
        }
    }

    @Test
    void callSoonThreadsafeWakesAnIdleLoop() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CountDownLatch started = new CountDownLatch(1);
            loop.callSoon(started::countDown);
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                loop.callSoonThreadsafe(loop::stop);
            });
            loop.runForever(); // would wait forever without the hand-over
            other.join();
        }
    }

    @Test
    void queueMethodsRefuseOtherThreadsWhileTheLoopRuns() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Throwable[] refused = new Throwable[1];
            loop.runUntilComplete(() -> Aio.blocking(() -> {
                try {
                    loop.callSoon(() -> {});
                } catch (IllegalStateException e) {
                    refused[0] = e;
                }
                return null;
            }));
            assertThat(refused[0]).hasMessageContaining("callSoon").hasMessageContaining("callSoonThreadsafe");
        }
    }

    @Test
    void aFailingTaskThrowsFromRunUntilCompleteAndACheckedOneIsWrapped() {
        try (EventLoop loop = new EventLoop()) {
            assertThatThrownBy(() -> loop.runUntilComplete(() -> {
                throw new IllegalArgumentException("bad");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
            assertThatThrownBy(() -> loop.runUntilComplete(() -> {
                throw new java.io.IOException("io");
            })).isInstanceOf(java.util.concurrent.CompletionException.class)
                    .hasCauseInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void closedAndRunningLoopsRefuseWhatTheyCannotDo() {
        EventLoop loop = new EventLoop();
        loop.runUntilComplete(() -> {
            assertThatThrownBy(loop::runForever).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("running");
            assertThatThrownBy(loop::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("running");
            assertThatThrownBy(() -> Aio.run(() -> 1)).isInstanceOf(IllegalStateException.class);
            return null;
        });
        loop.close();
        loop.close(); // idempotent
        assertThat(loop.isClosed()).isTrue();
        assertThatThrownBy(loop::runForever).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> loop.callSoon(() -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> loop.callSoonThreadsafe(() -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void awaitPointsOutsideALoopTaskAreRefused() {
        assertThatThrownBy(() -> Aio.sleep(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("await point");
        assertThatThrownBy(() -> new Lock().acquire()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Event().set()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callSoonThreadsafe");
        try (EventLoop loop = new EventLoop()) {
            Throwable[] inCallback = new Throwable[1];
            loop.callSoon(() -> {
                try {
                    Aio.sleep(Duration.ZERO);
                } catch (IllegalStateException e) {
                    inCallback[0] = e;
                }
            });
            loop.runUntilComplete(() -> {
                Aio.sleep(Duration.ZERO); // the callback may run on this task's thread: still refused
                return null;
            });
            assertThat(inCallback[0]).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anExceptionInACallbackIsReportedAndTheLoopGoesOn() {
        List<EventLoop.ExceptionContext> reports = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.setExceptionHandler(reports::add);
            loop.callSoon(() -> {
                throw new IllegalStateException("boom");
            });
            assertThat(loop.runUntilComplete(() -> {
                Aio.sleep(Duration.ZERO);
                return 7;
            })).isEqualTo(7);
        }
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.message()).startsWith("Exception in callback");
            assertThat(r.exception()).hasMessage("boom");
        });
    }

    @Test
    void aTaskExceptionNeverRetrievedIsReportedWhenTheLoopCloses() {
        List<EventLoop.ExceptionContext> reports = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.setExceptionHandler(reports::add);
            loop.runUntilComplete(() -> {
                Task<?> lost = Aio.createTask(() -> {
                    throw new IllegalStateException("nobody looks");
                });
                Task<?> seen = Aio.createTask(() -> {
                    throw new IllegalStateException("looked at");
                });
                Aio.wait(List.of(lost, seen), null, dev.weft.futures.ReturnWhen.ALL_COMPLETED);
                assertThat(seen.exception()).hasMessage("looked at");
                return null;
            });
        }
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo("Task exception was never retrieved");
            assertThat(r.exception()).hasMessage("nobody looks");
        });
    }

    @Test
    void debugModeReportsACallbackOrStepThatHoldsTheLoopTooLong() {
        List<EventLoop.ExceptionContext> reports = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            loop.setDebug(true);
            assertThat(loop.getDebug()).isTrue();
            loop.setSlowCallbackDuration(Duration.ofMillis(5));
            loop.setExceptionHandler(reports::add);
            loop.callSoon(() -> spin(Duration.ofMillis(20)));
            loop.runUntilComplete(loop.createTask(() -> {
                spin(Duration.ofMillis(20));
                Aio.sleep(Duration.ZERO);
                return null;
            }, "slow-task"));
        }
        assertThat(reports).extracting(EventLoop.ExceptionContext::message)
                .anyMatch(m -> m.startsWith("Executing Handle"))
                .anyMatch(m -> m.startsWith("Executing Task[slow-task"));
    }

    /** Holds the CPU (not the clock of a sleep) for at least {@code d}. */
    private static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void neverTwoTasksOfALoopAtOnce() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Aio.run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(Aio.createTask(() -> {
                    for (int step = 0; step < 50; step++) {
                        int now = inside.incrementAndGet();
                        most.accumulateAndGet(now, Math::max);
                        for (int k = 0; k < 100; k++) {
                            Thread.onSpinWait(); // widen the window another running task would hit
                        }
                        inside.decrementAndGet();
                        Aio.sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            Aio.gather(tasks);
            return null;
        });
        assertThat(most.get()).isEqualTo(1);
    }

    /** A plain field, changed by 10,000 tasks between await points without any lock. */
    private int counter;

    @Test
    void stateChangedBetweenAwaitPointsWithoutLocksComesOutExact() {
        counter = 0;
        Aio.run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                tasks.add(Aio.createTask(() -> {
                    for (int step = 0; step < 3; step++) {
                        int read = counter;
                        Thread.onSpinWait();
                        counter = read + 1; // a read-modify-write no other task can interleave
                        Aio.sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            Aio.gather(tasks);
            return null;
        });
        assertThat(counter).isEqualTo(30_000);
    }

    @Test
    void closeEndsPendingTasksRunningTheirFinallyBlocks() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = new EventLoop();
        Task<?> sleeper = loop.createTask(() -> {
            try {
                Aio.sleep(Duration.ofDays(1));
                return null;
            } finally {
                seen.add("finally");
            }
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(sleeper.isDone()).isFalse();
        loop.close();
        assertThat(sleeper.isCancelled()).isTrue();
        assertThat(seen).containsExactly("finally");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = dev.weft.subprocess.Signal.class, names = {"INT", "TERM"})
    void signalHandlersRunOnTheLoop(dev.weft.subprocess.Signal signal) throws Exception {
        try (EventLoop loop = new EventLoop()) {
            loop.addSignalHandler(signal, loop::stop);
            try {
                long pid = ProcessHandle.current().pid();
                loop.callSoon(() -> {
                    try {
                        new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid)).start();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                loop.runForever(); // returns only when the handler stops it
            } finally {
                assertThat(loop.removeSignalHandler(signal)).isTrue();
            }
            assertThat(loop.removeSignalHandler(signal)).isFalse();
        }
    }

    @Test
    void aTaskIsAFutureOtherThreadsCanWaitFor() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> t = loop.createTask(() -> {
                Aio.sleep(Duration.ofMillis(5));
                return 42;
            }, "answer");
            assertThat(t.getName()).isEqualTo("answer");
            assertThat(t.getLoop()).isSameAs(loop);
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    assertThat(t.get(30, TimeUnit.SECONDS)).isEqualTo(42);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(loop.runUntilComplete(t)).isEqualTo(42);
            waiter.join();
            assertThatThrownBy(() -> t.setResult(1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> t.setException(new Exception())).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void cancellingFromAnotherThreadIsHandedToTheLoop() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CountDownLatch sleeping = new CountDownLatch(1);
            Task<?> t = loop.createTask(() -> {
                sleeping.countDown();
                Aio.sleep(Duration.ofDays(1));
                return null;
            });
            Thread.ofVirtual().start(() -> {
                try {
                    sleeping.await();
                } catch (InterruptedException e) {
                    return;
                }
                t.cancel();
            });
            assertThatThrownBy(() -> loop.runUntilComplete(t)).isInstanceOf(CancellationException.class);
            assertThat(t.isCancelled()).isTrue();
        }
    }

    @Test
    void timeoutsCancelledEarlyDoNotPileUpInTheTimerHeap() {
        Aio.run(() -> {
            for (int i = 0; i < 10_000; i++) {
                Task<Integer> quick = Aio.createTask(() -> 1);
                Aio.waitFor(quick, Duration.ofHours(1)); // its one-hour timer is cancelled at once
            }
            assertThat(Aio.getRunningLoop().timerCount()).isLessThan(200);
            return null;
        });
    }
}
