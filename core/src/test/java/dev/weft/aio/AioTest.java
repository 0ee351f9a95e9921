package dev.weft.aio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.futures.DoneAndNotDone;
import dev.weft.futures.ReturnWhen;
import dev.weft.futures.SettableFuture;
import dev.weft.futures.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The await points of {@link Aio} and task cancellation: where a cancel arrives, what runs, and how
 * {@code gather}, {@code waitFor}, {@code wait}, {@code asCompleted}, {@code shield},
 * {@code timeout}, {@link TaskGroup}, {@code blocking} and {@code toThread} behave.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AioTest {
    private static final Duration LONG = Duration.ofDays(1);

    @Test
    void sleepZeroRoundRobinsTheReadyTasks() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> a = Aio.createTask(() -> step(seen, "a"));
            Task<?> b = Aio.createTask(() -> step(seen, "b"));
            Aio.gather(a, b);
            return null;
        });
        assertThat(seen).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
    }

    private static Void step(List<String> seen, String name) {
        for (int i = 0; i < 3; i++) {
            seen.add(name + i);
            Aio.sleep(Duration.ZERO);
        }
        return null;
    }

    @Test
    void cancelArrivesAtTheAwaitPointAndFinallyRuns() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> t = Aio.createTask(() -> {
                try {
                    seen.add("sleeping");
                    Aio.sleep(LONG);
                    seen.add("not reached");
                } finally {
                    seen.add("finally");
                }
                return null;
            });
            Aio.sleep(Duration.ZERO);
            assertThat(t.cancel()).isTrue();
            assertThat(t.isDone()).isFalse(); // a request: the task ends at its await point
            assertThat(t.cancelling()).isEqualTo(1);
            assertThatThrownBy(() -> Aio.await(t)).isInstanceOf(CancellationException.class);
            assertThat(t.isCancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
            return null;
        });
        assertThat(seen).containsExactly("sleeping", "finally");
    }

    @Test
    void cancellationArrivesOnlyAtAnAwaitPoint() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> t = Aio.createTask(() -> {
                Aio.currentTask().cancel(); // a request to itself: nothing happens until it awaits
                seen.add("still running");
                try {
                    Aio.sleep(Duration.ZERO);
                } catch (CancellationException e) {
                    seen.add("at the await");
                    throw e;
                }
                return null;
            });
            Aio.gatherReturnExceptions(List.of(t));
            assertThat(t.isCancelled()).isTrue();
            return null;
        });
        assertThat(seen).containsExactly("still running", "at the await");
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> t = Aio.createTask(() -> seen.add("ran"));
            t.cancel();
            assertThatThrownBy(() -> Aio.await(t)).isInstanceOf(CancellationException.class);
            return null;
        });
        assertThat(seen).isEmpty();
    }

    @Test
    void aBodyThatSwallowsTheCancellationCompletesNormally() {
        assertThat(Aio.run(() -> {
            Task<String> t = Aio.createTask(() -> {
                try {
                    Aio.sleep(LONG);
                    return "slept";
                } catch (CancellationException e) {
                    return "caught";
                }
            });
            Aio.sleep(Duration.ZERO);
            t.cancel();
            return Aio.await(t);
        })).isEqualTo("caught");
    }

    @Test
    void cancellingATaskThatAwaitsAnotherCancelsBothAndShieldProtectsTheInner() {
        Aio.run(() -> {
            Task<?> inner = Aio.createTask(() -> {
                Aio.sleep(LONG);
                return null;
            });
            Task<?> outer = Aio.createTask(() -> Aio.await(inner));
            Aio.sleep(Duration.ZERO);
            outer.cancel();
            Aio.gatherReturnExceptions(List.of(outer));
            Aio.gatherReturnExceptions(List.of(inner));
            assertThat(inner.isCancelled()).isTrue();

            SettableFuture<String> protectedOne = new SettableFuture<>();
            Task<?> shielded = Aio.createTask(() -> Aio.await(Aio.shield(protectedOne)));
            Aio.sleep(Duration.ZERO);
            shielded.cancel();
            Aio.gatherReturnExceptions(List.of(shielded));
            assertThat(shielded.isCancelled()).isTrue();
            assertThat(protectedOne.isCancelled()).isFalse();
            return null;
        });
    }

    @Test
    void awaitReturnsAFutureCompletedByAnotherThread() {
        assertThat(Aio.run(() -> {
            SettableFuture<String> f = new SettableFuture<>();
            Thread.ofVirtual().start(() -> f.setResult("from elsewhere"));
            return Aio.await(f);
        })).isEqualTo("from elsewhere");
        assertThatThrownBy(() -> Aio.run(() -> {
            SettableFuture<String> f = new SettableFuture<>();
            f.setException(new java.io.IOException("checked"));
            return Aio.await(f);
        })).isInstanceOf(java.util.concurrent.CompletionException.class).hasRootCauseMessage("checked");
        assertThatThrownBy(() -> Aio.run(() -> Aio.await(Aio.currentTask())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("itself");
    }

    @Test
    void gatherReturnsResultsInOrderAndThrowsTheFirstFailure() {
        Aio.run(() -> {
            Task<Integer> slow = Aio.createTask(() -> {
                Aio.sleep(Duration.ofMillis(20));
                return 1;
            });
            Task<Integer> fast = Aio.createTask(() -> 2);
            assertThat(Aio.gather(slow, fast)).containsExactly(1, 2);

            Task<Integer> bad = Aio.createTask(() -> {
                throw new IllegalStateException("bad");
            });
            Task<Integer> good = Aio.createTask(() -> 3);
            assertThatThrownBy(() -> Aio.gather(bad, good)).hasMessage("bad");
            List<Object> mixed = Aio.gatherReturnExceptions(List.of(bad, good));
            assertThat(mixed.get(0)).isInstanceOf(IllegalStateException.class);
            assertThat(mixed.get(1)).isEqualTo(3);
            return null;
        });
    }

    @Test
    void waitForCancelsTheInnerTaskOnTimeoutAndLetsItsFinallyRun() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> inner = Aio.createTask(() -> {
                try {
                    Aio.sleep(LONG);
                } finally {
                    seen.add("inner finally");
                }
                return null;
            });
            assertThatThrownBy(() -> Aio.waitFor(inner, Duration.ofMillis(20)))
                    .isInstanceOf(UncheckedTimeoutException.class);
            assertThat(inner.isCancelled()).isTrue();
            assertThat(seen).containsExactly("inner finally");
            Task<String> quick = Aio.createTask(() -> "quick");
            assertThat(Aio.waitFor(quick, Duration.ofSeconds(30))).isEqualTo("quick");
            assertThatThrownBy(() -> Aio.waitFor(quick, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void waitReturnsWhenItsConditionHolds() {
        Aio.run(() -> {
            SettableFuture<String> never = new SettableFuture<>();
            Task<String> quick = Aio.createTask(() -> "q");
            Task<String> failing = Aio.createTask(() -> {
                Aio.sleep(Duration.ofMillis(5));
                throw new IllegalStateException("f");
            });
            DoneAndNotDone<dev.weft.futures.WeftFuture<String>> first =
                    Aio.wait(List.of(never, quick, failing), null, ReturnWhen.FIRST_COMPLETED);
            assertThat(first.done()).containsExactly(quick);
            var exc = Aio.wait(List.of(never, quick, failing), null, ReturnWhen.FIRST_EXCEPTION);
            assertThat(exc.done()).containsExactlyInAnyOrder(quick, failing);
            assertThat(exc.notDone()).containsExactly(never);
            var timed = Aio.wait(List.of(never, quick), Duration.ofMillis(10), ReturnWhen.ALL_COMPLETED);
            assertThat(timed.notDone()).containsExactly(never);
            assertThat(never.isCancelled()).isFalse();
            assertThatThrownBy(() -> Aio.wait(List.<SettableFuture<String>>of(), null, ReturnWhen.ALL_COMPLETED))
                    .isInstanceOf(IllegalArgumentException.class);
            failing.exception();
            return null;
        });
    }

    @Test
    void asCompletedGivesFuturesInTheOrderTheyFinish() {
        Aio.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int delay : new int[] {30, 10, 20}) {
                tasks.add(Aio.createTask(() -> {
                    Aio.sleep(Duration.ofMillis(delay));
                    return delay;
                }));
            }
            List<Integer> order = new ArrayList<>();
            for (Task<Integer> t : Aio.asCompleted(tasks, null)) {
                order.add(Aio.await(t));
            }
            assertThat(order).containsExactly(10, 20, 30);

            SettableFuture<Integer> never = new SettableFuture<>();
            var it = Aio.asCompleted(List.of(never), Duration.ofMillis(10)).iterator();
            assertThat(it.hasNext()).isTrue();
            assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
            return null;
        });
    }

    @Test
    void timeoutScopeTurnsItsCancellationIntoATimeout() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            assertThatThrownBy(() -> Aio.timeout(Duration.ofMillis(10), () -> {
                try {
                    Aio.sleep(LONG);
                } finally {
                    seen.add("finally");
                }
                return null;
            })).isInstanceOf(UncheckedTimeoutException.class)
                    .hasRootCauseInstanceOf(CancellationException.class);
            assertThat(Aio.currentTask().cancelling()).isZero();
            assertThat(Aio.timeout(Duration.ofSeconds(30), () -> "in time")).isEqualTo("in time");
            Aio.sleep(Duration.ofMillis(1)); // no cancel left behind
            return null;
        });
        assertThat(seen).containsExactly("finally");
    }

    @Test
    void aFailingTaskGroupChildCancelsItsSiblingsAndErrorsAreCollected() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                g.createTask(() -> {
                    try {
                        Aio.sleep(LONG);
                    } finally {
                        seen.add("sibling cancelled");
                    }
                    return null;
                });
                g.createTask(() -> {
                    Aio.sleep(Duration.ofMillis(1));
                    throw new IllegalStateException("one");
                });
                g.createTask(() -> {
                    try {
                        Aio.sleep(LONG);
                    } finally {
                        throw new IllegalArgumentException("two"); // fails as it is cancelled
                    }
                });
                try {
                    Aio.sleep(LONG); // the body too is cancelled when a child fails
                } finally {
                    seen.add("body cancelled");
                }
            })).isInstanceOfSatisfying(TaskGroupException.class, e -> assertThat(e.exceptions())
                    .extracting(Throwable::getMessage).containsExactly("one", "two"));
            assertThat(Aio.currentTask().cancelling()).isZero();
            Aio.sleep(Duration.ZERO); // the group's cancel of the body is not left pending
            return null;
        });
        assertThat(seen).containsExactlyInAnyOrder("sibling cancelled", "body cancelled");
    }

    @Test
    void aTaskGroupWaitsForAllItsTasks() {
        List<Integer> done = new ArrayList<>();
        Aio.run(() -> {
            TaskGroup.run(g -> {
                for (int i = 3; i > 0; i--) {
                    int n = i;
                    g.createTask(() -> {
                        Aio.sleep(Duration.ofMillis(n * 5L));
                        return done.add(n);
                    });
                }
            });
            assertThat(done).containsExactly(1, 2, 3);
            return null;
        });
    }

    @Test
    void cancellingTheTaskWaitingForAGroupCancelsTheGroup() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> parent = Aio.createTask(() -> {
                TaskGroup.run(g -> g.createTask(() -> {
                    try {
                        Aio.sleep(LONG);
                    } finally {
                        seen.add("child cancelled");
                    }
                    return null;
                }));
                return null;
            });
            Aio.sleep(Duration.ofMillis(1));
            parent.cancel();
            assertThatThrownBy(() -> Aio.await(parent)).isInstanceOf(CancellationException.class);
            return null;
        });
        assertThat(seen).containsExactly("child cancelled");
    }

    @Test
    void blockingLetsTheLoopRunOtherTasks() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        assertThat(Aio.run(() -> {
            Task<String> waiter = Aio.createTask(() -> Aio.blocking(() -> {
                // Only another task of the loop can release this latch: the loop must be running it.
                return released.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
            }));
            Task<?> releaser = Aio.createTask(() -> {
                released.countDown();
                return null;
            });
            Aio.await(releaser);
            return Aio.await(waiter);
        })).isEqualTo("released");
    }

    @Test
    void cancellingATaskInBlockingInterruptsIt() {
        CountDownLatch inside = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Task<?> t = Aio.createTask(() -> Aio.blocking(() -> {
                inside.countDown();
                try {
                    Thread.sleep(LONG);
                } catch (InterruptedException e) {
                    seen.add("interrupted");
                    throw e;
                }
                return null;
            }));
            Aio.blocking(() -> {
                inside.await();
                return null;
            });
            t.cancel();
            assertThatThrownBy(() -> Aio.await(t)).isInstanceOf(CancellationException.class);
            return null;
        });
        assertThat(seen).containsExactly("interrupted");
    }

    @Test
    void toThreadAndRunInExecutorRunOffTheLoop() {
        Aio.run(() -> {
            Thread loopThread = Thread.currentThread();
            Thread other = Aio.toThread(Thread::currentThread);
            assertThat(other).isNotSameAs(loopThread);
            var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                assertThat(Aio.await(Aio.getRunningLoop().runInExecutor(pool, () -> "pooled"))).isEqualTo("pooled");
            } finally {
                pool.shutdown();
            }
            return null;
        });
    }

    @Test
    void runInsideALoopTaskIsRefused() {
        Aio.run(() -> {
            assertThatThrownBy(() -> Aio.run(() -> null)).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }
}
