package dev.weft.process;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ProcessBarrier: one outcome per round, the action, the default timeout. */
@Timeout(value = 120, unit = SECONDS, threadMode = SEPARATE_THREAD)
class SharedMemoryBarrierTest {

    private static CompletableFuture<Object> arrive(ProcessBarrier barrier, Duration timeout) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(barrier.await(timeout));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome;
    }

    @Test
    void aTimeoutRacingTheLastArrivalBreaksTheRoundForAllOrForNone() throws Exception {
        int passed = 0;
        int broken = 0;
        try (ProcessBarrier barrier = new ProcessBarrier(4)) {
            for (int round = 0; round < 400; round++) {
                long timeoutNanos = 300_000 + ThreadLocalRandom.current().nextLong(300_000);
                List<CompletableFuture<Object>> outcomes = new ArrayList<>();
                long start = System.nanoTime();
                for (int p = 0; p < 3; p++) {
                    // two parties whose timeouts end about when the last one arrives, one with a long timeout
                    outcomes.add(arrive(barrier, p == 0 ? Duration.ofSeconds(30) : Duration.ofNanos(timeoutNanos)));
                }
                while (barrier.nWaiting() < 3 && !barrier.isBroken() && System.nanoTime() - start < timeoutNanos) {
                    Thread.onSpinWait();
                }
                while (System.nanoTime() - start < timeoutNanos - 100_000 + ThreadLocalRandom.current().nextLong(200_000)) {
                    Thread.onSpinWait();
                }
                outcomes.add(arrive(barrier, Duration.ofSeconds(30)));
                List<Object> all = new ArrayList<>();
                for (CompletableFuture<Object> o : outcomes) {
                    all.add(o.get(30, SECONDS));
                }
                long brokenHere = all.stream().filter(o -> o instanceof BrokenBarrierException).count();
                assertThat(brokenHere).as("round %d: %s", round, all).isIn(0L, 4L);
                if (brokenHere == 0) {
                    assertThat(all).as("round %d", round).containsExactlyInAnyOrder(0, 1, 2, 3);
                    passed++;
                } else {
                    broken++;
                    barrier.reset();
                }
            }
        }
        assertThat(passed + broken).isEqualTo(400);
    }

    @Test
    void theActionRunsOnceInTheLastPartyBeforeAnyIsReleased() throws Exception {
        try (SharedValue.OfInt runs = SharedValue.rawInt(0); SharedArray.OfInt seen = SharedArray.ofInt(3);
                ProcessBarrier barrier = new ProcessBarrier(3, () -> runs.incrementAndGet(), Duration.ofSeconds(30))) {
            assertThat(barrier.timeout()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
            List<Process> parties = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int slot = p;
                Process party = new Process(() -> {
                    for (int round = 1; round <= 3; round++) {
                        barrier.await(); // the default timeout travels with the barrier
                        seen.set(slot, runs.get()); // never before this round's action ran
                        if (runs.get() < round) {
                            seen.set(slot, -1);
                        }
                    }
                });
                party.start();
                parties.add(party);
            }
            for (int round = 1; round <= 3; round++) {
                barrier.await();
                assertThat(runs.get()).isGreaterThanOrEqualTo(round);
            }
            for (Process p : parties) {
                p.join();
                assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
            }
            assertThat(runs.get()).isEqualTo(3); // once per round, whichever process was last
            assertThat(seen.get(0)).isPositive();
            assertThat(seen.get(1)).isPositive();
        }
    }

    @Test
    void anActionThatThrowsBreaksTheRoundForEveryParty() throws Exception {
        try (ProcessBarrier barrier = new ProcessBarrier(2, () -> {
            throw new IllegalStateException("no");
        }, null)) {
            assertThat(barrier.timeout()).isEmpty();
            CompletableFuture<Object> first = arrive(barrier, Duration.ofSeconds(30));
            while (barrier.nWaiting() < 1) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(barrier::await).isInstanceOf(IllegalStateException.class).hasMessage("no");
            assertThat(first.get(30, SECONDS)).isInstanceOf(BrokenBarrierException.class);
            assertThat(barrier.isBroken()).isTrue();
            barrier.reset();
            assertThat(barrier.isBroken()).isFalse();
        }
        try (ProcessBarrier checked = new ProcessBarrier(1, () -> {
            throw new java.io.IOException("disk");
        }, null)) {
            assertThatThrownBy(checked::await).isInstanceOf(BrokenBarrierException.class)
                    .hasCauseInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void theDefaultTimeoutBreaksItAndResetWakesWaiters() throws Exception {
        try (ProcessBarrier barrier = new ProcessBarrier(2, Duration.ofMillis(30))) {
            assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("timed out");
            assertThat(barrier.isBroken()).isTrue();
            barrier.reset();
            CompletableFuture<Object> waiter = arrive(barrier, Duration.ofSeconds(30));
            while (barrier.nWaiting() < 1) {
                Thread.onSpinWait();
            }
            barrier.reset();
            assertThat(waiter.get(30, SECONDS)).isInstanceOf(BrokenBarrierException.class);
            assertThat(barrier.isBroken()).isFalse();
            assertThatThrownBy(() -> new ProcessBarrier(2, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
