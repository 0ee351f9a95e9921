package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.process.internal.hub.ItemCodec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SharedValue, SharedArray and the process-wide synchronizers, in this process and across processes. */
@Timeout(value = 120, unit = SECONDS, threadMode = SEPARATE_THREAD)
class SharedMemoryTest {

    @Test
    void everyTypeOfValue() {
        try (var i = SharedValue.ofInt(1); var l = SharedValue.ofLong(1L << 40); var d = SharedValue.ofDouble(1.5);
                var b = SharedValue.ofBoolean(true); var y = SharedValue.ofByte((byte) 127); var c = SharedValue.ofChar('a')) {
            assertThat(i.addAndGet(2)).isEqualTo(3);
            assertThat(i.incrementAndGet()).isEqualTo(4);
            assertThat(i.compareAndSet(4, 10)).isTrue();
            assertThat(i.compareAndSet(4, 11)).isFalse();
            assertThat(i.getAndSet(-1)).isEqualTo(10);
            assertThat(l.addAndGet(1)).isEqualTo((1L << 40) + 1);
            assertThat(d.addAndGet(0.25)).isEqualTo(1.75);
            assertThat(d.compareAndSet(1.75, 2.0)).isTrue();
            assertThat(b.get()).isTrue();
            assertThat(b.compareAndSet(true, false)).isTrue();
            assertThat(b.get()).isFalse();
            assertThat(y.addAndGet((byte) 1)).isEqualTo((byte) -128); // wraps as byte arithmetic
            c.set('z');
            assertThat(c.get()).isEqualTo('z');
            assertThat(i.toString()).isEqualTo("SharedValue.int[-1]");
            assertThat(i.getLock()).isInstanceOf(ProcessRLock.class);
        }
    }

    @Test
    void arraysRawValuesAndClosedHandles() {
        SharedArray.OfInt a = SharedArray.of(new int[] {1, 2, 3});
        a.set(1, 20);
        assertThat(a.toArray()).containsExactly(1, 20, 3);
        assertThat(a.toList()).containsExactly(1, 20, 3);
        assertThatThrownBy(() -> a.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(SharedArray.ofDouble(2).toArray()).containsExactly(0.0, 0.0);
        a.close();
        a.close(); // idempotent
        assertThatThrownBy(() -> a.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        try (var raw = SharedValue.rawInt(5)) {
            assertThat(raw.hasLock()).isFalse();
            assertThatThrownBy(raw::getLock).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a lock");
        }
        ProcessLock mine = new ProcessLock();
        try (var guarded = SharedValue.ofLong(0, mine)) {
            assertThat(guarded.getLock()).isSameAs(mine);
        }
        assertThatThrownBy(() -> SharedArray.ofInt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bulkReadsAndWritesOfEveryType() throws Exception {
        try (var i = SharedArray.ofInt(5); var l = SharedArray.ofLong(3); var d = SharedArray.ofDouble(3);
                var b = SharedArray.ofBoolean(3); var y = SharedArray.ofByte(3); var c = SharedArray.ofChar(3)) {
            i.set(1, new int[] {7, 8, 9});
            assertThat(i.toArray()).containsExactly(0, 7, 8, 9, 0);
            assertThat(i.toArray(1, 3)).containsExactly(7, 8);
            assertThat(i.toArray(5, 5)).isEmpty();
            int[] dst = new int[2];
            i.get(2, dst);
            assertThat(dst).containsExactly(8, 9);
            assertThatThrownBy(() -> i.set(4, new int[] {1, 2})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(i.get(4)).isZero(); // nothing written
            assertThatThrownBy(() -> i.toArray(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            l.set(0, new long[] {1L << 40, 2});
            assertThat(l.toArray(0, 2)).containsExactly(1L << 40, 2);
            d.set(2, new double[] {2.5});
            assertThat(d.toArray(1, 3)).containsExactly(0.0, 2.5);
            b.set(0, new boolean[] {true, false, true});
            assertThat(b.toArray(0, 3)).containsExactly(true, false, true);
            y.set(1, new byte[] {-1, 127});
            byte[] bytes = new byte[3];
            y.get(0, bytes);
            assertThat(bytes).containsExactly(0, -1, 127);
            c.set(0, new char[] {'h', 'i'});
            assertThat(new String(c.toArray(0, 2))).isEqualTo("hi");

            // Under the lock: a bulk write waits while another thread holds it, and a holder may bulk-write itself.
            i.getLock().lock();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> i.set(0, new int[] {1, 1, 1, 1, 1}),
                    r -> Thread.ofPlatform().start(r));
            try {
                i.set(0, new int[] {2, 2}); // holds it already: reentrant or not, it is not taken again
                assertThat(i.toArray(0, 2)).containsExactly(2, 2);
                assertThat(writer).isNotDone();
            } finally {
                i.getLock().unlock();
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(i.toArray()).containsExactly(1, 1, 1, 1, 1);
        }
        ProcessLock plain = new ProcessLock();
        try (var a = SharedArray.of(new int[] {1, 2}, plain); var raw = SharedArray.raw(new int[] {1, 2})) {
            plain.lock();
            try {
                a.set(0, new int[] {3, 4}); // a non-reentrant lock held by this thread is not taken again
            } finally {
                plain.unlock();
            }
            assertThat(a.toArray(0, 2)).containsExactly(3, 4);
            assertThat(plain.locked()).isFalse();
            raw.set(0, new int[] {5, 6});
            assertThat(raw.toArray(0, 2)).containsExactly(5, 6);
        }
    }

    @Test
    void fourProcessesAddingUnderTheValuesLockLoseNothing() throws Exception {
        try (SharedValue.OfInt counter = SharedValue.ofInt(0)) {
            List<Process> procs = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                Process child = new Process(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counter.getLock().lock();
                        try {
                            counter.set(counter.get() + 1); // not atomic: the lock makes it so
                        } finally {
                            counter.getLock().unlock();
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
            assertThat(counter.get()).isEqualTo(40_000);
        }
    }

    @Test
    void poolAndExecutorTasksWriteTheSameMemory() throws Exception {
        try (SharedArray.OfLong slots = SharedArray.ofLong(8); Pool pool = new Pool(2)) {
            pool.map((Integer i) -> slots.addAndGet(i, 10L * i), List.of(0, 1, 2, 3, 4, 5, 6, 7), 1);
            assertThat(slots.toArray()).containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
            try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
                assertThat(ex.submit(() -> slots.getAndSet(0, 99)).get(30, TimeUnit.SECONDS)).isZero();
            }
            assertThat(slots.get(0)).isEqualTo(99);
        }
    }

    @Test
    void aLockWhoseOwnerIsKilledIsRecoveredAndSaysSo() throws Exception {
        try (ProcessLock lock = new ProcessLock(); ProcessEvent held = new ProcessEvent()) {
            Process holder = new Process(() -> {
                lock.lock();
                held.set();
                Thread.sleep(60_000);
            });
            holder.start();
            assertThat(held.await(Duration.ofSeconds(30))).isTrue();
            assertThat(lock.locked()).isTrue();
            assertThat(lock.toString()).contains("held by process " + holder.pid());
            assertThat(lock.acquire(Duration.ofMillis(50))).isFalse();
            holder.kill();
            assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue();
            assertThat(lock.ownerDied()).isTrue();
            lock.release();
            assertThat(lock.ownerDied()).isFalse();
            assertThat(lock.tryLock()).isTrue();
            assertThat(lock.ownerDied()).isFalse();
            lock.unlock();
            holder.join();
        }
    }

    @Test
    void aPoolWorkerThatDiesHoldingAnRLockTwiceLeavesItToTheNextAcquirerWhoIsToldTheOwnerDied() throws Exception {
        try (ProcessRLock lock = new ProcessRLock(); ProcessEvent held = new ProcessEvent()) {
            try (Pool pool = new Pool(1)) {
                AsyncResult<Integer> exited = pool.applyAsync((Integer code) -> {
                    lock.lock();
                    lock.lock();
                    System.exit(code);
                    return 0;
                }, 3);
                assertThat(exited.await(Duration.ofSeconds(60))).isTrue();
                assertThat(exited.successful()).isFalse();
                assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue();
                assertThat(lock.ownerDied()).isTrue();
                lock.release();
                assertThat(lock.locked()).isFalse();
            }
            try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
                ex.submit(() -> {
                    lock.lock();
                    lock.lock();
                    held.set();
                    Thread.sleep(60_000);
                    return null;
                });
                assertThat(held.await(Duration.ofSeconds(60))).isTrue();
                assertThat(lock.locked()).isTrue();
                ProcessHandle.of(lock.mutex.ownerPid()).orElseThrow().destroyForcibly(); // the worker
                assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue();
                assertThat(lock.ownerDied()).isTrue();
                assertThat(lock.holdCount()).isEqualTo(1);
                lock.release();
                assertThat(lock.locked()).isFalse();
            }
        }
    }

    @Test
    void lockRules() throws Exception {
        try (ProcessLock lock = new ProcessLock(); ProcessRLock rlock = new ProcessRLock()) {
            lock.lock();
            assertThatThrownBy(lock::lock).isInstanceOf(IllegalMonitorStateException.class).hasMessageContaining("reentrant");
            CompletableFuture<Throwable> other = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    lock.unlock();
                    other.complete(null);
                } catch (Throwable t) {
                    other.complete(t);
                }
            });
            assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalMonitorStateException.class);
            lock.unlock();
            assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
            assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            rlock.lock();
            rlock.lock();
            assertThat(rlock.holdCount()).isEqualTo(2);
            rlock.unlock();
            assertThat(rlock.locked()).isTrue();
            rlock.unlock();
            assertThat(rlock.locked()).isFalse();
        }
    }

    @Test
    void anInterruptedWaiterHoldsNothing() throws Exception {
        try (ProcessLock lock = new ProcessLock(); ProcessEvent started = new ProcessEvent()) {
            Process holder = new Process(() -> {
                lock.lock();
                started.set();
                Thread.sleep(60_000);
            });
            holder.start();
            assertThat(started.await(Duration.ofSeconds(30))).isTrue();
            CompletableFuture<Object> waiter = new CompletableFuture<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    lock.acquire();
                    waiter.complete("acquired");
                } catch (Throwable e) {
                    waiter.complete(e);
                }
            });
            t.interrupt();
            assertThat(waiter.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            holder.kill();
            holder.join();
        }
    }

    @Test
    void eventSemaphoreConditionAndBarrierAcrossProcesses() throws Exception {
        try (ProcessEvent event = new ProcessEvent(); ProcessSemaphore sem = ProcessSemaphore.bounded(1);
                ProcessCondition cond = new ProcessCondition(); SharedValue.OfInt state = SharedValue.rawInt(0);
                ProcessBarrier barrier = new ProcessBarrier(3); SharedArray.OfInt indexes = SharedArray.ofInt(2)) {
            Process setter = new Process(() -> event.set());
            setter.start();
            assertThat(event.await(Duration.ofSeconds(30))).isTrue();
            setter.join();

            assertThat(sem.tryAcquire()).isTrue();
            Process releaser = new Process(() -> sem.release());
            releaser.start();
            assertThat(sem.tryAcquire(Duration.ofSeconds(30))).isTrue();
            releaser.join();
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("bound");

            Process notifier = new Process(() -> {
                cond.lock().lock();
                try {
                    state.set(42);
                    cond.notifyAll_();
                } finally {
                    cond.lock().unlock();
                }
            });
            cond.lock().lock();
            try {
                notifier.start();
                assertThat(cond.awaitFor(() -> state.get() == 42, Duration.ofSeconds(30))).isTrue();
                assertThat(cond.lock().isHeldByCurrentThread()).isTrue();
            } finally {
                cond.lock().unlock();
            }
            notifier.join();

            List<Process> parties = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int slot = p;
                Process party = new Process(() -> indexes.set(slot, barrier.await(Duration.ofSeconds(30))));
                party.start();
                parties.add(party);
            }
            int mine = barrier.await(Duration.ofSeconds(30));
            for (Process p : parties) {
                p.join();
            }
            assertThat(new HashSet<>(List.of(mine, indexes.get(0), indexes.get(1)))).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void aReleaseThatWouldOverflowTheCountIsRefused() {
        try (ProcessSemaphore sem = new ProcessSemaphore(Integer.MAX_VALUE - 1)) {
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("overflow");
            assertThatThrownBy(() -> sem.release(Integer.MAX_VALUE)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("overflow");
            assertThat(sem.availablePermits()).isEqualTo(Integer.MAX_VALUE); // nothing changed
            assertThat(sem.tryAcquire()).isTrue();
        }
    }

    @Test
    void barrierTimeoutsBreakItUntilReset() throws Exception {
        try (ProcessBarrier barrier = new ProcessBarrier(2)) {
            assertThatThrownBy(() -> barrier.await(Duration.ofMillis(20))).isInstanceOf(BrokenBarrierException.class)
                    .hasMessageContaining("timed out");
            assertThat(barrier.isBroken()).isTrue();
            assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
            barrier.reset();
            assertThat(barrier.isBroken()).isFalse();
            barrier.abort();
            assertThat(barrier.isBroken()).isTrue();
            assertThatThrownBy(() -> new ProcessBarrier(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aHandleWhoseSenderLetGoCannotBeOpened() throws Exception {
        SharedValue.OfInt v = SharedValue.rawInt(1);
        byte[] encoded = ItemCodec.encode(v);
        try (SharedValue.OfInt decoded = (SharedValue.OfInt) ItemCodec.decode(encoded)) { // while it is held
            assertThat(decoded.get()).isEqualTo(1);
        }
        v.close(); // this process's last handle on it: its mapping and descriptor go
        assertThatThrownBy(() -> ItemCodec.decode(encoded)).hasStackTraceContaining("no longer holds it");
    }

    @Test
    void nothingIsLeftInDevShmOrTheTempDirectoryAfterAChildIsKilled() throws Exception {
        Set<String> before = listing();
        try (ProcessEvent ready = new ProcessEvent()) {
            Process child = new Process(() -> {
                SharedValue.OfInt own = SharedValue.ofInt(7);
                SharedArray.OfDouble more = SharedArray.ofDouble(1000);
                own.getLock().lock(); // dies holding it
                more.set(0, own.get());
                ready.set();
                Thread.sleep(60_000);
            });
            child.start();
            assertThat(ready.await(Duration.ofSeconds(30))).isTrue();
            child.kill();
            child.join();
        }
        try (SharedValue.OfInt mine = SharedValue.ofInt(1)) {
            mine.addAndGet(1);
        }
        Set<String> after = listing();
        after.removeAll(before);
        assertThat(after).as("files new in /dev/shm or the temp directory").allMatch(f -> !f.contains("shm"));
        assertThat(Stream.of(new File("/dev/shm").list()).filter(f -> f.contains("weft"))).isEmpty();
    }

    private static Set<String> listing() throws Exception {
        Set<String> names = new HashSet<>();
        for (Path dir : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.forEach(p -> names.add(p.toString()));
                }
            }
        }
        return names;
    }
}
