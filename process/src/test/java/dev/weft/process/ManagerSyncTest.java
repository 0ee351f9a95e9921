package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Manager's locks, semaphores, events, conditions and barriers, across processes. */
@Timeout(value = 120, unit = SECONDS, threadMode = SEPARATE_THREAD)
class ManagerSyncTest {
    private static Manager manager;

    @BeforeAll
    static void start() throws Exception {
        manager = Manager.start();
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.shutdown();
        }
    }

    @Test
    void fourProcessesAddingUnderAManagerLockLoseNothing() throws Exception {
        LockProxy lock = manager.lock();
        ValueProxy<Integer> total = manager.value(0);
        List<Process> procs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Process child = new Process(() -> {
                for (int i = 0; i < 10_000; i++) {
                    lock.lock();
                    try {
                        total.set(total.get() + 1); // two calls: atomic only under the lock
                    } finally {
                        lock.unlock();
                    }
                }
            });
            child.start();
            procs.add(child);
        }
        for (Process child : procs) {
            child.join();
            assertThat(child.exitCode()).isEqualTo(OptionalInt.of(0));
        }
        assertThat(total.get()).isEqualTo(40_000);
    }

    @Test
    void aLockHeldByAProcessThatIsKilledMidCallIsReleased() throws Exception {
        LockProxy lock = manager.lock();
        Queue<String> signals = manager.queue();
        Queue<String> never = manager.queue();
        Process holder = new Process(() -> {
            lock.lock();
            signals.put("held");
            never.take(); // waits in the server until this process is killed
        });
        holder.start();
        assertThat(signals.get(Duration.ofSeconds(30))).isEqualTo("held");
        assertThat(lock.locked()).isTrue();
        assertThat(lock.tryLock()).isFalse();
        holder.kill();
        holder.join();
        assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue(); // the server let the dead owner's lock go
        lock.release();
        never.put("for the living");
        assertThat(never.get(Duration.ofSeconds(10))).isEqualTo("for the living"); // the dead take took nothing
    }

    @Test
    void lockRules() throws Exception {
        LockProxy lock = manager.lock();
        lock.acquire();
        assertThatThrownBy(lock::acquire).isInstanceOf(IllegalMonitorStateException.class).hasMessageContaining("reentrant");
        CompletableFuture<Throwable> other = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                lock.release();
                other.complete(null);
            } catch (Throwable t) {
                other.complete(t);
            }
        });
        assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.release();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);

        LockProxy r = manager.rLock();
        r.lock();
        r.lock();
        assertThat(r.holdCount()).isEqualTo(2);
        r.unlock();
        r.unlock();
        assertThat(r.locked()).isFalse();
    }

    @Test
    void aTimedAcquireTimesOutAndAnInterruptedOneHoldsNothing() throws Exception {
        LockProxy lock = manager.lock();
        lock.lock();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> waiter = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                boolean got = lock.acquire(Duration.ofMillis(50));
                started.countDown();
                lock.acquire(); // interrupted below
                waiter.complete("acquired");
            } catch (Throwable e) {
                waiter.complete(e);
            }
        });
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        assertThat(waiter.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        lock.unlock();
        assertThat(lock.locked()).isFalse(); // the interrupted waiter took nothing
    }

    @Test
    void aConditionWakesAWaitingProcess() throws Exception {
        ConditionProxy cond = manager.condition();
        DictProxy<String, Integer> state = manager.dict();
        Queue<String> signals = manager.queue();
        Process waiter = new Process(() -> {
            cond.lock().lock();
            try {
                signals.put("waiting");
                if (!cond.awaitFor(() -> state.containsKey("go"), Duration.ofSeconds(30))) {
                    throw new IllegalStateException("not woken");
                }
                state.put("seen", state.get("go"));
            } finally {
                cond.lock().unlock();
            }
        });
        waiter.start();
        assertThat(signals.get(Duration.ofSeconds(30))).isEqualTo("waiting");
        cond.lock().lock();
        try {
            state.put("go", 7);
            cond.notifyAll_();
        } finally {
            cond.lock().unlock();
        }
        waiter.join();
        assertThat(waiter.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(state.get("seen")).isEqualTo(7);
        assertThatThrownBy(() -> cond.notify(1)).isInstanceOf(IllegalMonitorStateException.class);
        cond.lock().lock();
        try {
            assertThat(cond.await(Duration.ofMillis(20))).isFalse(); // nobody notifies: times out, lock held again
            assertThat(cond.lock().isHeldByCurrentThread()).isTrue();
        } finally {
            cond.lock().unlock();
        }
    }

    @Test
    void eventsAndSemaphores() throws Exception {
        EventProxy event = manager.event();
        Process setter = new Process(() -> event.set());
        assertThat(event.await(Duration.ofMillis(10))).isFalse();
        setter.start();
        assertThat(event.await(Duration.ofSeconds(30))).isTrue();
        setter.join();
        event.clear();
        assertThat(event.isSet()).isFalse();

        SemaphoreProxy sem = manager.boundedSemaphore(2);
        assertThat(sem.tryAcquire()).isTrue();
        assertThat(sem.tryAcquire(Duration.ofSeconds(1))).isTrue();
        assertThat(sem.tryAcquire(Duration.ofMillis(20))).isFalse();
        sem.release(2);
        assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("bound");
        assertThat(sem.availablePermits()).isEqualTo(2);
        SemaphoreProxy open = manager.semaphore(0);
        open.release(3);
        assertThat(open.availablePermits()).isEqualTo(3);
        assertThatThrownBy(() -> manager.semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBarrierAcrossProcessesAndOneThatTimesOut() throws Exception {
        BarrierProxy barrier = manager.barrier(3);
        Queue<Integer> indexes = manager.queue();
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = new Process(() -> indexes.put(barrier.await(Duration.ofSeconds(30))));
            p.start();
            procs.add(p);
        }
        int mine = barrier.await(Duration.ofSeconds(30));
        Set<Integer> all = new HashSet<>(List.of(mine, indexes.get(Duration.ofSeconds(30)), indexes.get(Duration.ofSeconds(30))));
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
        for (Process p : procs) {
            p.join();
        }
        BarrierProxy lonely = manager.barrier(2);
        assertThatThrownBy(() -> lonely.await(Duration.ofMillis(20))).isInstanceOf(BrokenBarrierException.class)
                .hasMessageContaining("timed out");
        assertThat(lonely.isBroken()).isTrue();
        assertThatThrownBy(lonely::await).isInstanceOf(BrokenBarrierException.class);
        lonely.reset();
        assertThat(lonely.isBroken()).isFalse();
        assertThat(lonely.parties()).isEqualTo(2);
    }
}
