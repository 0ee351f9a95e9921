package dev.weft.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link VirtualClock}: it starts at 0, moves only when told, never blocks, never
 * overflows, rejects negative steps, loses no step when several threads advance it, and drives a
 * {@link Scheduler} through hours of schedule at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void startsAtZeroAndMovesOnlyWhenTold() {
        assertThat(clock.time()).isZero();
        assertThat(clock.time()).isZero();

        clock.delay(5);
        assertThat(clock.time()).isEqualTo(5);
        clock.advance(Duration.ofMillis(2));
        assertThat(clock.time()).isEqualTo(2_000_005);
        clock.delay(0);
        clock.advance(Duration.ZERO);
        assertThat(clock.time()).isEqualTo(2_000_005);
        assertThat(clock).hasToString("VirtualClock[2000005 ns]");
    }

    @Test
    void aLongDelayReturnsAtOnce() {
        long before = System.nanoTime();

        clock.delay(TimeUnit.DAYS.toNanos(365));
        clock.advance(Duration.ofDays(365));

        assertThat(clock.time()).isEqualTo(2 * TimeUnit.DAYS.toNanos(365));
        assertThat(System.nanoTime() - before).as("never slept a year").isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        clock.delay(Long.MAX_VALUE - 1);
        clock.delay(10);
        assertThat(clock.time()).isEqualTo(Long.MAX_VALUE);
        clock.advance(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(clock.time()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsNegativeSteps() {
        assertThatThrownBy(() -> clock.delay(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class).hasMessage("duration");
        assertThat(clock.time()).isZero();
    }

    @Test
    void noStepIsLostWhenThreadsAdvanceTogether() throws InterruptedException {
        int threads = 4;
        int steps = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        List<TestThreads.Checked> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(TestThreads.start("advancer-" + t, () -> {
                go.await();
                for (int i = 0; i < steps; i++) {
                    clock.delay(3);
                }
            }));
        }

        go.countDown();
        for (TestThreads.Checked t : started) {
            t.joinSuccessfully();
        }

        assertThat(clock.time()).isEqualTo(3L * threads * steps);
    }

    @Test
    void drivesASchedulerThroughADayOfEventsAtOnce() throws InterruptedException {
        Scheduler s = new Scheduler(clock::time, clock::delay);
        List<Long> hours = new ArrayList<>();
        for (int h = 24; h >= 1; h--) {
            s.enter(Duration.ofHours(h), 1, () -> hours.add(Duration.ofNanos(clock.time()).toHours()));
        }

        s.run();

        assertThat(hours).hasSize(24).isSorted().startsWith(1L).endsWith(24L);
        assertThat(clock.time()).isEqualTo(Duration.ofHours(24).toNanos());
    }
}
