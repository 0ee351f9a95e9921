package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Event}: the flag ({@code set}, {@code clear}, {@code isSet}), waiting with
 * and without a timeout, the Python guarantee that a waiter never misses a {@code set()} made while
 * it waited (even if {@code clear()} follows at once), interrupts, bad arguments, and one
 * {@code set()} releasing many waiters.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    @Test
    void startsClear() {
        Event event = new Event();

        assertThat(event.isSet()).isFalse();
        assertThat(event).hasToString("Event[clear]");
    }

    @Test
    void setSetsTheFlagAndClearClearsIt() {
        Event event = new Event();

        event.set();
        assertThat(event.isSet()).isTrue();
        assertThat(event).hasToString("Event[set]");

        event.clear();
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void setAndClearAreIdempotent() {
        Event event = new Event();

        event.set();
        event.set();
        assertThat(event.isSet()).isTrue();
        event.clear();
        event.clear();
        assertThat(event.isSet()).isFalse();
        event.set();
        assertThat(event.isSet()).isTrue();
    }

    @Test
    void awaitReturnsAtOnceWhenTheFlagIsSet() throws InterruptedException {
        Event event = new Event();
        event.set();

        event.await();
        assertThat(event.await(Duration.ZERO)).isTrue();
        assertThat(event.await(TestThreads.LONG)).isTrue();
        assertThat(event.isSet()).as("waiting does not consume the flag").isTrue();
    }

    @Test
    void timedAwaitReturnsFalseAfterTheTimeoutWhenNeverSet() throws InterruptedException {
        Event event = new Event();

        long start = System.nanoTime();
        boolean result = event.await(SHORT);
        long elapsed = System.nanoTime() - start;

        assertThat(result).isFalse();
        assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void awaitWithZeroTimeoutOnAClearEventReturnsFalseWithoutWaiting() throws InterruptedException {
        Event event = new Event();

        assertThat(event.await(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitAfterClearBlocksAgain() throws InterruptedException {
        Event event = new Event();
        event.set();
        event.clear();

        assertThat(event.await(SHORT)).isFalse();
    }

    @Test
    void timedAwaitReturnsTrueWhenAnotherThreadSetsTheFlag() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean result = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> result.set(event.await(TestThreads.LONG)));

        waiter.awaitBlocked();
        event.set();

        waiter.joinSuccessfully();
        assertThat(result).isTrue();
    }

    @Test
    void untimedAwaitReturnsWhenAnotherThreadSetsTheFlag() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean returned = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            event.await();
            returned.set(true);
        });

        waiter.awaitBlocked();
        assertThat(returned).isFalse();
        event.set();

        waiter.joinSuccessfully();
        assertThat(returned).isTrue();
    }

    @Test
    void timedWaiterBlockedBeforeSetThenClearStillReturnsTrue() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean result = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> result.set(event.await(TestThreads.LONG)));

        waiter.awaitBlocked();
        event.set();
        event.clear();

        waiter.joinSuccessfully();
        assertThat(result).as("a waiter never misses a set() made while it waited").isTrue();
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void untimedWaiterBlockedBeforeSetThenClearStillReturns() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean returned = new AtomicBoolean();
        var waiter = TestThreads.start("waiter", () -> {
            event.await();
            returned.set(true);
        });

        waiter.awaitBlocked();
        event.set();
        event.clear();

        waiter.joinSuccessfully();
        assertThat(returned).isTrue();
    }

    @Test
    void manyWaitersBlockedBeforeSetThenClearAllReturnTrue() throws InterruptedException {
        Event event = new Event();
        AtomicInteger released = new AtomicInteger();
        List<TestThreads.Checked> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(TestThreads.start("waiter-" + i, () -> {
                if (event.await(TestThreads.LONG)) {
                    released.incrementAndGet();
                }
            }));
        }
        for (var w : waiters) {
            w.awaitBlocked();
        }

        event.set();
        event.clear();

        for (var w : waiters) {
            w.joinSuccessfully();
        }
        assertThat(released).hasValue(4);
    }

    @Test
    void oneSetReleasesEveryWaiter() throws InterruptedException {
        Event event = new Event();
        AtomicInteger timedTrue = new AtomicInteger();
        AtomicInteger untimedReturned = new AtomicInteger();
        List<TestThreads.Checked> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(TestThreads.start("timed-" + i, () -> {
                if (event.await(TestThreads.LONG)) {
                    timedTrue.incrementAndGet();
                }
            }));
            waiters.add(TestThreads.start("untimed-" + i, () -> {
                event.await();
                untimedReturned.incrementAndGet();
            }));
        }
        for (var w : waiters) {
            w.awaitBlocked();
        }
        assertThat(timedTrue.get() + untimedReturned.get()).isZero();

        event.set();

        for (var w : waiters) {
            w.joinSuccessfully();
        }
        assertThat(timedTrue).hasValue(3);
        assertThat(untimedReturned).hasValue(3);
        assertThat(event.isSet()).isTrue();
    }

    @Test
    void untimedAwaitThrowsWhenInterruptedOnEntryAndClearsTheStatus() {
        Event event = new Event();
        Thread.currentThread().interrupt();

        assertThatThrownBy(event::await).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void timedAwaitThrowsWhenInterruptedOnEntryAndClearsTheStatus() {
        Event event = new Event();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> event.await(TestThreads.LONG)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void untimedAwaitThrowsWhenInterruptedWhileWaiting() throws InterruptedException {
        Event event = new Event();
        var waiter = TestThreads.start("waiter", event::await);

        waiter.awaitBlocked();
        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void timedAwaitThrowsWhenInterruptedWhileWaiting() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean interruptStatusAfter = new AtomicBoolean(true);
        var waiter = TestThreads.start("waiter", () -> {
            try {
                event.await(TestThreads.LONG);
            } finally {
                interruptStatusAfter.set(Thread.currentThread().isInterrupted());
            }
        });

        waiter.awaitBlocked();
        waiter.thread().interrupt();

        assertThat(waiter.join()).isInstanceOf(InterruptedException.class);
        assertThat(interruptStatusAfter).as("interrupt status is cleared when thrown").isFalse();
    }

    @Test
    void negativeTimeoutIsRejected() {
        Event event = new Event();
        event.set();

        assertThatThrownBy(() -> event.await(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullTimeoutIsRejected() {
        Event event = new Event();

        assertThatThrownBy(() -> event.await(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hugeTimeoutDoesNotOverflow() throws InterruptedException {
        Event event = new Event();
        event.set();

        assertThat(event.await(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    }

    /** Written before set() in one thread, read after await() in another: must be seen. */
    private int payload;

    @Test
    void writesBeforeSetAreVisibleAfterAwait() throws InterruptedException {
        for (int round = 1; round <= 200; round++) {
            Event event = new Event();
            int expected = round;
            var writer = TestThreads.start("writer", () -> {
                payload = expected;
                event.set();
            });
            assertThat(event.await(TestThreads.LONG)).isTrue();
            assertThat(payload).isEqualTo(expected);
            writer.joinSuccessfully();
        }
    }
}
