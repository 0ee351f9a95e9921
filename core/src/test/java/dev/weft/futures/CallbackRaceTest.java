package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races on one {@link SettableFuture}, each repeated for many rounds started together by a
 * barrier (no sleeps): callbacks added while the future completes each run exactly once; waiters
 * that time out or are interrupted (and unlink themselves) while the future completes neither lose
 * a callback nor a wake-up of another waiter; of {@code cancel}, {@code setResult} and
 * {@code setException} exactly one wins, and everyone sees that one; removable callbacks removed
 * while the future completes run at most once; completion stages made while it completes all
 * complete.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallbackRaceTest {

    /** Rounds per race; {@code -Dweft.race.rounds=...} runs longer hunts. */
    private static final int ROUNDS = Integer.getInteger("weft.race.rounds", 2_000);

    /** What one thread does in round {@code round}. */
    @FunctionalInterface
    interface Role {
        void run(int round) throws Exception;
    }

    /**
     * Runs {@code rounds} rounds, each role in its own thread. Before each round {@code setup}
     * prepares it; all roles then start together; after every role has finished the round,
     * {@code check} checks it (in the barrier action, while no role runs).
     */
    private static void race(int rounds, IntConsumer setup, IntConsumer check, Role... roles) throws InterruptedException {
        int[] next = {0};
        CyclicBarrier barrier = new CyclicBarrier(roles.length, () -> {
            if (next[0] > 0) {
                check.accept(next[0] - 1);
            }
            if (next[0] < rounds) {
                setup.accept(next[0]);
            }
            next[0]++;
        });
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            Role role = roles[i];
            threads.add(TestThreads.start("role-" + i, () -> {
                for (int r = 0; r <= rounds; r++) {
                    barrier.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
                    if (r < rounds) {
                        role.run(r);
                    }
                }
            }));
        }
        List<Throwable> failures = new ArrayList<>();
        for (TestThreads.Checked t : threads) {
            Throwable failure;
            try {
                t.thread().join(Duration.ofMillis(Math.max(TestThreads.LONG.toMillis(), rounds))); // long hunts
                failure = t.join();
            } catch (AssertionError stuck) {
                failure = stuck;
            }
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            // The barrier breaks for every role when one fails: report the cause first.
            failures.sort(Comparator.comparing(t -> t instanceof BrokenBarrierException));
            AssertionError e = new AssertionError("a role failed", failures.getFirst());
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        for (;;) {
            try {
                if (!latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    throw new AssertionError("latch not released within " + TestThreads.LONG);
                }
                return;
            } catch (InterruptedException e) {
                // the interrupt this round expects; keep waiting
            }
        }
    }

    private static void spin(int iterations) {
        for (int i = 0; i < iterations; i++) {
            Thread.onSpinWait();
        }
    }

    /** The round's future, kept in a one-element array (a generic array cannot be created). */
    @SuppressWarnings("unchecked")
    private static SettableFuture<Integer> current(SettableFuture<?>[] slot) {
        return (SettableFuture<Integer>) slot[0];
    }

    /** The role that completes the round's future with the round number, after a spin that varies by round. */
    private static Role completer(SettableFuture<?>[] slot) {
        return round -> {
            SettableFuture<Integer> f = current(slot);
            spin(round % 64);
            f.setResult(round);
        };
    }

    // ------------------------------------------------------------ callbacks and completion

    @Test
    void callbacksAddedWhileTheFutureCompletesEachRunExactlyOnce() throws InterruptedException {
        int adders = 3;
        int perAdder = 4;
        int total = adders * perAdder;
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        AtomicIntegerArray runs = new AtomicIntegerArray(total);
        AtomicInteger wrong = new AtomicInteger();
        Role[] roles = new Role[adders + 1];
        for (int a = 0; a < adders; a++) {
            int adder = a;
            roles[a] = round -> {
                SettableFuture<Integer> f = current(future);
                for (int k = 0; k < perAdder; k++) {
                    int id = adder * perAdder + k;
                    f.addDoneCallback(done -> {
                        if (!done.isDone() || done.resultNow() != round) {
                            wrong.incrementAndGet();
                        }
                        runs.incrementAndGet(id);
                    });
                }
            };
        }
        roles[adders] = completer(future);

        race(ROUNDS, round -> {
            future[0] = new SettableFuture<Integer>();
            for (int i = 0; i < total; i++) {
                runs.set(i, 0);
            }
        }, round -> {
            for (int i = 0; i < total; i++) {
                assertThat(runs.get(i)).as("runs of callback %d in round %d", i, round).isEqualTo(1);
            }
            assertThat(WaiterStack.released(future[0])).isTrue();
        }, roles);

        assertThat(wrong).as("callbacks that saw the future not done, or another round's result").hasValue(0);
    }

    @Test
    void timedWaitersGivingUpWhileTheFutureCompletesLoseNoCallbackAndNoWakeUp() throws InterruptedException {
        // Waiters push themselves, time out and unlink over and over, while the completer adds a
        // callback (on top of the dead waiters) and completes: every callback, including the oldest
        // one at the bottom of the stack, must run, and every waiter must end with the result.
        int waiters = 3;
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        AtomicInteger oldestRuns = new AtomicInteger();
        AtomicInteger newestRuns = new AtomicInteger();
        AtomicReferenceArray<Integer> got = new AtomicReferenceArray<>(waiters);
        Role[] roles = new Role[waiters + 1];
        for (int w = 0; w < waiters; w++) {
            int waiter = w;
            roles[w] = round -> {
                SettableFuture<Integer> f = current(future);
                for (int attempt = 0; ; attempt++) {
                    try {
                        got.set(waiter, f.result(Duration.ofNanos(1_000 + (attempt % 5) * 2_000)));
                        return;
                    } catch (TimeoutException expected) {
                        // give up, and try again
                    }
                }
            };
        }
        roles[waiters] = round -> {
            SettableFuture<Integer> f = current(future);
            spin((round % 32) * 50);
            f.addDoneCallback(done -> newestRuns.incrementAndGet());
            spin((round % 7) * 20);
            f.setResult(round);
        };

        race(ROUNDS, round -> {
            SettableFuture<Integer> f = new SettableFuture<>();
            f.addDoneCallback(done -> oldestRuns.incrementAndGet());
            future[0] = f;
            oldestRuns.set(0);
            newestRuns.set(0);
            for (int w = 0; w < waiters; w++) {
                got.set(w, null);
            }
        }, round -> {
            assertThat(oldestRuns).as("runs of the oldest callback in round %d", round).hasValue(1);
            assertThat(newestRuns).as("runs of the newest callback in round %d", round).hasValue(1);
            for (int w = 0; w < waiters; w++) {
                assertThat(got.get(w)).as("result seen by waiter %d in round %d", w, round).isEqualTo(round);
            }
        }, roles);
    }

    @Test
    void interruptedWaitersWhileTheFutureCompletesLoseNoCallbackAndNoWakeUp() throws InterruptedException {
        // Two waiters block without a time limit; a third thread interrupts one of them while a
        // fourth completes. The interrupted one either got the result or an InterruptedException;
        // the other always gets the result; the callback runs once.
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        Thread[] waiterThreads = new Thread[2];
        CountDownLatch[] interruptSent = new CountDownLatch[1];
        AtomicInteger callbackRuns = new AtomicInteger();
        AtomicReferenceArray<Object> outcome = new AtomicReferenceArray<>(2);
        AtomicInteger interruptions = new AtomicInteger();
        Role[] roles = new Role[4];
        for (int w = 0; w < 2; w++) {
            int waiter = w;
            roles[w] = round -> {
                waiterThreads[waiter] = Thread.currentThread();
                SettableFuture<Integer> f = current(future);
                try {
                    outcome.set(waiter, f.result());
                } catch (InterruptedException e) {
                    outcome.set(waiter, e);
                }
                // Keep the interrupt (sent or not yet sent) inside this round.
                awaitUninterruptibly(interruptSent[0]);
                Thread.interrupted();
            };
        }
        roles[2] = round -> {
            Thread victim;
            while ((victim = waiterThreads[round % 2]) == null) {
                Thread.onSpinWait();
            }
            spin((round % 16) * 40);
            victim.interrupt();
            interruptSent[0].countDown();
        };
        roles[3] = round -> {
            SettableFuture<Integer> f = current(future);
            spin((round % 32) * 40);
            f.setResult(round);
        };

        race(ROUNDS, round -> {
            SettableFuture<Integer> f = new SettableFuture<>();
            f.addDoneCallback(done -> callbackRuns.incrementAndGet());
            future[0] = f;
            waiterThreads[0] = null;
            waiterThreads[1] = null;
            interruptSent[0] = new CountDownLatch(1);
            callbackRuns.set(0);
        }, round -> {
            assertThat(callbackRuns).as("callback runs in round %d", round).hasValue(1);
            int victim = round % 2;
            assertThat(outcome.get(1 - victim)).as("the waiter not interrupted, round %d", round).isEqualTo(round);
            Object v = outcome.get(victim);
            if (v instanceof InterruptedException) {
                interruptions.incrementAndGet();
            } else {
                assertThat(v).as("the interrupted waiter, round %d", round).isEqualTo(round);
            }
            assertThat(WaiterStack.released(future[0])).isTrue();
        }, roles);

        assertThat(interruptions.get()).isBetween(0, ROUNDS);
    }

    @Test
    void untimedWaitersAreAllWokenByACompletionRacingTheirArrival() throws InterruptedException {
        int waiters = 3;
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        AtomicReferenceArray<Integer> got = new AtomicReferenceArray<>(waiters);
        Role[] roles = new Role[waiters + 1];
        for (int w = 0; w < waiters; w++) {
            int waiter = w;
            roles[w] = round -> {
                SettableFuture<Integer> f = current(future);
                got.set(waiter, waiter % 2 == 0 ? f.get() : f.result(TestThreads.LONG));
            };
        }
        roles[waiters] = round -> {
            SettableFuture<Integer> f = current(future);
            spin(round % 128);
            f.setResult(round);
        };

        race(ROUNDS, round -> future[0] = new SettableFuture<Integer>(), round -> {
            for (int w = 0; w < waiters; w++) {
                assertThat(got.get(w)).isEqualTo(round);
            }
        }, roles);
    }

    // ------------------------------------------------------------ competing completions

    @Test
    void ofCancelSetResultAndSetExceptionExactlyOneWins() throws InterruptedException {
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        AtomicIntegerArray won = new AtomicIntegerArray(3);
        AtomicInteger callbackRuns = new AtomicInteger();
        String[] seenByWaiter = new String[1];
        int[] wins = new int[3];
        IOException boom = new IOException("boom");
        Role canceller = round -> {
            if (future[0].cancel(round % 2 == 0)) {
                won.set(0, 1);
            }
        };
        Role setter = round -> {
            SettableFuture<Integer> f = current(future);
            spin(round % 8);
            if (f.setResult(round)) {
                won.set(1, 1);
            }
        };
        Role failer = round -> {
            spin(round % 5);
            if (future[0].setException(boom)) {
                won.set(2, 1);
            }
        };
        Role waiter = round -> {
            try {
                seenByWaiter[0] = "result " + future[0].get();
            } catch (CancellationException e) {
                seenByWaiter[0] = "cancelled";
            } catch (ExecutionException e) {
                seenByWaiter[0] = "failed " + e.getCause().getMessage();
            }
        };

        race(ROUNDS, round -> {
            SettableFuture<Integer> f = new SettableFuture<>();
            f.addDoneCallback(done -> callbackRuns.incrementAndGet());
            future[0] = f;
            callbackRuns.set(0);
            for (int i = 0; i < 3; i++) {
                won.set(i, 0);
            }
        }, round -> {
            SettableFuture<?> f = future[0];
            int winners = won.get(0) + won.get(1) + won.get(2);
            assertThat(winners).as("winners in round %d", round).isEqualTo(1);
            assertThat(callbackRuns).hasValue(1);
            if (won.get(0) == 1) {
                assertThat(f.cancelled()).isTrue();
                assertThat(seenByWaiter[0]).isEqualTo("cancelled");
                wins[0]++;
            } else if (won.get(1) == 1) {
                assertThat(f.resultNow()).isEqualTo(round);
                assertThat(seenByWaiter[0]).isEqualTo("result " + round);
                wins[1]++;
            } else {
                assertThat(f.exceptionNow()).isSameAs(boom);
                assertThat(seenByWaiter[0]).isEqualTo("failed boom");
                wins[2]++;
            }
        }, canceller, setter, failer, waiter);

        assertThat(wins[0] + wins[1] + wins[2]).isEqualTo(ROUNDS);
    }

    @Test
    void ofCancelAndSetRunningOrNotifyCancelExactlyOneWins() throws InterruptedException {
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        boolean[] cancelled = new boolean[1];
        boolean[] started = new boolean[1];
        Role canceller = round -> cancelled[0] = future[0].cancel(round % 2 == 0);
        Role producer = round -> {
            spin(round % 16);
            started[0] = future[0].setRunningOrNotifyCancel();
        };

        race(ROUNDS, round -> future[0] = new SettableFuture<Integer>(), round -> {
            assertThat(cancelled[0] ^ started[0]).as("exactly one wins, round %d", round).isTrue();
            assertThat(future[0].cancelled()).isEqualTo(cancelled[0]);
            assertThat(future[0].running()).isEqualTo(started[0]);
        }, canceller, producer);
    }

    // ------------------------------------------------------------ removable callbacks, stages

    @Test
    void removableCallbacksRemovedWhileTheFutureCompletesRunAtMostOnceAndOthersExactlyOnce() throws InterruptedException {
        int removers = 2;
        int perRemover = 3;
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        Object[][] handles = new Object[removers][perRemover];
        AtomicIntegerArray removableRuns = new AtomicIntegerArray(removers * perRemover);
        AtomicInteger keptRuns = new AtomicInteger();
        Role[] roles = new Role[removers + 1];
        for (int r = 0; r < removers; r++) {
            int remover = r;
            roles[r] = round -> {
                for (int k = 0; k < perRemover; k++) {
                    future[0].removeCallback(handles[remover][k]);
                }
            };
        }
        roles[removers] = completer(future);

        race(ROUNDS, round -> {
            SettableFuture<Integer> f = new SettableFuture<>();
            keptRuns.set(0);
            f.addDoneCallback(done -> keptRuns.incrementAndGet()); // the oldest
            for (int r = 0; r < removers; r++) {
                for (int k = 0; k < perRemover; k++) {
                    int id = r * perRemover + k;
                    removableRuns.set(id, 0);
                    handles[r][k] = f.addRemovableCallback(done -> removableRuns.incrementAndGet(id));
                    if (k == 1) {
                        f.addDoneCallback(done -> keptRuns.incrementAndGet()); // between removable ones
                    }
                }
            }
            future[0] = f;
        }, round -> {
            assertThat(keptRuns).as("runs of the kept callbacks, round %d", round).hasValue(1 + removers);
            for (int i = 0; i < removers * perRemover; i++) {
                assertThat(removableRuns.get(i)).as("runs of removable callback %d", i).isBetween(0, 1);
            }
        }, roles);
    }

    @Test
    void stagesMadeWhileTheFutureCompletesAllComplete() throws InterruptedException {
        int makers = 2;
        SettableFuture<?>[] future = new SettableFuture<?>[1];
        @SuppressWarnings("unchecked")
        CompletionStage<Integer>[] stages = new CompletionStage[makers * 2];
        Role[] roles = new Role[makers + 1];
        for (int m = 0; m < makers; m++) {
            int maker = m;
            roles[m] = round -> {
                SettableFuture<Integer> f = current(future);
                stages[maker * 2] = f.thenApply(x -> x + 1);
                stages[maker * 2 + 1] = f.toCompletableFuture();
            };
        }
        roles[makers] = completer(future);

        race(ROUNDS, round -> future[0] = new SettableFuture<Integer>(), round -> {
            for (int i = 0; i < stages.length; i++) {
                assertThat(stages[i].toCompletableFuture().getNow(-1))
                        .as("stage %d of round %d", i, round)
                        .isEqualTo(i % 2 == 0 ? round + 1 : round);
            }
        }, roles);
    }
}
