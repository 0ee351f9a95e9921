package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link PeriodicTimer}: {@code waitForTick} returns after a tick (no earlier than
 * one interval after start), ticks are counted, one tick releases every waiter, the timed form
 * returns {@code false} when no tick comes in time; the lifecycle ({@code start} once, waiting
 * before start or after {@code close} is an error, {@code close} wakes blocked waiters with
 * {@link IllegalStateException} and ends the daemon ticking thread); interrupts; bad intervals.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PeriodicTimerTest {

    private static final Duration FAST = Duration.ofMillis(20);
    private static final Duration HOUR = Duration.ofHours(1);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    @Test
    void waitForTickReturnsAfterATickNoEarlierThanOneInterval() throws InterruptedException {
        Duration interval = Duration.ofMillis(100);
        try (PeriodicTimer timer = new PeriodicTimer(interval)) {
            long start = System.nanoTime();
            timer.start();

            timer.waitForTick();

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(interval.toNanos());
            assertThat(timer.ticks()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void ticksAreCountedAndEachWaitSeesANewOne() throws InterruptedException {
        try (PeriodicTimer timer = new PeriodicTimer(FAST)) {
            assertThat(timer.ticks()).isZero();
            timer.start();

            long previous = timer.ticks();
            for (int i = 0; i < 3; i++) {
                timer.waitForTick();
                long now = timer.ticks();
                assertThat(now).isGreaterThan(previous);
                previous = now;
            }
            assertThat(timer.ticks()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void timedWaitForTickReturnsTrueWhenATickComes() throws InterruptedException {
        try (PeriodicTimer timer = new PeriodicTimer(FAST)) {
            timer.start();

            assertThat(timer.waitForTick(TestThreads.LONG)).isTrue();
        }
    }

    @Test
    void oneTickReleasesEveryWaiter() throws InterruptedException {
        // The interval is long enough that both waiters are parked well before the first tick, and
        // that the second tick cannot come before both have looked at the count.
        try (PeriodicTimer timer = new PeriodicTimer(Duration.ofSeconds(1))) {
            timer.start();
            AtomicLong seenByOne = new AtomicLong();
            AtomicLong seenByTwo = new AtomicLong();
            var one = TestThreads.start("one", () -> {
                timer.waitForTick();
                seenByOne.set(timer.ticks());
            });
            var two = TestThreads.start("two", () -> {
                timer.waitForTick();
                seenByTwo.set(timer.ticks());
            });
            one.awaitBlocked();
            two.awaitBlocked();
            long before = timer.ticks();

            one.joinSuccessfully();
            two.joinSuccessfully();

            assertThat(seenByOne.get()).isEqualTo(before + 1);
            assertThat(seenByTwo.get()).as("released by the same tick as the other waiter").isEqualTo(before + 1);
        }
    }

    @Test
    void timedWaitForTickReturnsFalseWhenTheIntervalIsFarLonger() throws InterruptedException {
        Duration timeout = Duration.ofMillis(100);
        try (PeriodicTimer timer = new PeriodicTimer(HOUR)) {
            timer.start();

            long start = System.nanoTime();
            boolean ticked = timer.waitForTick(timeout);
            long elapsed = System.nanoTime() - start;

            assertThat(ticked).isFalse();
            assertThat(elapsed).isGreaterThanOrEqualTo(timeout.toNanos());
            assertThat(timer.ticks()).isZero();
            assertThat(timer.waitForTick(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void waitingBeforeStartThrows() {
        try (PeriodicTimer timer = new PeriodicTimer(FAST)) {
            assertThatThrownBy(timer::waitForTick)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
            assertThatThrownBy(() -> timer.waitForTick(TestThreads.LONG)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startingTwiceThrows() {
        try (PeriodicTimer timer = new PeriodicTimer(HOUR)) {
            timer.start();

            assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
        }
    }

    @Test
    void closeWakesABlockedWaiterWithIllegalState() throws InterruptedException {
        PeriodicTimer timer = new PeriodicTimer(HOUR);
        timer.start();
        var untimed = TestThreads.start("untimed", timer::waitForTick);
        var timed = TestThreads.start("timed", () -> timer.waitForTick(TestThreads.LONG));
        untimed.awaitBlocked();
        timed.awaitBlocked();

        timer.close();

        assertThat(untimed.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(timed.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void everythingAfterCloseThrowsAndCloseIsIdempotent() {
        PeriodicTimer timer = new PeriodicTimer(FAST);
        timer.start();
        timer.close();
        timer.close();

        assertThatThrownBy(timer::waitForTick).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> timer.waitForTick(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTimerClosedBeforeStartCannotBeStartedOrWaitedOn() {
        PeriodicTimer timer = new PeriodicTimer(FAST);
        timer.close();

        assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(timer::waitForTick).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void startRunsADaemonThreadThatEndsOnClose() throws InterruptedException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PeriodicTimer timer = new PeriodicTimer(HOUR);
        timer.start();
        Thread ticker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("PeriodicTimer-"))
                .findFirst()
                .orElseThrow();
        assertThat(ticker.isDaemon()).isTrue();

        timer.close();

        assertThat(ticker.join(TestThreads.LONG)).as("the ticking thread ends promptly after close").isTrue();
    }

    @Test
    void interruptWhileWaitingThrows() throws InterruptedException {
        try (PeriodicTimer timer = new PeriodicTimer(HOUR)) {
            timer.start();
            var untimed = TestThreads.start("untimed", timer::waitForTick);
            var timed = TestThreads.start("timed", () -> timer.waitForTick(TestThreads.LONG));
            untimed.awaitBlocked();
            timed.awaitBlocked();

            untimed.thread().interrupt();
            timed.thread().interrupt();

            assertThat(untimed.join()).isInstanceOf(InterruptedException.class);
            assertThat(timed.join()).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void interruptOnEntryThrows() {
        try (PeriodicTimer timer = new PeriodicTimer(HOUR)) {
            timer.start();
            Thread.currentThread().interrupt();

            assertThatThrownBy(timer::waitForTick).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void intervalMustBePositive() {
        assertThatThrownBy(() -> new PeriodicTimer(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeriodicTimer(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeriodicTimer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void intervalIsWhatWasGiven() {
        try (PeriodicTimer timer = new PeriodicTimer(Duration.ofMillis(250))) {
            assertThat(timer.interval()).isEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void negativeTimeoutIsRejected() {
        try (PeriodicTimer timer = new PeriodicTimer(HOUR)) {
            timer.start();

            assertThatThrownBy(() -> timer.waitForTick(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
