package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producers and consumers on one {@link WorkQueue}, or on several through
 * {@link Queues#select}, checking invariants rather than timings: every item put is got exactly
 * once and what its producer wrote into it is seen; {@code join} returns only once every item was
 * marked done; a shutdown in mid-flight loses nothing it did not drop and strands no thread; items
 * put just before a shutdown are all got; a waiter that is woken and interrupted at once passes
 * its wake-up on; removals, drains and snapshots amid the traffic lose and duplicate nothing.
 * The FIFO runs use bounded queues, so the lock-free ring (one of them its maxsize-1 edge case);
 * LIFO and priority the locked queue. Each is sized to run in about a second on two cores; the
 * {@code stress-long} variants ({@code mvn -Pstress verify}) run the same checks much longer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueStressTest {

    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 3;
    private static final int ITEMS_PER_PRODUCER = 6_000;
    private static final int LONG_SCALE = 40;

    /**
     * Joins {@code t} and fails if it threw; allows {@code bound} (longer than
     * {@link TestThreads#LONG}, for the long runs) before failing as hung.
     */
    private static void joinSuccessfully(TestThreads.Checked t, Duration bound) throws InterruptedException {
        t.thread().join(bound);
        t.joinSuccessfully();
    }

    /** How long a thread of a run with {@code perProducer} items per producer may take. */
    private static Duration boundFor(int perProducer) {
        return perProducer > ITEMS_PER_PRODUCER ? Duration.ofMinutes(8) : TestThreads.LONG;
    }

    static Stream<QueueFlavor> flavors() {
        return Stream.of(QueueFlavor.FIFO, QueueFlavor.LIFO, QueueFlavor.PRIORITY);
    }

    // ------------------------------------------------------------ exactly once, join

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void producersAndConsumersDeliverEveryItemExactlyOnceAndJoinWaitsForAll(QueueFlavor flavor) throws Exception {
        deliverEveryItemExactlyOnce(flavor, ITEMS_PER_PRODUCER);
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void producersAndConsumersDeliverEveryItemExactlyOnceLongRun(QueueFlavor flavor) throws Exception {
        deliverEveryItemExactlyOnce(flavor, ITEMS_PER_PRODUCER * LONG_SCALE);
    }

    @Test
    void fifoOfMaxsizeOneDeliversEveryItemExactlyOnce() throws Exception {
        // fifo(1) is the lock-free ring's edge case: one item at a time through its slots.
        deliverEveryItemExactlyOnce(QueueFlavor.FIFO, ITEMS_PER_PRODUCER, 1);
    }

    private static void deliverEveryItemExactlyOnce(QueueFlavor flavor, int perProducer) throws Exception {
        deliverEveryItemExactlyOnce(flavor, perProducer, 4);
    }

    /** Item ids: producer p puts p * perProducer + i, for i from 0 up. */
    private static void deliverEveryItemExactlyOnce(QueueFlavor flavor, int perProducer, int maxsize) throws Exception {
        WorkQueue<Integer> q = flavor.bounded(maxsize);
        int total = PRODUCERS * perProducer;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        LongAdder sum = new LongAdder();
        AtomicBoolean orderBroken = new AtomicBoolean();

        List<TestThreads.Checked> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * perProducer;
            producers.add(TestThreads.start("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    int item = base + i;
                    switch (i % 3) {
                        case 0 -> q.put(item);
                        case 1 -> q.put(item, TestThreads.LONG);
                        default -> {
                            while (!q.offer(item)) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }
            }));
        }
        List<TestThreads.Checked> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(TestThreads.start("consumer-" + c, () -> {
                int[] lastPerProducer = new int[PRODUCERS];
                java.util.Arrays.fill(lastPerProducer, -1);
                for (int n = 0; ; n++) {
                    Integer item;
                    try {
                        item = switch (n % 3) {
                            case 0 -> q.get();
                            case 1 -> q.poll(20, TimeUnit.SECONDS);
                            default -> q.get(TestThreads.LONG);
                        };
                    } catch (QueueShutDownException done) {
                        return;
                    }
                    if (seen.incrementAndGet(item) != 1) {
                        throw new AssertionError("item " + item + " handed out twice");
                    }
                    sum.add(item);
                    int producer = item / perProducer;
                    if (item < lastPerProducer[producer]) {
                        orderBroken.set(true);
                    }
                    lastPerProducer[producer] = item;
                    q.taskDone();
                }
            }));
        }
        for (TestThreads.Checked p : producers) {
            joinSuccessfully(p, boundFor(perProducer));
        }
        // Every item is put: join returns only once every one was got and marked done, and the
        // consumers mark an item done only after recording it.
        joinSuccessfully(TestThreads.start("joiner", q::join), boundFor(perProducer));
        int counted = 0;
        for (int i = 0; i < total; i++) {
            assertThat(seen.get(i)).as("item %d", i).isEqualTo(1);
            counted++;
        }
        assertThat(counted).isEqualTo(total);
        assertThat(sum.sum()).isEqualTo((long) total * (total - 1) / 2);
        assertThat(q.unfinishedTasks()).isZero();
        if (flavor == QueueFlavor.FIFO) {
            // FIFO: a consumer sees each producer's items in the order that producer put them.
            assertThat(orderBroken).isFalse();
        }
        q.shutdown();
        for (TestThreads.Checked c : consumers) {
            c.joinSuccessfully();
        }
    }

    /** An item with a plain (not final, not volatile) field, written after construction. */
    private static final class Box {
        long value;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void whatAProducerWroteBeforePuttingIsSeenByTheConsumerThatGetsIt(QueueFlavor flavor) throws Exception {
        WorkQueue<Box> q = switch (flavor.name()) {
            case "fifo" -> WorkQueue.fifo(4);
            case "lifo" -> WorkQueue.lifo(4);
            default -> WorkQueue.priority(Comparator.comparingLong(b -> b.value), 4);
        };
        int perProducer = ITEMS_PER_PRODUCER;
        List<TestThreads.Checked> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            producers.add(TestThreads.start("producer-" + p, () -> {
                for (int i = 1; i <= perProducer; i++) {
                    Box b = new Box();
                    b.value = i; // a plain write: only the put publishes it
                    q.put(b);
                }
            }));
        }
        List<TestThreads.Checked> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            consumers.add(TestThreads.start("consumer-" + c, () -> {
                for (;;) {
                    Box b;
                    try {
                        b = q.get();
                    } catch (QueueShutDownException done) {
                        return;
                    }
                    if (b.value == 0) {
                        throw new AssertionError("got an item before seeing what was written into it");
                    }
                }
            }));
        }
        for (TestThreads.Checked p : producers) {
            p.joinSuccessfully();
        }
        q.shutdown();
        for (TestThreads.Checked c : consumers) {
            c.joinSuccessfully();
        }
    }

    // ------------------------------------------------------------ shutdown in mid-flight

    @ParameterizedTest(name = "immediate={0}")
    @ValueSource(booleans = {false, true})
    void shutdownInMidFlightLosesNothingItDidNotDropAndStrandsNoThread(boolean immediate) throws Exception {
        for (QueueFlavor flavor : flavors().toList()) {
            shutdownInMidFlight(flavor, immediate, 2_000);
        }
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "immediate={0}")
    @ValueSource(booleans = {false, true})
    void shutdownInMidFlightLongRun(boolean immediate) throws Exception {
        for (int round = 0; round < 50; round++) {
            for (QueueFlavor flavor : flavors().toList()) {
                shutdownInMidFlight(flavor, immediate, 2_000 + 500 * round);
            }
        }
    }

    /**
     * Producers put until the queue refuses; consumers get until it refuses; the queue shuts down
     * once {@code gotBeforeShutdown} items were got.
     */
    private static void shutdownInMidFlight(QueueFlavor flavor, boolean immediate, int gotBeforeShutdown)
            throws Exception {
        int perProducer = 1_000_000; // never reached: the shutdown comes first
        WorkQueue<Integer> q = flavor.bounded(8);
        AtomicLong[] succeeded = new AtomicLong[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            succeeded[p] = new AtomicLong();
        }
        Set<Integer> got = Collections.synchronizedSet(new java.util.HashSet<>());
        AtomicLong gotCount = new AtomicLong();
        CountDownLatch enoughGot = new CountDownLatch(gotBeforeShutdown);

        List<TestThreads.Checked> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(TestThreads.start("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    try {
                        if (i % 2 == 0) {
                            q.put(producer * perProducer + i);
                        } else {
                            q.putNowait(producer * perProducer + i);
                        }
                    } catch (QueueFullException full) {
                        i--; // try the same item again
                        Thread.onSpinWait();
                        continue;
                    } catch (QueueShutDownException shutDown) {
                        return;
                    }
                    succeeded[producer].incrementAndGet(); // its puts are in order: 0..k-1 made it
                }
                throw new AssertionError("the queue never shut down");
            }));
        }
        List<TestThreads.Checked> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            int consumer = c;
            consumers.add(TestThreads.start("consumer-" + c, () -> {
                for (;;) {
                    Integer item;
                    try {
                        item = consumer == 0 ? q.get() : q.poll(20, TimeUnit.SECONDS);
                        if (item == null) {
                            throw new AssertionError("a consumer waited 20 s for an item or a shutdown");
                        }
                    } catch (QueueShutDownException done) {
                        return;
                    }
                    if (!got.add(item)) {
                        throw new AssertionError("item " + item + " handed out twice");
                    }
                    gotCount.incrementAndGet();
                    q.taskDone();
                    enoughGot.countDown();
                }
            }));
        }
        assertThat(enoughGot.await(TestThreads.LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        q.shutdown(immediate);
        for (TestThreads.Checked t : producers) {
            t.joinSuccessfully();
        }
        for (TestThreads.Checked t : consumers) {
            t.joinSuccessfully();
        }

        long succeededTotal = 0;
        for (AtomicLong s : succeeded) {
            succeededTotal += s.get();
        }
        long dropped = succeededTotal - gotCount.get();
        // Everything got was put successfully, by a put that returned normally.
        for (Integer item : got) {
            int producer = item / perProducer;
            assertThat((long) (item % perProducer)).as("item %d", item).isLessThan(succeeded[producer].get());
        }
        assertThat(got).hasSize((int) gotCount.get());
        if (immediate) {
            assertThat(dropped).isBetween(0L, (long) q.maxsize());
        } else {
            assertThat(dropped).as("a plain shutdown drops nothing").isZero();
        }
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    // ------------------------------------------------------------ put, then shutdown

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void everyItemPutBeforeAShutdownIsGotBeforeGetsReportShutDown(QueueFlavor flavor) throws Exception {
        putThenShutdownRounds(flavor, 150);
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void everyItemPutBeforeAShutdownIsGotLongRun(QueueFlavor flavor) throws Exception {
        putThenShutdownRounds(flavor, 150 * LONG_SCALE);
    }

    /**
     * Python 3.13's pattern: the producer puts its last items and shuts the queue down; consumers
     * get until {@link QueueShutDownException}. Each round, a consumer spinning on getNowait and
     * one blocked in get race the last puts and the shutdown; together they must get every item.
     */
    private static void putThenShutdownRounds(QueueFlavor flavor, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            WorkQueue<Integer> q = flavor.bounded(4);
            LongAdder got = new LongAdder();
            TestThreads.Checked spinning = TestThreads.start("spinning consumer", () -> {
                for (;;) {
                    try {
                        q.getNowait();
                        got.increment();
                    } catch (QueueEmptyException empty) {
                        Thread.onSpinWait();
                    } catch (QueueShutDownException done) {
                        return;
                    }
                }
            });
            TestThreads.Checked blocking = TestThreads.start("blocking consumer", () -> {
                for (;;) {
                    try {
                        q.get();
                        got.increment();
                    } catch (QueueShutDownException done) {
                        return;
                    }
                }
            });
            int items = 1 + round % 3;
            for (int i = 0; i < items; i++) {
                q.put(i);
            }
            q.shutdown();
            spinning.joinSuccessfully();
            blocking.joinSuccessfully();
            assertThat(got.sum()).as("round %d: items got of %d put", round, items).isEqualTo(items);
            assertThat(q.qsize()).isZero();
        }
    }

    // ------------------------------------------------------------ taskDone racing gets

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void taskDoneForAnItemGotNeverThrowsWhileOtherThreadsGetAndMarkTheirsDone(QueueFlavor flavor) throws Exception {
        taskDoneRace(flavor, 30_000, TestThreads.LONG);
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void taskDoneRaceLongRun(QueueFlavor flavor) throws Exception {
        taskDoneRace(flavor, 30_000 * LONG_SCALE, Duration.ofMinutes(8));
    }

    /**
     * Workers get an item and at once mark it done, as fast as they can, while one thread keeps the
     * queue stocked: every taskDone follows a get of the same thread, so none may throw.
     */
    private static void taskDoneRace(QueueFlavor flavor, int items, Duration bound) throws Exception {
        WorkQueue<Integer> q = flavor.bounded(64);
        LongAdder done = new LongAdder();
        TestThreads.Checked producer = TestThreads.start("producer", () -> {
            for (int i = 0; i < items; i++) {
                q.put(i);
            }
            q.shutdown();
        });
        List<TestThreads.Checked> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(TestThreads.start("worker-" + w, () -> {
                for (;;) {
                    try {
                        q.getNowait();
                    } catch (QueueEmptyException empty) {
                        Thread.onSpinWait();
                        continue;
                    } catch (QueueShutDownException finished) {
                        return;
                    }
                    q.taskDone();
                    done.increment();
                }
            }));
        }
        joinSuccessfully(producer, bound);
        for (TestThreads.Checked w : workers) {
            joinSuccessfully(w, bound);
        }
        assertThat(done.sum()).isEqualTo(items);
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    // ------------------------------------------------------------ wake-ups not lost

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void aWaitingJoinIsReleasedByWhicheverConcurrentTaskDoneFinishesTheWork(QueueFlavor flavor) throws Exception {
        for (int round = 0; round < 150; round++) {
            WorkQueue<Integer> q = flavor.bounded(8);
            int items = 1 + round % 6;
            for (int i = 0; i < items; i++) {
                q.put(i);
            }
            TestThreads.Checked joiner = TestThreads.start("joiner", q::join).awaitBlocked();
            // Two workers race to get and mark done; one of them drops an item now and then.
            int r = round;
            List<TestThreads.Checked> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                workers.add(TestThreads.start("worker-" + w, () -> {
                    for (;;) {
                        if (worker == 1 && r % 5 == 0 && q.remove(items - 1)) {
                            continue; // dropped: needs no taskDone
                        }
                        Integer x = q.poll();
                        if (x == null) {
                            return;
                        }
                        q.taskDone();
                    }
                }));
            }
            for (TestThreads.Checked w : workers) {
                w.joinSuccessfully();
            }
            joiner.joinSuccessfully(); // a lost wake-up leaves it waiting with nothing left to do
            assertThat(q.unfinishedTasks()).as("round %d", round).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void aGetterInterruptedAsAPutWakesItLeavesTheItemToAnotherGetter(QueueFlavor flavor) throws Exception {
        for (int round = 0; round < 100; round++) {
            WorkQueue<Integer> q = flavor.bounded(4);
            AtomicIntegerArray got = new AtomicIntegerArray(2);
            TestThreads.Checked a = TestThreads.start("getter-a", () -> got.set(0, q.get())).awaitBlocked();
            TestThreads.Checked b = TestThreads.start("getter-b", () -> got.set(1, q.get())).awaitBlocked();
            // The interrupt and the put race: the put's wake-up may go to a, which then leaves.
            a.thread().interrupt();
            q.put(7);
            Throwable aFailed = a.join();
            if (aFailed != null) {
                assertThat(aFailed).isInstanceOf(InterruptedException.class);
                b.joinSuccessfully(); // b must have been woken for the item a did not take
                assertThat(got.get(1)).isEqualTo(7);
            } else {
                assertThat(got.get(0)).isEqualTo(7);
                q.put(8);
                b.joinSuccessfully();
                assertThat(got.get(1)).isEqualTo(8);
            }
            assertThat(q.qsize()).as("round %d", round).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void aPutterInterruptedAsAGetWakesItLeavesTheRoomToAnotherPutter(QueueFlavor flavor) throws Exception {
        for (int round = 0; round < 100; round++) {
            WorkQueue<Integer> q = flavor.bounded(1);
            q.put(0);
            TestThreads.Checked a = TestThreads.start("putter-a", () -> q.put(1)).awaitBlocked();
            TestThreads.Checked b = TestThreads.start("putter-b", () -> q.put(2)).awaitBlocked();
            a.thread().interrupt();
            assertThat(q.get()).isZero();
            Throwable aFailed = a.join();
            if (aFailed != null) {
                assertThat(aFailed).isInstanceOf(InterruptedException.class);
                b.joinSuccessfully(); // b must have been woken for the room a did not use
                assertThat(q.getNowait()).isEqualTo(2);
            } else {
                assertThat(q.get()).isEqualTo(1);
                b.joinSuccessfully();
                assertThat(q.getNowait()).isEqualTo(2);
            }
            assertThat(q.qsize()).as("round %d", round).isZero();
        }
    }

    // ------------------------------------------------------------ rare operations in traffic

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void removalsDrainsAndSnapshotsDuringTrafficLoseAndDuplicateNothing(QueueFlavor flavor) throws Exception {
        rareOperationsInTraffic(flavor, 5_000);
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void removalsDrainsAndSnapshotsDuringTrafficLongRun(QueueFlavor flavor) throws Exception {
        rareOperationsInTraffic(flavor, 5_000 * LONG_SCALE);
    }

    /**
     * Producers and consumers run while another thread removes items by value and by predicate,
     * drains some, peeks and takes snapshots. Every item put ends up exactly once either got
     * (by a consumer or a drain) or dropped (by a removal that said so), and snapshots only ever
     * show items that were put and not yet taken, each once.
     */
    private static void rareOperationsInTraffic(QueueFlavor flavor, int perProducer) throws Exception {
        WorkQueue<Integer> q = flavor.bounded(8);
        int total = PRODUCERS * perProducer;
        AtomicIntegerArray fate = new AtomicIntegerArray(total); // times got or dropped
        AtomicBoolean producing = new AtomicBoolean(true);

        List<TestThreads.Checked> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * perProducer;
            producers.add(TestThreads.start("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    q.put(base + i);
                }
            }));
        }
        List<TestThreads.Checked> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            consumers.add(TestThreads.start("consumer-" + c, () -> {
                for (;;) {
                    int item;
                    try {
                        item = q.get();
                    } catch (QueueShutDownException done) {
                        return;
                    }
                    if (fate.incrementAndGet(item) != 1) {
                        throw new AssertionError("item " + item + " got after it was got or dropped");
                    }
                    q.taskDone();
                }
            }));
        }
        TestThreads.Checked meddler = TestThreads.start("meddler", () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (producing.get()) {
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        int victim = rnd.nextInt(total);
                        if (q.remove(victim) && fate.incrementAndGet(victim) != 1) {
                            throw new AssertionError("item " + victim + " removed after it was got or dropped");
                        }
                    }
                    case 1 -> {
                        int mod = 5 + rnd.nextInt(10);
                        q.removeIf(x -> {
                            if (x % mod != 0) {
                                return false;
                            }
                            if (fate.incrementAndGet(x) != 1) {
                                throw new AssertionError("item " + x + " dropped after it was got or dropped");
                            }
                            return true;
                        });
                    }
                    case 2 -> {
                        List<Integer> out = new ArrayList<>();
                        q.drainTo(out, 1 + rnd.nextInt(3));
                        for (int x : out) {
                            if (fate.incrementAndGet(x) != 1) {
                                throw new AssertionError("item " + x + " drained after it was got or dropped");
                            }
                            q.taskDone();
                        }
                    }
                    case 3 -> {
                        Object[] snapshot = q.toArray();
                        assertThat(snapshot.length).isLessThanOrEqualTo(8);
                        assertThat(snapshot).doesNotHaveDuplicates().doesNotContainNull();
                    }
                    default -> {
                        Integer head = q.peek();
                        if (head != null) {
                            assertThat(head).isBetween(0, total - 1);
                        }
                    }
                }
            }
        });
        for (TestThreads.Checked p : producers) {
            p.joinSuccessfully();
        }
        producing.set(false);
        meddler.joinSuccessfully();
        q.shutdown();
        for (TestThreads.Checked c : consumers) {
            c.joinSuccessfully();
        }
        for (int i = 0; i < total; i++) {
            assertThat(fate.get(i)).as("item %d got or dropped", i).isEqualTo(1);
        }
        assertThat(q.unfinishedTasks()).isZero();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    // ------------------------------------------------------------ select

    @Test
    void selectWithSeveralProducersAndConsumersDeliversEveryItemOnce() throws Exception {
        selectRun(6_000);
    }

    @Tag("stress-long")
    @Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @Test
    void selectLongRun() throws Exception {
        selectRun(6_000 * LONG_SCALE);
    }

    private static void selectRun(int perProducer) throws Exception {
        List<WorkQueue<Integer>> queues = List.of(WorkQueue.fifo(4), WorkQueue.lifo(), WorkQueue.priority(2));
        int total = PRODUCERS * perProducer;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);

        List<TestThreads.Checked> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * perProducer;
            producers.add(TestThreads.start("producer-" + p, () -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < perProducer; i++) {
                    queues.get(rnd.nextInt(queues.size())).put(base + i);
                }
            }));
        }
        List<TestThreads.Checked> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(TestThreads.start("consumer-" + c, () -> {
                // The queues not yet shut down and drained, as far as this consumer knows.
                List<WorkQueue<Integer>> open = new ArrayList<>(queues);
                while (!open.isEmpty()) {
                    List<WorkQueue<?>> ready = Queues.select(TestThreads.LONG, open);
                    if (ready.isEmpty()) {
                        throw new AssertionError("select waited " + TestThreads.LONG + " with producers running");
                    }
                    for (WorkQueue<?> r : ready) {
                        try {
                            int item = (Integer) r.getNowait();
                            if (seen.incrementAndGet(item) != 1) {
                                throw new AssertionError("item " + item + " handed out twice");
                            }
                            r.taskDone();
                        } catch (QueueEmptyException raced) {
                            // Another consumer was faster: allowed, select again.
                        } catch (QueueShutDownException shutDown) {
                            open.remove(r);
                        }
                    }
                }
            }));
        }
        for (TestThreads.Checked p : producers) {
            p.joinSuccessfully();
        }
        for (WorkQueue<Integer> q : queues) {
            q.shutdown();
        }
        for (TestThreads.Checked c : consumers) {
            c.joinSuccessfully();
        }
        for (int i = 0; i < total; i++) {
            assertThat(seen.get(i)).as("item %d", i).isEqualTo(1);
        }
        for (WorkQueue<Integer> q : queues) {
            assertThat(q.join(Duration.ZERO)).isTrue();
        }
    }
}
