package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Conditions#waitFor}: it returns at once when the predicate holds, returns
 * {@code true} when another thread makes the predicate true and signals, keeps waiting through
 * signals that leave the predicate false, returns {@code false} after the timeout (which covers
 * the whole wait, however many wakeups), holds the lock on every return, and rejects bad use.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionsTest {

    private static final Duration SHORT = Duration.ofMillis(150);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The shared state the predicates read; guarded by {@link #lock}. */
    private boolean ready;
    private final AtomicInteger evaluations = new AtomicInteger();

    private boolean isReady() {
        evaluations.incrementAndGet();
        assertThat(lock.isHeldByCurrentThread()).as("the predicate runs with the lock held").isTrue();
        return ready;
    }

    private void makeReady() {
        lock.lock();
        try {
            ready = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signalWithoutChange() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the predicate has been evaluated {@code n} times and the waiter is parked again. */
    private void awaitEvaluations(int n, TestThreads.Checked waiter) throws InterruptedException {
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        while (evaluations.get() < n) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("predicate evaluated " + evaluations.get() + " times, expected " + n);
            }
            Thread.sleep(1);
        }
        waiter.awaitBlocked();
    }

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    @Test
    void returnsTrueAtOnceWhenThePredicateHolds() throws InterruptedException {
        ready = true;
        lock.lock();
        try {
            assertThat(Conditions.waitFor(changed, this::isReady, Duration.ZERO)).isTrue();
            assertThat(Conditions.waitFor(changed, this::isReady, TestThreads.LONG)).isTrue();
            Conditions.waitFor(changed, this::isReady);
            assertThat(lock.isHeldByCurrentThread()).isTrue();
        } finally {
            lock.unlock();
        }
        assertThat(evaluations).hasValue(3);
    }

    @Test
    void timedWaitReturnsTrueWhenAnotherThreadMakesThePredicateTrue() throws InterruptedException {
        AtomicBoolean result = new AtomicBoolean();
        AtomicBoolean heldOnReturn = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                result.set(Conditions.waitFor(changed, this::isReady, TestThreads.LONG));
                heldOnReturn.set(lock.isHeldByCurrentThread());
            } finally {
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        makeReady();

        waiter.joinSuccessfully();
        assertThat(result).isTrue();
        assertThat(heldOnReturn).isTrue();
    }

    @Test
    void untimedWaitReturnsWhenAnotherThreadMakesThePredicateTrue() throws InterruptedException {
        AtomicBoolean heldOnReturn = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                Conditions.waitFor(changed, this::isReady);
                heldOnReturn.set(lock.isHeldByCurrentThread());
            } finally {
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        makeReady();

        waiter.joinSuccessfully();
        assertThat(heldOnReturn).isTrue();
    }

    @Test
    void signalsThatLeaveThePredicateFalseDoNotEndTheWait() throws InterruptedException {
        AtomicBoolean result = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                result.set(Conditions.waitFor(changed, this::isReady, TestThreads.LONG));
            } finally {
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        for (int i = 2; i <= 4; i++) {
            signalWithoutChange();
            awaitEvaluations(i, waiter);
            assertThat(waiter.thread().isAlive()).isTrue();
        }
        makeReady();

        waiter.joinSuccessfully();
        assertThat(result).isTrue();
        assertThat(evaluations).hasValue(5);
    }

    @Test
    void untimedWaitKeepsWaitingThroughSignalsThatLeaveThePredicateFalse() throws InterruptedException {
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                Conditions.waitFor(changed, this::isReady);
            } finally {
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        signalWithoutChange();
        awaitEvaluations(2, waiter);
        assertThat(waiter.thread().isAlive()).isTrue();
        makeReady();

        waiter.joinSuccessfully();
        assertThat(evaluations).hasValue(3);
    }

    @Test
    void returnsFalseAfterTheTimeoutWithTheLockHeld() throws InterruptedException {
        lock.lock();
        try {
            long start = System.nanoTime();
            boolean result = Conditions.waitFor(changed, this::isReady, SHORT);
            long elapsed = System.nanoTime() - start;

            assertThat(result).isFalse();
            assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
            assertThat(lock.isHeldByCurrentThread()).isTrue();
        } finally {
            lock.unlock();
        }
    }

    @Test
    void zeroTimeoutWithAFalsePredicateReturnsFalseAtOnce() throws InterruptedException {
        lock.lock();
        try {
            assertThat(Conditions.waitFor(changed, this::isReady, Duration.ZERO)).isFalse();
        } finally {
            lock.unlock();
        }
        assertThat(evaluations).hasValue(1);
    }

    @Test
    void timeoutCoversTheWholeWaitEvenWhenSignalsKeepComing() throws InterruptedException {
        // If each wakeup restarted the timeout, a steady stream of signals would keep the waiter
        // waiting for as long as they come; the bounded join below would then fail.
        AtomicBoolean result = new AtomicBoolean(true);
        AtomicBoolean stop = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                result.set(Conditions.waitFor(changed, this::isReady, SHORT));
            } finally {
                lock.unlock();
                stop.set(true);
            }
        });
        var signaller = TestThreads.start("signaller", () -> {
            while (!stop.get()) {
                signalWithoutChange();
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
        });

        try {
            waiter.joinSuccessfully();
        } finally {
            stop.set(true);
        }
        signaller.joinSuccessfully();
        assertThat(result).isFalse();
    }

    @Test
    void waitingWithoutTheLockThrowsIllegalMonitorState() {
        assertThatThrownBy(() -> Conditions.waitFor(changed, () -> false, SHORT))
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> Conditions.waitFor(changed, () -> false))
                .isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void negativeTimeoutIsRejected() {
        lock.lock();
        try {
            assertThatThrownBy(() -> Conditions.waitFor(changed, () -> true, Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        lock.lock();
        try {
            assertThatThrownBy(() -> Conditions.waitFor(null, () -> true, SHORT))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Conditions.waitFor(null, () -> true))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Conditions.waitFor(changed, () -> true, null))
                    .isInstanceOf(NullPointerException.class);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void interruptWhileWaitingThrowsWithTheLockHeldAgain() throws InterruptedException {
        AtomicBoolean heldWhenThrown = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                Conditions.waitFor(changed, this::isReady, TestThreads.LONG);
            } finally {
                heldWhenThrown.set(lock.isHeldByCurrentThread());
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(heldWhenThrown).isTrue();
    }

    @Test
    void untimedWaitThrowsWhenInterrupted() throws InterruptedException {
        var waiter = TestThreads.start("waiter", () -> {
            lock.lock();
            try {
                Conditions.waitFor(changed, this::isReady);
            } finally {
                lock.unlock();
            }
        });
        awaitEvaluations(1, waiter);

        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
    }
}
