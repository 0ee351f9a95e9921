package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python's task accounting on {@link WorkQueue}: {@code taskDone}, {@code join},
 * {@code unfinishedTasks}. Every get counts as handing out a task; items dropped without being
 * got need no {@code taskDone}; one {@code taskDone} too many throws and changes nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueTaskTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void joinReturnsAtOnceWhenNothingWasPut(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        q.join();
        assertThat(q.join(Duration.ZERO)).isTrue();
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void joinBlocksUntilEveryPutItemIsGotAndMarkedDone(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        q.put(1);
        q.put(2);
        q.put(3);
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();

        q.get();
        q.get();
        q.taskDone();
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).as("one item still in the queue").isFalse();
        q.get();
        assertThat(q.join(Duration.ZERO)).as("one item got, not done").isFalse();
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(joiner.thread().isAlive()).isTrue();

        q.taskDone();
        joiner.joinSuccessfully();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void joinWaitsForItemsStillInTheQueueEvenIfEveryGotItemIsDone(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.put(2);
        q.get();
        q.taskDone();
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(q.join(Duration.ZERO)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void everyBlockedJoinerIsReleasedByTheLastTaskDone(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        List<TestThreads.Checked> joiners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            joiners.add(TestThreads.start("joiner-" + i, q::join).awaitBlocked());
        }
        joiners.add(TestThreads.start("timed-joiner", () -> assertThat(q.join(TestThreads.LONG)).isTrue())
                .awaitBlocked());
        q.get();
        TestThreads.start("worker", q::taskDone).joinSuccessfully();
        for (TestThreads.Checked j : joiners) {
            j.joinSuccessfully();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void taskDoneOnAFreshQueueThrowsIllegalState(Supplier<WorkQueue<Integer>> kind) {
        WorkQueue<Integer> q = kind.get();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void taskDoneOneMoreThanItemsGotThrowsAndLeavesTheCountUnchanged(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        q.put(1);
        q.put(2);
        q.put(3);
        q.get();
        q.get();
        q.taskDone();
        q.taskDone();
        assertThatThrownBy(q::taskDone)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskDone");
        assertThat(q.unfinishedTasks()).isEqualTo(1);

        // A legitimate taskDone later still counts.
        q.get();
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        q.taskDone();
        assertThat(q.unfinishedTasks()).isZero();
        assertThat(q.join(Duration.ZERO)).isTrue();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void timedJoinReturnsFalseAfterAtLeastTheTimeout(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.get();
        Duration timeout = Duration.ofMillis(50);
        long start = System.nanoTime();
        assertThat(q.join(timeout)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
        q.taskDone();
        assertThat(q.join(timeout)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void unfinishedTasksCountsItemsInTheQueueAndItemsGotButNotDone(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertThat(q.unfinishedTasks()).isEqualTo(5);
        q.get();
        q.get();
        assertThat(q.unfinishedTasks()).isEqualTo(5);
        q.taskDone();
        assertThat(q.unfinishedTasks()).isEqualTo(4);
    }

    /** Every way of getting an item, each of which hands out one task. */
    static Stream<Named<GetOne>> getters() {
        return Stream.of(
                Named.of("get()", WorkQueue::get),
                Named.of("get(timeout)", q -> q.get(Duration.ofSeconds(1))),
                Named.of("getNowait()", WorkQueue::getNowait),
                Named.of("take()", WorkQueue::take),
                Named.of("poll()", WorkQueue::poll),
                Named.of("poll(t, unit)", q -> q.poll(1, TimeUnit.SECONDS)),
                Named.of("remove()", WorkQueue::remove),
                Named.of("drainTo(c, 1)", q -> {
                    List<Integer> out = new ArrayList<>();
                    q.drainTo(out, 1);
                    return out.getFirst();
                }));
    }

    @FunctionalInterface
    interface GetOne {
        Integer get(WorkQueue<Integer> q) throws InterruptedException;
    }

    static Stream<Arguments> gettersAndFifoKinds() {
        return getters().flatMap(g -> QueueFlavor.fifoKinds().map(k -> Arguments.of(g, k)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("gettersAndFifoKinds")
    void everyGetHandsOutATaskThatNeedsOneTaskDone(GetOne getter, Supplier<WorkQueue<Integer>> kind)
            throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.put(2);
        assertThat(getter.get(q)).isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(2);
        q.taskDone();
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToCountsEveryMovedItemAsGot(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        List<Integer> out = new ArrayList<>();
        assertThat(q.drainTo(out, 3)).isEqualTo(3);
        assertThat(q.drainTo(out)).isEqualTo(2);
        assertThat(q.unfinishedTasks()).isEqualTo(5);
        assertThat(q.join(Duration.ZERO)).isFalse();
        for (int i = 0; i < 5; i++) {
            q.taskDone();
        }
        assertThat(q.join(Duration.ZERO)).isTrue();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    /** Every way of dropping items without handing them out. */
    static Stream<Named<Dropper>> droppers() {
        return Stream.of(
                Named.of("remove(o)", (q, items) -> items.forEach(x -> assertThat(q.remove(x)).isTrue())),
                Named.of("clear()", (q, items) -> q.clear()),
                Named.of("iterator.remove()", (q, items) -> {
                    for (Iterator<Integer> it = q.iterator(); it.hasNext(); ) {
                        if (items.contains(it.next())) {
                            it.remove();
                        }
                    }
                }),
                Named.of("removeIf", (q, items) -> assertThat(q.removeIf(items::contains)).isTrue()),
                Named.of("removeAll", (q, items) -> assertThat(q.removeAll(items)).isTrue()),
                Named.of("retainAll", (q, items) -> assertThat(q.retainAll(List.of())).isTrue()),
                Named.of("shutdown(true)", (q, items) -> q.shutdown(true)));
    }

    /** Drops {@code items}, which are all the items in {@code q}. */
    @FunctionalInterface
    interface Dropper extends java.util.function.BiConsumer<WorkQueue<Integer>, List<Integer>> {}

    /** Every dropper against every flavor. */
    static Stream<Arguments> droppersAndFlavors() {
        return droppers().flatMap(d -> QueueFlavor.all().map(f -> Arguments.of(d, f)));
    }

    /** The items in {@code q}, in no particular order. */
    private static List<Integer> itemsIn(WorkQueue<Integer> q) {
        return List.of(q.toArray(new Integer[0]));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("droppersAndFlavors")
    void droppedItemsNeedNoTaskDoneAndReleaseAJoinWaitingOnlyForThem(Dropper drop, QueueFlavor flavor)
            throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(3);
        q.put(1);
        q.put(2);
        q.put(3);
        q.get();
        q.taskDone();
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        drop.accept(q, itemsIn(q));
        joiner.joinSuccessfully();
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("droppersAndFlavors")
    void droppingItemsDoesNotReleaseAJoinWaitingForItemsGotAndNotDone(Dropper drop, QueueFlavor flavor)
            throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(3);
        q.put(1);
        q.put(2);
        q.put(3);
        q.get();
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        drop.accept(q, itemsIn(q));
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(q.join(Duration.ZERO)).isFalse();
        assertThat(joiner.thread().isAlive()).isTrue();
        q.taskDone();
        joiner.joinSuccessfully();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#fifoKinds")
    void interruptingABlockedJoinThrowsInterruptedAndLeavesTheAccountingAlone(Supplier<WorkQueue<Integer>> kind) throws InterruptedException {
        WorkQueue<Integer> q = kind.get();
        q.put(1);
        q.get();
        for (TestThreads.Body join : List.<TestThreads.Body>of(q::join, () -> q.join(TestThreads.LONG))) {
            TestThreads.Checked joiner = TestThreads.start("joiner", join).awaitBlocked();
            joiner.thread().interrupt();
            assertThat(joiner.join()).isInstanceOf(InterruptedException.class);
        }
        Thread.currentThread().interrupt();
        assertThatThrownBy(q::join).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.join(Duration.ZERO)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();

        assertThat(q.unfinishedTasks()).isEqualTo(1);
        TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
        q.taskDone();
        joiner.joinSuccessfully();
    }

    @Test
    void taskDoneInAnotherThreadIsSeenByJoin() throws InterruptedException {
        // What a worker wrote before taskDone is visible after the join it released returns.
        WorkQueue<int[]> q = WorkQueue.fifo();
        int[] box = new int[1];
        q.put(box);
        Consumer<int[]> work = b -> b[0] = 42;
        TestThreads.Checked worker = TestThreads.start("worker", () -> {
            int[] b = q.get();
            work.accept(b);
            q.taskDone();
        });
        q.join();
        assertThat(box[0]).isEqualTo(42);
        worker.joinSuccessfully();
    }
}
