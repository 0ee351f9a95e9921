package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Queues#select}: which queues it reports ready, that it sleeps (parked, not polling) until
 * a put or a shutdown on any of them, its timeout, and its handling of interrupts and bad
 * arguments. The many-thread run is in {@link WorkQueueStressTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueuesSelectTest {

    /** Runs select(LONG, queues) in a thread and keeps the result. */
    private static final class Selecting {
        final AtomicReference<List<WorkQueue<?>>> result = new AtomicReference<>();
        final TestThreads.Checked thread;

        Selecting(WorkQueue<?>... queues) {
            thread = TestThreads.start("selector", () -> result.set(Queues.select(TestThreads.LONG, queues)));
        }

        List<WorkQueue<?>> await() throws InterruptedException {
            thread.joinSuccessfully();
            return result.get();
        }
    }

    /** The kinds of queue select watches: the locked queue in each order, and the lock-free ring. */
    static Stream<Named<Supplier<WorkQueue<Integer>>>> kinds() {
        return Stream.of(
                Named.of("fifo()", WorkQueue::fifo),
                Named.of("fifo(4), the ring", () -> WorkQueue.fifo(4)),
                Named.of("lifo()", WorkQueue::lifo),
                Named.of("priority()", WorkQueue::priority));
    }

    @Test
    void returnsTheReadyQueuesInArgumentOrderWithoutRepeats() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo(3);
        WorkQueue<String> b = WorkQueue.lifo();
        WorkQueue<Integer> c = WorkQueue.priority();
        c.put(1);
        a.put(2);
        assertThat(Queues.select(Duration.ZERO, b, c, a, c, a)).containsExactly(c, a);
        assertThat(Queues.select(Duration.ofSeconds(1), List.of(a, b, c))).containsExactly(a, c);
        // Select does not take anything.
        assertThat(a.qsize()).isEqualTo(1);
        assertThat(c.qsize()).isEqualTo(1);
        assertThat(a.unfinishedTasks()).isEqualTo(1);
    }

    @Test
    void selectingThreadSleepsUntilAPutOnAnyOfTheQueuesWakesIt() throws InterruptedException {
        for (int which = 0; which < kinds().count(); which++) {
            List<WorkQueue<Integer>> queues = kinds().map(k -> k.getPayload().get()).toList();
            Selecting s = new Selecting(queues.toArray(new WorkQueue<?>[0]));
            s.thread.awaitBlocked();
            assertThat(s.thread.thread().getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
            queues.get(which).put(5);
            assertThat(s.await()).containsExactly(queues.get(which));
        }
    }

    @Test
    void selectWithoutATimeoutWaitsUntilAQueueIsReady() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo(2);
        WorkQueue<Integer> b = WorkQueue.lifo();
        AtomicReference<List<WorkQueue<?>>> result = new AtomicReference<>();
        TestThreads.Checked t = TestThreads.start("selector", () -> result.set(Queues.select(a, b, a)))
                .awaitBlocked();
        b.put(1);
        t.joinSuccessfully();
        assertThat(result.get()).containsExactly(b);
        assertThat(Queues.select(a, b)).containsExactly(b);
        assertThatThrownBy(() -> Queues.select()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutReturnsAnEmptyListAfterAtLeastTheTimeout() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo();
        WorkQueue<Integer> b = WorkQueue.fifo(3);
        Duration timeout = Duration.ofMillis(50);
        long start = System.nanoTime();
        assertThat(Queues.select(timeout, a, b)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
    }

    @Test
    void zeroTimeoutChecksOnce() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo();
        assertThat(Queues.select(Duration.ZERO, a)).isEmpty();
        a.put(1);
        assertThat(Queues.select(Duration.ZERO, a)).containsExactly(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aShutDownQueueIsReadyEvenWhenEmpty(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> a = kind.get();
        WorkQueue<Integer> b = kind.get();
        b.shutdown();
        assertThat(Queues.select(Duration.ZERO, a, b)).containsExactly(b);
        assertThatThrownBy(b::getNowait).isInstanceOf(QueueShutDownException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aQueueShutDownWhileSelectingWakesTheSelector(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        for (boolean immediate : new boolean[] {false, true}) {
            WorkQueue<Integer> a = kind.get();
            WorkQueue<Integer> b = WorkQueue.lifo();
            Selecting s = new Selecting(a, b);
            s.thread.awaitBlocked();
            a.shutdown(immediate);
            assertThat(s.await()).containsExactly(a);
        }
    }

    @Test
    void interruptOnEntryThrowsInterruptedEvenIfAQueueIsReady() {
        WorkQueue<Integer> a = WorkQueue.fifo();
        a.putNowait(1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Queues.select(Duration.ZERO, a)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void interruptWhileWaitingThrowsInterrupted(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> a = kind.get();
        WorkQueue<Integer> b = kind.get();
        TestThreads.Checked t = TestThreads.start("selector", () -> Queues.select(TestThreads.LONG, a, b))
                .awaitBlocked();
        t.thread().interrupt();
        assertThat(t.join()).isInstanceOf(InterruptedException.class);
        // The selector is gone from the queues: puts still work and a new select sees them.
        a.put(1);
        assertThat(Queues.select(Duration.ZERO, a, b)).containsExactly(a);
    }

    @Test
    void badArgumentsAreRejected() {
        WorkQueue<Integer> a = WorkQueue.fifo();
        assertThatThrownBy(() -> Queues.select(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Queues.select(Duration.ofSeconds(1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Queues.select(Duration.ofMillis(-1), a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Queues.select((Duration) null, a)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Queues.select(Duration.ZERO, a, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Queues.select(Duration.ZERO, (List<WorkQueue<?>>) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void hugeTimeoutWaitsInsteadOfOverflowing() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo();
        AtomicReference<List<WorkQueue<?>>> result = new AtomicReference<>();
        TestThreads.Checked t = TestThreads.start("selector",
                () -> result.set(Queues.select(Duration.ofSeconds(Long.MAX_VALUE), a))).awaitBlocked();
        a.put(1);
        t.joinSuccessfully();
        assertThat(result.get()).containsExactly(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void severalSelectorsOnTheSameQueueAreAllWoken(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> shared = kind.get();
        List<Selecting> selectors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WorkQueue<Integer> own = WorkQueue.fifo();
            Selecting s = new Selecting(own, shared);
            s.thread.awaitBlocked();
            selectors.add(s);
        }
        shared.put(1);
        for (Selecting s : selectors) {
            assertThat(s.await()).containsExactly(shared);
        }
        // Every selector unregistered itself: nothing is left watching the queue.
        assertThat(watchers(shared)).isZero();
        shared.put(2);
        assertThat(shared.qsize()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void selectUnregistersFromEveryQueueHoweverItEnds(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> a = kind.get();
        WorkQueue<Integer> b = kind.get();
        Queues.select(Duration.ofMillis(1), a, b); // timed out
        b.put(1);
        Queues.select(Duration.ZERO, a, b); // ready at once
        TestThreads.Checked t = TestThreads.start("selector", () -> Queues.select(TestThreads.LONG, a)).awaitBlocked();
        t.thread().interrupt();
        assertThat(t.join()).isInstanceOf(InterruptedException.class); // interrupted
        assertThat(watchers(a)).isZero();
        assertThat(watchers(b)).isZero();
    }

    /** How many selectors are registered with {@code q} (white box: a leak would keep them). */
    private static int watchers(WorkQueue<?> q) {
        return q.selectorCount();
    }

    @Test
    void readinessIsASnapshotSoAFollowingGetNowaitMayFindNothing() throws InterruptedException {
        WorkQueue<Integer> a = WorkQueue.fifo();
        a.put(1);
        List<WorkQueue<?>> ready = Queues.select(Duration.ZERO, a);
        assertThat(ready).containsExactly(a);
        a.getNowait(); // another consumer was faster
        assertThatThrownBy(() -> ready.getFirst().getNowait()).isInstanceOf(QueueEmptyException.class);
    }
}
