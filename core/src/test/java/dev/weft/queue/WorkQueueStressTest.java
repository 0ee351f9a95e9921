package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * once, {@code join} returns only once every item was marked done, a shutdown in mid-flight loses
 * nothing it did not drop and strands no thread. Sized to run in about a second each on two
 * cores; the {@code stress-long} variants ({@code mvn -Pstress verify}) run the same checks longer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueStressTest {

    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 3;
    private static final int ITEMS_PER_PRODUCER = 6_000;
    private static final int LONG_SCALE = 40;

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

    /** Item ids: producer p puts p * perProducer + i, for i from 0 up. */
    private static void deliverEveryItemExactlyOnce(QueueFlavor flavor, int perProducer) throws Exception {
        WorkQueue<Integer> q = flavor.bounded(4);
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
            p.joinSuccessfully();
        }
        // Every item is put: join returns only once every one was got and marked done, and the
        // consumers mark an item done only after recording it.
        TestThreads.start("joiner", q::join).joinSuccessfully();
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
