package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Python-style blocking calls of {@link WorkQueue}, for every order: {@code put} and
 * {@code get} block and are released by the other side, their timed forms throw
 * {@link QueueFullException} / {@link QueueEmptyException} after at least the timeout, and an
 * interrupt ends them with nothing put or taken.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueBlockingTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private static void assertLastedAtLeast(long startNanos, Duration timeout) {
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(timeout);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void putOnAFullQueueBlocksUntilAGetMakesRoom(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(1);
        TestThreads.Checked putter = TestThreads.start("putter", () -> q.put(2)).awaitBlocked();
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(1);
        putter.joinSuccessfully();
        assertThat(q.get()).isEqualTo(2);
        assertThat(q.empty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void getOnAnEmptyQueueBlocksUntilAPut(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        AtomicReference<Integer> got = new AtomicReference<>();
        TestThreads.Checked getter = TestThreads.start("getter", () -> got.set(q.get())).awaitBlocked();
        q.put(7);
        getter.joinSuccessfully();
        assertThat(got.get()).isEqualTo(7);
        assertThat(q.empty()).isTrue();
        assertThat(q.unfinishedTasks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void eachPutReleasesOneOfSeveralBlockedGetters(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
        List<TestThreads.Checked> getters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            getters.add(TestThreads.start("getter-" + i, () -> got.add(q.get())).awaitBlocked());
        }
        for (int i = 0; i < 3; i++) {
            q.put(10 + i);
        }
        for (TestThreads.Checked g : getters) {
            g.joinSuccessfully();
        }
        assertThat(got).containsExactlyInAnyOrder(10, 11, 12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void eachGetReleasesOneOfSeveralBlockedPutters(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(0);
        List<TestThreads.Checked> putters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int item = i;
            putters.add(TestThreads.start("putter-" + i, () -> q.put(item)).awaitBlocked());
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(q.get());
        }
        for (TestThreads.Checked p : putters) {
            p.joinSuccessfully();
        }
        assertThat(got).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(q.empty()).isTrue();
    }

    /** A way of making room in a full queue, for at least one item. */
    @FunctionalInterface
    interface MakeRoom {
        void apply(WorkQueue<Integer> q) throws Throwable;
    }

    private static final List<Named<MakeRoom>> WAYS_OF_MAKING_ROOM = List.of(
            Named.of("get", WorkQueue::get),
            Named.of("poll", WorkQueue::poll),
            Named.of("drainTo", q -> q.drainTo(new ArrayList<>(), 1)),
            Named.of("remove(o)", q -> assertThat(q.remove(q.peek())).isTrue()),
            Named.of("removeIf", q -> assertThat(q.removeIf(x -> true)).isTrue()),
            Named.of("clear", WorkQueue::clear),
            Named.of("iterator.remove", q -> {
                java.util.Iterator<Integer> it = q.iterator();
                it.next();
                it.remove();
            }));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void everyWayOfMakingRoomReleasesABlockedPutter(QueueFlavor flavor) throws Throwable {
        for (Named<MakeRoom> way : WAYS_OF_MAKING_ROOM) {
            WorkQueue<Integer> q = flavor.bounded(2);
            q.put(1);
            q.put(2);
            TestThreads.Checked putter = TestThreads.start("putter", () -> q.put(3)).awaitBlocked();
            way.getPayload().apply(q);
            Throwable failure = putter.join();
            assertThat(failure).as(way.getName()).isNull();
            assertThat(q.contains(3)).as(way.getName()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedPutOnAFullQueueThrowsQueueFullAfterAtLeastTheTimeout(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.put(2, SHORT)).isInstanceOf(QueueFullException.class);
        assertLastedAtLeast(start, SHORT);
        assertThat(q).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedGetOnAnEmptyQueueThrowsQueueEmptyAfterAtLeastTheTimeout(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.get(SHORT)).isInstanceOf(QueueEmptyException.class);
        assertLastedAtLeast(start, SHORT);
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedPutSucceedsWhenRoomAppearsInTime(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(1);
        TestThreads.Checked putter = TestThreads.start("putter", () -> q.put(2, TestThreads.LONG)).awaitBlocked();
        assertThat(q.get()).isEqualTo(1);
        putter.joinSuccessfully();
        assertThat(q).containsExactly(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedGetSucceedsWhenAnItemArrivesInTime(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        AtomicReference<Integer> got = new AtomicReference<>();
        TestThreads.Checked getter = TestThreads.start("getter", () -> got.set(q.get(TestThreads.LONG))).awaitBlocked();
        q.put(3);
        getter.joinSuccessfully();
        assertThat(got.get()).isEqualTo(3);
    }

    @Test
    void hugeTimeoutsWaitInsteadOfOverflowing() throws InterruptedException {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        WorkQueue<Integer> q = WorkQueue.fifo(1);
        q.put(1);
        TestThreads.Checked putter = TestThreads.start("putter", () -> q.put(2, forever)).awaitBlocked();
        assertThat(q.get()).isEqualTo(1);
        putter.joinSuccessfully();
        assertThat(q.get(forever)).isEqualTo(2);
        AtomicReference<Integer> got = new AtomicReference<>();
        TestThreads.Checked getter = TestThreads.start("getter", () -> got.set(q.get(forever))).awaitBlocked();
        q.put(3);
        getter.joinSuccessfully();
        assertThat(got.get()).isEqualTo(3);
    }

    // ------------------------------------------------------------ interrupts

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void interruptedThreadIsRefusedOnEntryEvenWhenThePutOrGetCouldProceed(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(5);
        q.putNowait(1);
        List<TestThreads.Body> calls = List.of(
                () -> q.put(2), () -> q.put(2, TestThreads.LONG), q::get, () -> q.get(TestThreads.LONG));
        for (TestThreads.Body call : calls) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(call::run).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).as("interrupt status cleared by the throw").isFalse();
        }
        assertThat(q).containsExactly(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void interruptingABlockedPutThrowsInterruptedAndPutsNothing(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(1);
        for (TestThreads.Body put : List.<TestThreads.Body>of(() -> q.put(2), () -> q.put(2, TestThreads.LONG))) {
            TestThreads.Checked putter = TestThreads.start("putter", put).awaitBlocked();
            putter.thread().interrupt();
            assertThat(putter.join()).isInstanceOf(InterruptedException.class);
            assertThat(q).containsExactly(1);
        }
        // The queue still works for both sides.
        assertThat(q.get()).isEqualTo(1);
        q.put(3);
        assertThat(q.get()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void interruptingABlockedGetThrowsInterruptedAndTakesNothing(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        for (TestThreads.Body get : List.<TestThreads.Body>of(q::get, () -> q.get(TestThreads.LONG))) {
            TestThreads.Checked getter = TestThreads.start("getter", get).awaitBlocked();
            getter.thread().interrupt();
            assertThat(getter.join()).isInstanceOf(InterruptedException.class);
        }
        q.put(5);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(5);
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }
}
