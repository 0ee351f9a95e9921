package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-thread stress of {@link Barrier} with invariants, over many rounds: in each round the
 * arrival indices form a permutation of 0..parties-1, the action runs exactly once per round and
 * before any party of that round returns, and the barrier never breaks. Bounded in time; the long
 * run is tagged {@code stress-long}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierStressTest {

    private static void run(int parties, int rounds, Duration bound) throws InterruptedException {
        AtomicInteger actionRuns = new AtomicInteger();
        Barrier barrier = new Barrier(parties, actionRuns::incrementAndGet, TestThreads.LONG);
        AtomicIntegerArray seen = new AtomicIntegerArray(rounds * parties);
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            threads.add(TestThreads.start("party-" + p, () -> {
                for (int round = 0; round < rounds; round++) {
                    int index = barrier.await();
                    if (index < 0 || index >= parties) {
                        throw new AssertionError("index " + index + " out of range in round " + round);
                    }
                    seen.incrementAndGet(round * parties + index);
                    int runs = actionRuns.get();
                    if (runs != round + 1) {
                        throw new AssertionError("round " + round + " returned with " + runs + " action runs");
                    }
                }
            }));
        }
        for (var t : threads) {
            BoundedSemaphoreStressTest.joinWithin(t, bound);
        }

        for (int round = 0; round < rounds; round++) {
            for (int index = 0; index < parties; index++) {
                int count = seen.get(round * parties + index);
                if (count != 1) {
                    throw new AssertionError("round " + round + ": index " + index + " given " + count + " times");
                }
            }
        }
        assertThat(actionRuns).hasValue(rounds);
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.nWaiting()).isZero();
    }

    @Test
    void everyRoundIsAPermutationWithOneActionRun() throws InterruptedException {
        run(4, 5_000, TestThreads.LONG);
    }

    @Test
    void twoPartiesManyRounds() throws InterruptedException {
        run(2, 20_000, TestThreads.LONG);
    }

    @Test
    @Tag("stress-long")
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void longRun() throws InterruptedException {
        run(8, 100_000, Duration.ofMinutes(8));
    }
}
