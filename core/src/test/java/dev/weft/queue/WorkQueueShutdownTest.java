package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python 3.13's {@code shutdown(immediate)} on {@link WorkQueue}: puts refused, what is left
 * handed out and then gets refused, blocked threads woken, and {@code immediate} dropping the
 * items and releasing {@code join} from waiting for them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueShutdownTest {

    private static final List<Integer> PUTS = List.of(4, 1, 3, 2);

    /** Every insertion method, each putting 99. */
    private static Map<String, TestThreads.Body> insertions(WorkQueue<Integer> q) {
        return Map.of(
                "put", () -> q.put(99),
                "put(timeout)", () -> q.put(99, Duration.ofSeconds(1)),
                "putNowait", () -> q.putNowait(99),
                "add", () -> q.add(99),
                "offer", () -> q.offer(99),
                "offer(timeout)", () -> q.offer(99, 1, TimeUnit.SECONDS),
                "addAll", () -> q.addAll(List.of(99, 98)));
    }

    @Test
    void isShutdownTellsWhetherShutdownWasCalledAndShutdownIsIdempotent() {
        WorkQueue<Integer> q = WorkQueue.fifo();
        assertThat(q.isShutdown()).isFalse();
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
        q.shutdown();
        q.shutdown(false);
        assertThat(q.isShutdown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void everyInsertionThrowsQueueShutDownAfterShutdown(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(10);
        q.putNowait(1);
        q.shutdown(false);
        insertions(q).forEach((name, call) -> assertThatThrownBy(call::run)
                .as(name)
                .isInstanceOf(QueueShutDownException.class));
        assertThat(q).containsExactly(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void insertionIntoAFullShutDownQueueThrowsInsteadOfBlockingOrReportingFull(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.putNowait(1);
        q.shutdown();
        insertions(q).forEach((name, call) -> assertThatThrownBy(call::run)
                .as(name)
                .isInstanceOf(QueueShutDownException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void getsHandOutWhatIsLeftInOrderThenThrowQueueShutDown(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        q.shutdown(false);
        assertThat(q.qsize()).isEqualTo(PUTS.size());
        List<Integer> expected = flavor.expectedGetOrder(PUTS);
        assertThat(q.get()).isEqualTo(expected.get(0));
        assertThat(q.getNowait()).isEqualTo(expected.get(1));
        assertThat(q.poll(1, TimeUnit.SECONDS)).isEqualTo(expected.get(2));
        assertThat(q.take()).isEqualTo(expected.get(3));

        assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::take).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(1))).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> q.poll(1, TimeUnit.SECONDS)).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
        // The plain Queue methods keep their empty-queue behaviour.
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(q::element).isInstanceOf(NoSuchElementException.class);
        assertThat(q.drainTo(new ArrayList<>())).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void threadsBlockedInPutWakeWithQueueShutDownAndPutNothing(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        q.put(1);
        List<TestThreads.Checked> putters = List.of(
                TestThreads.start("put", () -> q.put(2)).awaitBlocked(),
                TestThreads.start("put(timeout)", () -> q.put(3, TestThreads.LONG)).awaitBlocked(),
                TestThreads.start("offer(timeout)", () -> q.offer(4, 20, TimeUnit.SECONDS)).awaitBlocked());
        q.shutdown(false);
        for (TestThreads.Checked p : putters) {
            assertThat(p.join()).as(p.thread().getName()).isInstanceOf(QueueShutDownException.class);
        }
        assertThat(q).containsExactly(1);
        assertThat(q.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void threadsBlockedInGetWakeWithQueueShutDown(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        List<TestThreads.Checked> getters = List.of(
                TestThreads.start("get", q::get).awaitBlocked(),
                TestThreads.start("take", q::take).awaitBlocked(),
                TestThreads.start("get(timeout)", () -> q.get(TestThreads.LONG)).awaitBlocked(),
                TestThreads.start("poll(timeout)", () -> q.poll(20, TimeUnit.SECONDS)).awaitBlocked());
        q.shutdown(false);
        for (TestThreads.Checked g : getters) {
            assertThat(g.join()).as(g.thread().getName()).isInstanceOf(QueueShutDownException.class);
        }
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void immediateShutdownDropsTheItemsLeft(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        q.shutdown(true);
        assertThat(q.isShutdown()).isTrue();
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
        assertThat(q.join(Duration.ZERO)).isTrue();
        assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
        assertThat(q.poll()).isNull();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void immediateShutdownReleasesAJoinWaitingForTheItemsLeft(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        PUTS.forEach(q::putNowait);
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        q.shutdown(true);
        joiner.joinSuccessfully();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void immediateShutdownStillLetsJoinWaitForItemsGotAndNotDone(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        PUTS.forEach(q::putNowait);
        q.get();
        q.get();
        q.taskDone();
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        q.shutdown(true);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(q.join(Duration.ZERO)).isFalse();
        assertThat(joiner.thread().isAlive()).isTrue();
        q.taskDone(); // taskDone still works after shutdown
        joiner.joinSuccessfully();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void plainShutdownLeavesJoinWaitingForTheItemsLeft(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.put(2);
        q.shutdown(false);
        assertThat(q.join(Duration.ZERO)).isFalse();
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        q.get();
        q.get();
        q.taskDone();
        q.taskDone();
        joiner.joinSuccessfully();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void immediateShutdownAfterAPlainOneDropsWhatIsStillLeft(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.put(2);
        q.shutdown(false);
        assertThat(q.get()).isEqualTo(1);
        q.shutdown(true);
        assertThat(q.qsize()).isZero();
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @Test
    void immediateShutdownWakesBlockedPuttersAndGetters() throws InterruptedException {
        WorkQueue<Integer> full = WorkQueue.fifo(1);
        full.put(1);
        TestThreads.Checked putter = TestThreads.start("putter", () -> full.put(2)).awaitBlocked();
        WorkQueue<Integer> empty = WorkQueue.lifo();
        TestThreads.Checked getter = TestThreads.start("getter", empty::get).awaitBlocked();
        full.shutdown(true);
        empty.shutdown(true);
        assertThat(putter.join()).isInstanceOf(QueueShutDownException.class);
        assertThat(getter.join()).isInstanceOf(QueueShutDownException.class);
        assertThat(full.qsize()).isZero();
    }
}
