package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Barrier}: arrival indices, the action (once per round, in the last
 * thread, before anyone returns), reuse, and every way a round breaks (default timeout, timed
 * await, interrupt, {@code abort()}, {@code reset()} while threads wait, a throwing action) with
 * the exception each party gets and the message that says why; plus {@code isBroken},
 * {@code nWaiting}, {@code parties} and argument checks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {

    private static final Duration SHORT = Duration.ofMillis(150);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    /** Waits, observing state and never guessing a delay, until {@code n} threads wait in the barrier. */
    private static void awaitWaiting(Barrier barrier, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TestThreads.LONG.toNanos();
        while (barrier.nWaiting() != n) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + n + " waiting, have " + barrier.nWaiting());
            }
            Thread.sleep(1);
        }
    }

    /** Starts a party that awaits {@code barrier} (without a timeout of its own) and records its index. */
    private static TestThreads.Checked party(String name, Barrier barrier, List<Integer> indices) {
        return TestThreads.start(name, () -> indices.add(barrier.await()));
    }

    @Test
    void partiesIsWhatWasGiven() {
        assertThat(new Barrier(4).parties()).isEqualTo(4);
        assertThat(new Barrier(1, Duration.ofSeconds(1)).parties()).isEqualTo(1);
    }

    @Test
    void fewerThanOnePartyIsRejected() {
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(0, () -> {}, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badTimeoutsAreRejected() {
        assertThatThrownBy(() -> new Barrier(2, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(2, null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(2, (Duration) null)).isInstanceOf(NullPointerException.class);
        Barrier b = new Barrier(2);
        assertThatThrownBy(() -> b.await(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.await(null)).isInstanceOf(NullPointerException.class);
        assertThat(b.isBroken()).as("a rejected argument does not break the barrier").isFalse();
        assertThat(b.nWaiting()).isZero();
    }

    @Test
    void onePartyBarrierTripsAtOnceAndRunsTheActionEachTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier b = new Barrier(1, runs::incrementAndGet, null);

        assertThat(b.await()).isZero();
        assertThat(b.await(Duration.ZERO)).isZero();
        assertThat(runs).hasValue(2);
    }

    @Test
    void arrivalIndicesOfARoundAreZeroToPartiesMinusOne() throws Exception {
        Barrier b = new Barrier(3);
        List<Integer> indices = new CopyOnWriteArrayList<>();
        var first = party("first", b, indices);
        awaitWaiting(b, 1);
        var second = party("second", b, indices);
        awaitWaiting(b, 2);
        assertThat(indices).isEmpty();

        int last = b.await();

        first.joinSuccessfully();
        second.joinSuccessfully();
        // The released parties may record theirs before this thread does: compare by who, not by order.
        assertThat(last).as("the last to arrive gets parties-1").isEqualTo(2);
        assertThat(indices).containsExactlyInAnyOrder(0, 1);
        assertThat(b.nWaiting()).isZero();
        assertThat(b.isBroken()).isFalse();
    }

    @Test
    void arrivalIndexFollowsTheOrderOfArrival() throws Exception {
        Barrier b = new Barrier(3);
        var indexOf = new ConcurrentHashMap<String, Integer>();
        var first = TestThreads.start("first", () -> indexOf.put("first", b.await()));
        awaitWaiting(b, 1);
        var second = TestThreads.start("second", () -> indexOf.put("second", b.await()));
        awaitWaiting(b, 2);

        indexOf.put("third", b.await());

        first.joinSuccessfully();
        second.joinSuccessfully();
        assertThat(indexOf).containsEntry("first", 0).containsEntry("second", 1).containsEntry("third", 2);
    }

    @Test
    void actionRunsOnceInTheLastThreadBeforeAnyPartyReturns() throws Exception {
        int parties = 3;
        AtomicInteger actionRuns = new AtomicInteger();
        AtomicReference<Thread> actionThread = new AtomicReference<>();
        Barrier b = new Barrier(parties, () -> {
            actionRuns.incrementAndGet();
            actionThread.set(Thread.currentThread());
        }, null);
        var threadOfIndex = new ConcurrentHashMap<Integer, Thread>();
        var runsSeenOnReturn = new CopyOnWriteArrayList<Integer>();
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            threads.add(TestThreads.start("party-" + i, () -> {
                int index = b.await(TestThreads.LONG);
                runsSeenOnReturn.add(actionRuns.get());
                threadOfIndex.put(index, Thread.currentThread());
            }));
        }
        for (var t : threads) {
            t.joinSuccessfully();
        }

        assertThat(actionRuns).hasValue(1);
        assertThat(runsSeenOnReturn).as("every party returned after the action ran").containsOnly(1);
        assertThat(threadOfIndex).containsOnlyKeys(0, 1, 2);
        assertThat(actionThread.get()).isSameAs(threadOfIndex.get(parties - 1));
    }

    @Test
    void barrierIsReusedOverManyRounds() throws Exception {
        int parties = 3;
        int rounds = 50;
        AtomicInteger actionRuns = new AtomicInteger();
        Barrier b = new Barrier(parties, actionRuns::incrementAndGet, null);
        int[][] countOfIndex = new int[rounds][parties];
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            threads.add(TestThreads.start("party-" + i, () -> {
                for (int r = 0; r < rounds; r++) {
                    int index = b.await(TestThreads.LONG);
                    synchronized (countOfIndex) {
                        countOfIndex[r][index]++;
                    }
                }
            }));
        }
        for (var t : threads) {
            t.joinSuccessfully();
        }

        for (int r = 0; r < rounds; r++) {
            assertThat(countOfIndex[r]).as("indices of round %d", r).containsOnly(1);
        }
        assertThat(actionRuns).hasValue(rounds);
        assertThat(b.isBroken()).isFalse();
    }

    @Test
    void nWaitingCountsThePartiesWaitingInTheCurrentRound() throws Exception {
        Barrier b = new Barrier(3);
        assertThat(b.nWaiting()).isZero();
        List<Integer> indices = new CopyOnWriteArrayList<>();
        var first = party("first", b, indices);
        awaitWaiting(b, 1);
        var second = party("second", b, indices);
        awaitWaiting(b, 2);
        assertThat(b).hasToString("Barrier[2 of 3 waiting]");

        b.await();

        first.joinSuccessfully();
        second.joinSuccessfully();
        assertThat(b.nWaiting()).isZero();
    }

    @Test
    void defaultTimeoutBreaksTheBarrierForEveryWaiter() throws Exception {
        Barrier b = new Barrier(3, SHORT);
        AtomicLong elapsed = new AtomicLong();
        var timingOut = TestThreads.start("timing-out", () -> {
            long start = System.nanoTime();
            try {
                b.await();
            } finally {
                elapsed.set(System.nanoTime() - start);
            }
        });
        var patient = TestThreads.start("patient", () -> b.await(TestThreads.LONG));

        Throwable timedOut = timingOut.join();
        Throwable other = patient.join();

        assertThat(timedOut)
                .isInstanceOf(BrokenBarrierException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("timed out");
        assertThat(elapsed.get()).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(other).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("timed out");
        assertThat(b.isBroken()).isTrue();
        assertThat(b.nWaiting()).isZero();
    }

    @Test
    void defaultTimeoutAppliesToEveryAwaitWithoutTimeout() throws Exception {
        Barrier b = new Barrier(3, SHORT);
        var one = TestThreads.start("one", b::await);
        var two = TestThreads.start("two", b::await);

        assertThat(one.join()).isInstanceOf(BrokenBarrierException.class);
        assertThat(two.join()).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.isBroken()).isTrue();
    }

    @Test
    void timedAwaitBreaksTheBarrierWhenItsTimeoutElapses() throws Exception {
        Barrier b = new Barrier(2);

        long start = System.nanoTime();
        assertThatThrownBy(() -> b.await(SHORT))
                .isInstanceOf(BrokenBarrierException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("1 of 2");
        long elapsed = System.nanoTime() - start;

        assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(b.isBroken()).isTrue();
    }

    @Test
    void timedAwaitWithZeroTimeoutBreaksAtOnceUnlessItTripsTheBarrier() throws Exception {
        Barrier b = new Barrier(2);

        assertThatThrownBy(() -> b.await(Duration.ZERO)).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.isBroken()).isTrue();

        b.reset();
        List<Integer> indices = new CopyOnWriteArrayList<>();
        var first = party("first", b, indices);
        awaitWaiting(b, 1);
        assertThat(b.await(Duration.ZERO)).as("the last party does not wait").isEqualTo(1);
        first.joinSuccessfully();
        assertThat(indices).containsExactly(0);
    }

    @Test
    void brokenBarrierFailsLaterCallersAtOnceUntilReset() throws Exception {
        Barrier b = new Barrier(2);
        assertThatThrownBy(() -> b.await(Duration.ZERO)).isInstanceOf(BrokenBarrierException.class);

        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("timed out");
        assertThatThrownBy(() -> b.await(TestThreads.LONG)).isInstanceOf(BrokenBarrierException.class);

        b.reset();
        assertThat(b.isBroken()).isFalse();
        var first = party("first", b, new CopyOnWriteArrayList<>());
        awaitWaiting(b, 1);
        assertThat(b.await()).isEqualTo(1);
        first.joinSuccessfully();
    }

    @Test
    void interruptedWaiterGetsInterruptedExceptionAndTheOthersBrokenBarrier() throws Exception {
        Barrier b = new Barrier(3);
        var victim = TestThreads.start("victim", b::await);
        awaitWaiting(b, 1);
        var other = TestThreads.start("other", b::await);
        awaitWaiting(b, 2);
        victim.awaitBlocked();

        victim.thread().interrupt();

        assertThat(victim.join()).isInstanceOf(InterruptedException.class);
        assertThat(other.join())
                .isInstanceOf(BrokenBarrierException.class)
                .hasMessageContaining("interrupted");
        assertThat(b.isBroken()).isTrue();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void interruptOnEntryThrowsClearsTheStatusAndBreaksTheBarrier() throws Exception {
        Barrier b = new Barrier(2);
        var other = TestThreads.start("other", b::await);
        awaitWaiting(b, 1);
        Thread.currentThread().interrupt();

        assertThatThrownBy(b::await).isInstanceOf(InterruptedException.class);

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(other.join()).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("interrupted");
        assertThat(b.isBroken()).isTrue();
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndLaterCallersUntilReset() throws Exception {
        Barrier b = new Barrier(3);
        var one = TestThreads.start("one", b::await);
        awaitWaiting(b, 1);
        var two = TestThreads.start("two", () -> b.await(TestThreads.LONG));
        awaitWaiting(b, 2);

        b.abort();

        assertThat(one.join()).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("abort");
        assertThat(two.join()).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("abort");
        assertThat(b.isBroken()).isTrue();
        assertThat(b.toString()).contains("broken").contains("abort");
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("abort");

        b.reset();
        assertThat(b.isBroken()).isFalse();
        List<Integer> indices = new CopyOnWriteArrayList<>();
        var three = party("three", b, indices);
        awaitWaiting(b, 1);
        var four = party("four", b, indices);
        awaitWaiting(b, 2);
        indices.add(b.await());
        three.joinSuccessfully();
        four.joinSuccessfully();
        assertThat(indices).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void abortWithNobodyWaitingBreaksTheNextCaller() {
        Barrier b = new Barrier(2);

        b.abort();

        assertThat(b.isBroken()).isTrue();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void resetWhileThreadsWaitBreaksTheirRoundAndLeavesTheBarrierUsable() throws Exception {
        Barrier b = new Barrier(3);
        var one = TestThreads.start("one", b::await);
        awaitWaiting(b, 1);
        var two = TestThreads.start("two", b::await);
        awaitWaiting(b, 2);

        b.reset();

        assertThat(one.join()).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("reset");
        assertThat(two.join()).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("reset");
        assertThat(b.isBroken()).as("the new round is whole").isFalse();
        assertThat(b.nWaiting()).isZero();

        List<Integer> indices = new CopyOnWriteArrayList<>();
        var three = party("three", b, indices);
        awaitWaiting(b, 1);
        var four = party("four", b, indices);
        awaitWaiting(b, 2);
        indices.add(b.await());
        three.joinSuccessfully();
        four.joinSuccessfully();
        assertThat(indices).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void resetOfAnIdleBarrierChangesNothing() throws Exception {
        Barrier b = new Barrier(1);

        b.reset();

        assertThat(b.isBroken()).isFalse();
        assertThat(b.await()).isZero();
    }

    @Test
    void throwingActionReachesTheLastThreadAndBreaksTheBarrierForTheOthers() throws Exception {
        IllegalStateException failure = new IllegalStateException("action failed");
        Barrier b = new Barrier(3, () -> {
            throw failure;
        }, null);
        var one = TestThreads.start("one", b::await);
        awaitWaiting(b, 1);
        var two = TestThreads.start("two", b::await);
        awaitWaiting(b, 2);

        assertThatThrownBy(b::await).isSameAs(failure);

        assertThat(one.join()).isInstanceOf(BrokenBarrierException.class)
                .hasMessageContaining("action")
                .hasCause(failure);
        assertThat(two.join()).isInstanceOf(BrokenBarrierException.class).hasCause(failure);
        assertThat(b.isBroken()).isTrue();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void throwingActionOfAOnePartyBarrierBreaksIt() {
        Barrier b = new Barrier(1, () -> {
            throw new ArithmeticException("bad sum");
        }, null);

        assertThatThrownBy(b::await).isInstanceOf(ArithmeticException.class);
        assertThat(b.isBroken()).isTrue();
    }
}
