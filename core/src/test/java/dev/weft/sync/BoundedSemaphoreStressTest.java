package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-thread stress of {@link BoundedSemaphore} with invariants: many threads take and return
 * permits (one or two at a time, through every acquiring form and the {@code hold()} guard), the
 * number of permits held at any moment never exceeds the maximum, no release is ever refused as an
 * over-release, and every permit is free again at the end. Bounded in time; the long run is
 * tagged {@code stress-long}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedSemaphoreStressTest {

    private static void run(boolean fair, int permits, int threads, int iterations, Duration bound)
            throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(permits, fair);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger maxHeld = new AtomicInteger();
        List<TestThreads.Checked> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            workers.add(TestThreads.start("worker-" + w, () -> {
                for (int i = 0; i < iterations; i++) {
                    int n = (i + id) % 5 == 0 ? 2 : 1;
                    switch ((i * 7 + id) % 4) {
                        case 0 -> s.acquire(n);
                        case 1 -> {
                            // The non-blocking form when it can, without spinning on a busy machine.
                            if (n != 1 || !s.tryAcquire()) {
                                s.acquire(n);
                            }
                        }
                        case 2 -> {
                            // Short timed attempts race their timeouts against releases.
                            if (!s.tryAcquire(n, Duration.ofMillis(1))) {
                                s.acquire(n);
                            }
                        }
                        default -> {
                            try (var _ = s.hold()) {
                                enter(held, maxHeld, 1, permits);
                                leave(held, 1);
                            }
                            continue;
                        }
                    }
                    enter(held, maxHeld, n, permits);
                    leave(held, n);
                    s.release(n);
                }
            }));
        }
        for (var w : workers) {
            joinWithin(w, bound);
        }

        assertThat(maxHeld.get()).isBetween(1, permits);
        assertThat(held).hasValue(0);
        assertThat(s.availablePermits()).isEqualTo(permits);
        assertThat(s.hasQueuedThreads()).isFalse();
    }

    /** Joins {@code w} within {@code bound} (a long run may need more than TestThreads.LONG). */
    static void joinWithin(TestThreads.Checked w, Duration bound) throws InterruptedException {
        if (!w.thread().join(bound)) {
            AssertionError e = new AssertionError("thread " + w.thread().getName() + " did not end within " + bound);
            e.setStackTrace(w.thread().getStackTrace());
            throw e;
        }
        w.joinSuccessfully();
    }

    private static void enter(AtomicInteger held, AtomicInteger maxHeld, int n, int permits) {
        int now = held.addAndGet(n);
        maxHeld.accumulateAndGet(now, Math::max);
        if (now > permits) {
            throw new AssertionError(now + " permits held at once, more than " + permits);
        }
        Thread.yield();
    }

    private static void leave(AtomicInteger held, int n) {
        held.addAndGet(-n);
    }

    @Test
    void nonFairSemaphoreNeverHasMoreHoldersThanPermits() throws InterruptedException {
        run(false, 3, 6, 2_000, TestThreads.LONG);
    }

    @Test
    void fairSemaphoreNeverHasMoreHoldersThanPermits() throws InterruptedException {
        run(true, 2, 4, 1_000, TestThreads.LONG);
    }

    @Test
    @Tag("stress-long")
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void longRun() throws InterruptedException {
        run(false, 3, 8, 200_000, Duration.ofMinutes(4));
        run(true, 2, 8, 30_000, Duration.ofMinutes(4));
    }
}
