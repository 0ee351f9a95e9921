package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import dev.weft.function.ThrowingRunnable;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.shm.Segment;
import dev.weft.process.internal.shm.ShmHandle;
import dev.weft.process.internal.shm.ShmRef;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How shared-memory handles live and die: closing under a waiter, one mapping per process, decoding everywhere. */
@Timeout(value = 120, unit = SECONDS, threadMode = SEPARATE_THREAD)
class SharedMemoryLifetimeTest {

    /** The inode of a shared object's memory (its memory file), found through the descriptor its handle travels with. */
    static long inode(Object shared) throws Exception {
        Method writeReplace = null;
        for (Class<?> c = shared.getClass(); writeReplace == null; c = c.getSuperclass()) {
            writeReplace = Stream.of(c.getDeclaredMethods()).filter(m -> m.getName().equals("writeReplace")).findFirst()
                    .orElse(null);
        }
        writeReplace.setAccessible(true);
        ShmRef ref = (ShmRef) writeReplace.invoke(shared);
        return (long) Files.getAttribute(Path.of("/proc/self/fd/" + ref.memory().fd()), "unix:ino");
    }

    /** How many descriptors this process has on the memory file {@code inode}. */
    static long fdsOn(long inode) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("memfd:weft-shm")
                            && (long) Files.getAttribute(fd, "unix:ino") == inode;
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    /** Waits until {@code t} sleeps in the kernel on a futex, at most 20 s. */
    private static void awaitSleepingInFutex(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Stream.of(t.getStackTrace()).noneMatch(f -> f.getMethodName().equals("futexWait"))) {
            assertThat(System.nanoTime() - deadline).as("the waiter never slept on the futex").isNegative();
            assertThat(t.isAlive()).as("the waiter ended before sleeping").isTrue();
            Thread.sleep(1);
        }
    }

    /** Closes {@code object} while another thread sleeps in {@code wait} on it. */
    private static void closeWhileAThreadWaits(AutoCloseable object, ThrowingRunnable wait) throws Exception {
        long inode = inode(object);
        assertThat(fdsOn(inode)).isEqualTo(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                wait.run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        awaitSleepingInFutex(waiter);
        object.close(); // used to throw "Session is acquired by 1 clients", leaving the mapping and descriptor
        assertThat(outcome.get(20, SECONDS)).as(object.getClass().getSimpleName())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed in this process while");
        waiter.join();
        assertThat(fdsOn(inode)).as("descriptors on its memory after the waiter left").isZero();
        object.close(); // idempotent
    }

    @Test
    void closingAnEventSemaphoreConditionOrBarrierUnderAWaiterFailsTheWaiterAndFreesTheMapping() throws Exception {
        ProcessEvent event = new ProcessEvent();
        closeWhileAThreadWaits(event, () -> event.await(Duration.ofSeconds(60)));
        ProcessSemaphore sem = new ProcessSemaphore(0);
        closeWhileAThreadWaits(sem, () -> sem.tryAcquire(Duration.ofSeconds(60)));
        ProcessBarrier barrier = new ProcessBarrier(2);
        closeWhileAThreadWaits(barrier, () -> barrier.await(Duration.ofSeconds(60)));
        try (ProcessRLock lock = new ProcessRLock()) {
            ProcessCondition cond = new ProcessCondition(lock);
            closeWhileAThreadWaits(cond, () -> {
                lock.lock();
                try {
                    cond.await(Duration.ofSeconds(60));
                } finally {
                    assertThat(lock.isHeldByCurrentThread()).isTrue(); // taken back before the exception
                    lock.unlock();
                }
            });
        }
    }

    @Test
    void closingALockUnderAWaiterFailsTheWaiterAndFreesTheMapping() throws Exception {
        ProcessLock lock = new ProcessLock();
        try (ProcessEvent held = new ProcessEvent()) {
            Process holder = new Process(() -> {
                lock.lock();
                held.set();
                Thread.sleep(60_000);
            });
            holder.start();
            try {
                assertThat(held.await(Duration.ofSeconds(30))).isTrue();
                closeWhileAThreadWaits(lock, () -> lock.acquire(Duration.ofSeconds(60)));
            } finally {
                holder.kill();
                holder.join();
            }
        }
    }

    @Test
    void handlesOnTheSameMemoryInOneProcessShareOneMappingAndADoubleCloseReleasesOnce() throws Exception {
        Codec codec = new Codec(ClassAllowlist.jdkDefaults());
        SharedValue.OfInt first = SharedValue.rawInt(5);
        long inode = inode(first);
        SharedValue.OfInt second = (SharedValue.OfInt) codec.decode(codec.encode(first));
        SharedValue.OfInt third = (SharedValue.OfInt) codec.decode(codec.encode(first));
        assertThat(fdsOn(inode)).isEqualTo(1);
        first.close();
        first.close(); // must not give back a second lease: the others still use the mapping
        third.close();
        assertThat(second.addAndGet(1)).isEqualTo(6);
        assertThat(fdsOn(inode)).isEqualTo(1);
        second.close();
        assertThat(fdsOn(inode)).isZero();
    }

    @Test
    void aDescriptorThatNowHoldsOtherMemoryIsRefused() throws Exception {
        try (SharedValue.OfInt other = SharedValue.rawInt(1)) {
            ShmRef real = (ShmRef) other.writeReplace();
            ShmHandle forged = new ShmHandle(real.memory().pid(), real.memory().fd(), 1, 2, real.kind(), 1);
            assertThatThrownBy(() -> Segment.open(forged)).isInstanceOf(ProcessException.class)
                    .hasMessageContaining("is now something else");
            assertThat(fdsOn(inode(other))).isEqualTo(1); // the one opened to check it is closed again
        }
    }

    @Test
    void aPoolWorkerGivenTheSameValueWithEveryTaskMapsItOnce() throws Exception {
        try (SharedValue.OfInt counter = SharedValue.ofInt(0); Pool pool = new Pool(1)) {
            long value = inode(counter);
            long lock = inode(counter.getLock());
            List<Long> fds = pool.map((SharedValue.OfInt v) -> {
                v.incrementAndGet();
                return fdsOn(value) + fdsOn(lock);
            }, Collections.nCopies(400, counter), 1); // decoded anew with every task
            assertThat(counter.get()).isEqualTo(400);
            // one on the value's memory and one on its lock's, not two more per task until a collection
            assertThat(Collections.max(fds)).isEqualTo(2);
        }
    }

    @Test
    void everyKindDecodesWithTheDefaultAllowlistAlone() throws Exception {
        Codec codec = new Codec(ClassAllowlist.jdkDefaults());
        List<AutoCloseable> all = List.of(SharedValue.ofInt(1), SharedValue.ofLong(2), SharedValue.ofDouble(3),
                SharedValue.ofBoolean(true), SharedValue.ofByte((byte) 4), SharedValue.ofChar('5'),
                SharedArray.of(new int[] {1}), SharedArray.of(new long[] {2}), SharedArray.of(new double[] {3}),
                SharedArray.of(new boolean[] {true}), SharedArray.of(new byte[] {4}), SharedArray.of(new char[] {'5'}),
                new ProcessLock(), new ProcessRLock(), new ProcessSemaphore(1), new ProcessEvent(), new ProcessCondition(),
                new ProcessBarrier(2), new ProcessBarrier(2, Duration.ofSeconds(7)));
        for (AutoCloseable object : all) {
            try (AutoCloseable back = (AutoCloseable) codec.decode(codec.encode(object))) {
                assertThat(back).isInstanceOf(object.getClass());
                assertThat(back.toString()).isEqualTo(object.toString());
            } finally {
                object.close();
            }
        }
    }
}
