package dev.weft.aio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.queue.QueueEmptyException;
import dev.weft.queue.QueueFullException;
import dev.weft.queue.QueueShutDownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's Lock, Event, Semaphore, BoundedSemaphore, Condition, Barrier and queues. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SynchronizersTest {
    private static final Duration LONG = Duration.ofDays(1);

    @Test
    void lockExcludesAcrossAwaitPointsAndServesWaitersInOrder() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Lock lock = new Lock();
            List<Task<?>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Aio.createTask(() -> {
                    try (var held = lock.hold()) {
                        seen.add(name + " in");
                        Aio.sleep(Duration.ofMillis(1)); // others run here, but not inside the lock
                        seen.add(name + " out");
                    }
                    return null;
                }));
            }
            Aio.gather(tasks);
            assertThat(lock.locked()).isFalse();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(seen).containsExactly("a in", "a out", "b in", "b out", "c in", "c out");
    }

    @Test
    void aWaiterCancelledWhileWaitingForTheLockLeavesItUsable() {
        Aio.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<?> waiter = Aio.createTask(() -> {
                lock.acquire();
                return null;
            });
            Aio.sleep(Duration.ZERO);
            waiter.cancel();
            Aio.gatherReturnExceptions(List.of(waiter));
            lock.release();
            assertThat(Aio.waitFor(Aio.createTask(() -> {
                lock.acquire();
                lock.release();
                return "got it";
            }), Duration.ofSeconds(30))).isEqualTo("got it");
            return null;
        });
    }

    @Test
    void eventWakesEveryWaiter() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Event event = new Event();
            List<Task<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                waiters.add(Aio.createTask(() -> {
                    event.await();
                    return seen.add("woke " + n);
                }));
            }
            Aio.sleep(Duration.ZERO);
            assertThat(seen).isEmpty();
            event.set();
            assertThat(event.isSet()).isTrue();
            Aio.gather(waiters);
            event.clear();
            assertThat(event.isSet()).isFalse();
            return null;
        });
        assertThat(seen).containsExactly("woke 0", "woke 1", "woke 2");
    }

    @Test
    void semaphoreBoundsConcurrencyAndBoundedSemaphoreRefusesOverRelease() {
        int[] inside = {0};
        int[] most = {0};
        Aio.run(() -> {
            Semaphore sem = new Semaphore(2);
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tasks.add(Aio.createTask(() -> {
                    try (var held = sem.hold()) {
                        inside[0]++;
                        most[0] = Math.max(most[0], inside[0]);
                        Aio.sleep(Duration.ofMillis(1));
                        inside[0]--;
                    }
                    return null;
                }));
            }
            Aio.gather(tasks);
            assertThat(sem.locked()).isFalse();
            BoundedSemaphore bounded = new BoundedSemaphore(1);
            bounded.acquire();
            assertThat(bounded.locked()).isTrue();
            bounded.release();
            assertThatThrownBy(bounded::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("too many");
            return null;
        });
        assertThat(most[0]).isEqualTo(2);
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conditionWaitersAreNotifiedAndHoldTheLockAgain() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Condition cond = new Condition();
            int[] items = {0};
            List<Task<?>> consumers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                consumers.add(Aio.createTask(() -> {
                    try (var held = cond.hold()) {
                        cond.awaitFor(() -> items[0] > 0);
                        assertThat(cond.locked()).isTrue();
                        items[0]--;
                        seen.add("consumer " + n);
                    }
                    return null;
                }));
            }
            Aio.sleep(Duration.ZERO);
            try (var held = cond.hold()) {
                items[0] = 2;
                cond.notifyAll_();
            }
            Aio.gather(consumers);
            assertThatThrownBy(() -> cond.notify(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cond::await).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(seen).containsExactlyInAnyOrder("consumer 0", "consumer 1");
    }

    @Test
    void aConditionWaiterCancelledHoldsTheLockWhenItsFinallyRuns() {
        Aio.run(() -> {
            Condition cond = new Condition();
            boolean[] heldInFinally = {false};
            Task<?> t = Aio.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                } finally {
                    heldInFinally[0] = cond.locked();
                    cond.release();
                }
                return null;
            });
            Aio.sleep(Duration.ZERO);
            t.cancel();
            assertThatThrownBy(() -> Aio.await(t)).isInstanceOf(CancellationException.class);
            assertThat(heldInFinally[0]).isTrue();
            assertThat(cond.locked()).isFalse();
            return null;
        });
    }

    @Test
    void barrierReleasesARoundWithArrivalIndicesAndAbortBreaksIt() {
        Aio.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Task<Integer>> parties = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                parties.add(Aio.createTask(barrier::await));
            }
            assertThat(Aio.gather(parties)).containsExactly(0, 1, 2);
            assertThat(barrier.nWaiting()).isZero();
            Task<Integer> lonely = Aio.createTask(barrier::await);
            Aio.sleep(Duration.ZERO);
            assertThat(barrier.nWaiting()).isEqualTo(1);
            barrier.abort();
            assertThatThrownBy(() -> Aio.await(lonely)).hasCauseInstanceOf(BrokenBarrierException.class);
            assertThat(barrier.broken()).isTrue();
            assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
            barrier.reset();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void queuesGiveItemsInTheirOrder() {
        Aio.run(() -> {
            Queue<Integer> fifo = new Queue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<Integer> prio = new PriorityQueue<>(0, Comparator.reverseOrder());
            for (int i : new int[] {2, 3, 1}) {
                fifo.put(i);
                lifo.put(i);
                prio.put(i);
            }
            assertThat(List.of(fifo.get(), fifo.get(), fifo.get())).containsExactly(2, 3, 1);
            assertThat(List.of(lifo.get(), lifo.get(), lifo.get())).containsExactly(1, 3, 2);
            assertThat(List.of(prio.get(), prio.get(), prio.get())).containsExactly(3, 2, 1);
            assertThatThrownBy(fifo::getNowait).isInstanceOf(QueueEmptyException.class);
            return null;
        });
    }

    @Test
    void aBoundedQueueMakesPutWaitAndJoinWaitsForTaskDone() {
        List<String> seen = new ArrayList<>();
        Aio.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.put("first");
            assertThat(q.full()).isTrue();
            assertThatThrownBy(() -> q.putNowait("x")).isInstanceOf(QueueFullException.class);
            Task<?> producer = Aio.createTask(() -> {
                q.put("second"); // waits until the consumer takes "first"
                seen.add("put second");
                return null;
            });
            Task<?> consumer = Aio.createTask(() -> {
                for (int i = 0; i < 2; i++) {
                    seen.add("got " + q.get());
                    q.taskDone();
                }
                return null;
            });
            q.join();
            seen.add("joined");
            Aio.gather(producer, consumer);
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(seen).containsExactly("got first", "put second", "got second", "joined");
    }

    @Test
    void shutdownWakesWaitersAndRefusesLaterPuts() {
        Aio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Aio.createTask(q::get);
            Aio.sleep(Duration.ZERO);
            q.shutdown(false);
            assertThatThrownBy(() -> Aio.await(getter)).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(() -> q.put("late")).isInstanceOf(QueueShutDownException.class);

            Queue<String> dropped = new Queue<>();
            dropped.put("a");
            dropped.put("b");
            dropped.shutdown(true);
            assertThat(dropped.qsize()).isZero();
            dropped.join(); // the dropped items count as done
            assertThatThrownBy(dropped::get).isInstanceOf(QueueShutDownException.class);
            return null;
        });
    }

    @Test
    void aCancelledGetterTakesNoItem() {
        Aio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Aio.createTask(q::get);
            Aio.sleep(Duration.ZERO);
            getter.cancel();
            Aio.gatherReturnExceptions(List.of(getter));
            q.put("kept");
            assertThat(q.get()).isEqualTo("kept");
            return null;
        });
    }
}
