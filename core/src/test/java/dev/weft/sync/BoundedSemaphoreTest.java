package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link BoundedSemaphore}: over-release (one or several permits) is an
 * {@link IllegalStateException} that leaves the count alone; blocking, timed and non-blocking
 * acquires; argument checks; fairness; {@code drainPermits}; the {@code hold()} guard; and that an
 * interrupt while acquiring takes nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedSemaphoreTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    @Test
    void startsWithEveryPermitFree() {
        BoundedSemaphore s = new BoundedSemaphore(3);

        assertThat(s.availablePermits()).isEqualTo(3);
        assertThat(s.maxPermits()).isEqualTo(3);
        assertThat(s.isFair()).isFalse();
        assertThat(s.hasQueuedThreads()).isFalse();
        assertThat(s.getQueueLength()).isZero();
        assertThat(s).hasToString("BoundedSemaphore[3 of 3 permits free]");
    }

    @Test
    void negativePermitsAreRejected() {
        assertThatThrownBy(() -> new BoundedSemaphore(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedSemaphore(-1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releaseWhenEveryPermitIsFreeThrowsAndLeavesTheCountUnchanged() {
        BoundedSemaphore s = new BoundedSemaphore(2);

        assertThatThrownBy(s::release)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released too many times");
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void releaseOfSeveralPermitsBeyondTheMaximumThrowsAndLeavesTheCountUnchanged() {
        BoundedSemaphore s = new BoundedSemaphore(3);
        assertThat(s.tryAcquire()).isTrue();

        assertThatThrownBy(() -> s.release(2)).isInstanceOf(IllegalStateException.class);
        assertThat(s.availablePermits()).as("nothing of the failed release(2) is kept").isEqualTo(2);

        s.release(1);
        assertThat(s.availablePermits()).isEqualTo(3);
    }

    @Test
    void zeroPermitSemaphoreCannotBeReleased() {
        BoundedSemaphore s = new BoundedSemaphore(0);

        assertThat(s.tryAcquire()).isFalse();
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
        assertThat(s.availablePermits()).isZero();
    }

    /**
     * The Javadoc of {@code release(int)}: "@throws IllegalStateException if that would leave more
     * than maxPermits() free; the count is left unchanged". Releasing more permits than the maximum
     * is the clearest case of that, and must not be reported as a bad argument instead.
     */
    @Test
    void releaseOfMoreThanTheMaximumIsAnOverReleaseError() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(3);
        s.acquire(3);

        assertThatThrownBy(() -> s.release(4)).isInstanceOf(IllegalStateException.class);
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void releaseAfterAcquireRestoresThePermit() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(2);

        s.acquire();
        assertThat(s.availablePermits()).isEqualTo(1);
        s.release();
        assertThat(s.availablePermits()).isEqualTo(2);

        s.acquire(2);
        assertThat(s.availablePermits()).isZero();
        s.release(2);
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void releaseOfZeroPermitsIsAllowedEvenWhenFull() {
        BoundedSemaphore s = new BoundedSemaphore(1);

        s.release(0);
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void acquireBlocksUntilAnotherThreadReleases() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1);
        s.acquire();
        AtomicBoolean acquired = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            s.acquire();
            acquired.set(true);
        });

        waiter.awaitBlocked();
        assertThat(acquired).isFalse();
        assertThat(s.hasQueuedThreads()).isTrue();
        assertThat(s.getQueueLength()).isEqualTo(1);

        s.release();
        waiter.joinSuccessfully();
        assertThat(acquired).isTrue();
        assertThat(s.availablePermits()).isZero();
        assertThat(s.hasQueuedThreads()).isFalse();
    }

    @Test
    void acquireOfSeveralPermitsWaitsUntilAllAreFree() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(3);
        s.acquire(3);
        var waiter = TestThreads.start("waiter", () -> s.acquire(2));

        waiter.awaitBlocked();
        s.release();
        assertThat(s.availablePermits()).as("one free permit is not enough for acquire(2)").isEqualTo(1);
        assertThat(s.hasQueuedThreads()).isTrue();

        s.release();
        waiter.joinSuccessfully();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void tryAcquireTakesAFreePermitOrReturnsFalseAtOnce() {
        BoundedSemaphore s = new BoundedSemaphore(1);

        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isFalse();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void timedTryAcquireReturnsFalseAfterTheTimeoutAndTakesNothing() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(2);
        s.acquire();
        s.acquire();

        long start = System.nanoTime();
        boolean result = s.tryAcquire(SHORT);
        long elapsed = System.nanoTime() - start;

        assertThat(result).isFalse();
        assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void timedTryAcquireOfSeveralPermitsTakesNoneOnTimeout() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(3);
        s.acquire(2);

        long start = System.nanoTime();
        boolean result = s.tryAcquire(2, SHORT);
        long elapsed = System.nanoTime() - start;

        assertThat(result).isFalse();
        assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(s.availablePermits()).isEqualTo(1);
        assertThat(s.tryAcquire(1, Duration.ZERO)).isTrue();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void timedTryAcquireSucceedsWhenAnotherThreadReleases() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1);
        s.acquire();
        AtomicBoolean result = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> result.set(s.tryAcquire(TestThreads.LONG)));

        waiter.awaitBlocked();
        s.release();

        waiter.joinSuccessfully();
        assertThat(result).isTrue();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void acquiringMoreThanTheMaximumIsRejected() {
        BoundedSemaphore s = new BoundedSemaphore(2);

        assertThatThrownBy(() -> s.acquire(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tryAcquire(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void negativeCountsAndTimeoutsAreRejected() {
        BoundedSemaphore s = new BoundedSemaphore(2);

        assertThatThrownBy(() -> s.acquire(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.release(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tryAcquire(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tryAcquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tryAcquire(1, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tryAcquire(null)).isInstanceOf(NullPointerException.class);
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void fairnessFlagIsReported() {
        assertThat(new BoundedSemaphore(1, true).isFair()).isTrue();
        assertThat(new BoundedSemaphore(1, false).isFair()).isFalse();
    }

    @Test
    void fairSemaphoreGrantsPermitsInArrivalOrder() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1, true);
        s.acquire();
        List<String> order = new CopyOnWriteArrayList<>();
        var first = TestThreads.start("first", () -> {
            s.acquire();
            order.add("first");
            s.release();
        });
        first.awaitBlocked();
        var second = TestThreads.start("second", () -> {
            s.acquire();
            order.add("second");
            s.release();
        });
        second.awaitBlocked();
        assertThat(s.getQueueLength()).isEqualTo(2);

        s.release();

        first.joinSuccessfully();
        second.joinSuccessfully();
        assertThat(order).containsExactly("first", "second");
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void fairTimedTryAcquireDoesNotOvertakeAQueuedThreadButUntimedTryAcquireDoes()
            throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(2, true);
        s.acquire(2);
        var queued = TestThreads.start("queued", () -> s.acquire(2));
        queued.awaitBlocked();
        s.release();
        assertThat(s.availablePermits()).isEqualTo(1);

        assertThat(s.tryAcquire(Duration.ZERO))
                .as("a fair timed acquire queues behind the waiting thread")
                .isFalse();
        assertThat(s.tryAcquire())
                .as("tryAcquire() takes a free permit even on a fair semaphore, as Semaphore.tryAcquire()")
                .isTrue();

        s.release();
        s.release();
        queued.joinSuccessfully();
        assertThat(s.availablePermits()).isZero();
        s.release(2);
    }

    @Test
    void drainPermitsTakesEveryFreePermit() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(3);
        s.acquire();

        assertThat(s.drainPermits()).isEqualTo(2);
        assertThat(s.availablePermits()).isZero();
        assertThat(s.drainPermits()).isZero();

        s.release(3);
        assertThat(s.availablePermits()).isEqualTo(3);
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void holdTakesAPermitThatCloseReturns() {
        BoundedSemaphore s = new BoundedSemaphore(2);

        try (var _ = s.hold()) {
            assertThat(s.availablePermits()).isEqualTo(1);
        }
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void holdGuardReleasesOnlyOnceWhenClosedTwice() {
        BoundedSemaphore s = new BoundedSemaphore(2);
        s.tryAcquire();

        Guard g = s.hold();
        assertThat(s.availablePermits()).isZero();
        g.close();
        g.close();

        assertThat(s.availablePermits()).as("the second close() is a no-op").isEqualTo(1);
    }

    @Test
    void holdGuardReleasesWhenTheBodyThrows() {
        BoundedSemaphore s = new BoundedSemaphore(1);

        assertThatThrownBy(() -> {
            try (var _ = s.hold()) {
                assertThat(s.availablePermits()).isZero();
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void holdBlocksUntilAPermitIsFree() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1);
        s.acquire();
        AtomicBoolean inside = new AtomicBoolean();
        var holder = TestThreads.start("holder", () -> {
            try (var _ = s.hold()) {
                inside.set(true);
            }
        });

        holder.awaitBlocked();
        assertThat(inside).isFalse();
        s.release();

        holder.joinSuccessfully();
        assertThat(inside).isTrue();
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void acquireThrowsWhenInterruptedOnEntryAndTakesNothing() {
        BoundedSemaphore s = new BoundedSemaphore(2);
        Thread.currentThread().interrupt();

        assertThatThrownBy(s::acquire).isInstanceOf(InterruptedException.class);
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void interruptWhileAcquiringThrowsAndLeavesTheCountUnchanged() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(2);
        s.acquire(2);
        var waiter = TestThreads.start("waiter", () -> s.acquire(2));
        waiter.awaitBlocked();
        s.release();

        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(s.availablePermits()).as("the interrupted acquire(2) took nothing").isEqualTo(1);
        assertThat(s.hasQueuedThreads()).isFalse();
        s.release();
        assertThat(s.availablePermits()).isEqualTo(2);
    }

    @Test
    void interruptWhileInTimedAcquireThrowsAndLeavesTheCountUnchanged() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1);
        s.acquire();
        var waiter = TestThreads.start("waiter", () -> s.tryAcquire(TestThreads.LONG));
        waiter.awaitBlocked();

        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(s.availablePermits()).isZero();
        s.release();
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    @Test
    void acquireUninterruptiblyKeepsWaitingAndRemembersTheInterrupt() throws InterruptedException {
        BoundedSemaphore s = new BoundedSemaphore(1);
        s.acquire();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            s.acquireUninterruptibly();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        waiter.awaitBlocked();

        waiter.thread().interrupt();
        waiter.awaitBlocked();
        s.release();

        waiter.joinSuccessfully();
        assertThat(interruptedAfter).isTrue();
        assertThat(s.availablePermits()).as("the waiter took the permit").isZero();
    }
}
