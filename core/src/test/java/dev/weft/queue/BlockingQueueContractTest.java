package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link BlockingQueue} contract, as a client that knows only that interface sees it, for
 * every order of {@link WorkQueue}: timed {@code offer}/{@code poll}, {@code put}/{@code take},
 * interrupts on entry and while waiting, nulls, {@code drainTo}, {@code remainingCapacity},
 * {@code contains}/{@code remove} of null.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingQueueContractTest {

    private static final long SHORT_MILLIS = 50;

    private static void assertLastedAtLeast(long startNanos, long millis) {
        assertThat(System.nanoTime() - startNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** A full bounded queue holding 0..capacity-1, seen as a plain BlockingQueue. */
    private static BlockingQueue<Integer> full(QueueFlavor flavor, int capacity) {
        BlockingQueue<Integer> q = flavor.bounded(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        return q;
    }

    // ------------------------------------------------------------ timeouts

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedOfferOnAFullQueueReturnsFalseAfterAtLeastTheTime(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = full(flavor, 2);
        long start = System.nanoTime();
        assertThat(q.offer(9, SHORT_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
        assertLastedAtLeast(start, SHORT_MILLIS);
        assertThat(q).doesNotContain(9).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedPollOnAnEmptyQueueReturnsNullAfterAtLeastTheTime(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = flavor.unbounded();
        long start = System.nanoTime();
        assertThat(q.poll(SHORT_MILLIS, TimeUnit.MILLISECONDS)).isNull();
        assertLastedAtLeast(start, SHORT_MILLIS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void zeroOrNegativeTimeMeansNoWait(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = flavor.bounded(1);
        assertThat(q.poll(0, TimeUnit.SECONDS)).isNull();
        assertThat(q.poll(-5, TimeUnit.SECONDS)).isNull();
        assertThat(q.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isNull();
        assertThat(q.offer(1, -5, TimeUnit.SECONDS)).isTrue();
        assertThat(q.offer(2, -5, TimeUnit.SECONDS)).isFalse();
        assertThat(q.offer(2, 0, TimeUnit.SECONDS)).isFalse();
        assertThat(q.offer(2, Long.MIN_VALUE, TimeUnit.DAYS)).isFalse();
        assertThat(q.poll(-1, TimeUnit.MILLISECONDS)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedOfferSucceedsWhenAPollMakesRoom(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = full(flavor, 1);
        AtomicReference<Boolean> offered = new AtomicReference<>();
        TestThreads.Checked t = TestThreads.start("offerer", () -> offered.set(q.offer(5, 20, TimeUnit.SECONDS)))
                .awaitBlocked();
        assertThat(q.poll()).isEqualTo(0);
        t.joinSuccessfully();
        assertThat(offered.get()).isTrue();
        assertThat(q).containsExactly(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void takeBlocksUntilAnOfferAndTimedPollUntilAPut(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = flavor.unbounded();
        AtomicReference<Integer> took = new AtomicReference<>();
        TestThreads.Checked taker = TestThreads.start("taker", () -> took.set(q.take())).awaitBlocked();
        assertThat(q.offer(1)).isTrue();
        taker.joinSuccessfully();
        assertThat(took.get()).isEqualTo(1);

        TestThreads.Checked poller = TestThreads.start("poller", () -> took.set(q.poll(20, TimeUnit.SECONDS)))
                .awaitBlocked();
        q.put(2);
        poller.joinSuccessfully();
        assertThat(took.get()).isEqualTo(2);
    }

    // ------------------------------------------------------------ interrupts

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void interruptOnEntryThrowsEvenWhenTheCallCouldProceed(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.bounded(5);
        q.add(1);
        List<TestThreads.Body> calls = List.of(
                () -> q.put(2),
                () -> q.offer(2, 1, TimeUnit.SECONDS),
                q::take,
                () -> q.poll(1, TimeUnit.SECONDS));
        for (TestThreads.Body call : calls) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(call::run).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
        assertThat(q).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void interruptWhileWaitingThrowsAndLeavesTheQueueUnchanged(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> fullQueue = full(flavor, 1);
        BlockingQueue<Integer> emptyQueue = flavor.unbounded();
        List<TestThreads.Body> calls = List.of(
                () -> fullQueue.put(7),
                () -> fullQueue.offer(7, 20, TimeUnit.SECONDS),
                emptyQueue::take,
                () -> emptyQueue.poll(20, TimeUnit.SECONDS));
        for (TestThreads.Body call : calls) {
            TestThreads.Checked t = TestThreads.start("waiter", call).awaitBlocked();
            t.thread().interrupt();
            assertThat(t.join()).isInstanceOf(InterruptedException.class);
        }
        assertThat(fullQueue).containsExactly(0);
        assertThat(emptyQueue).isEmpty();
        // A waiter that gave up does not swallow a later item or slot.
        assertThat(emptyQueue.offer(3)).isTrue();
        assertThat(emptyQueue.poll()).isEqualTo(3);
        assertThat(fullQueue.poll()).isEqualTo(0);
        assertThat(fullQueue.offer(4)).isTrue();
    }

    // ------------------------------------------------------------ nulls

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void nullsAreRejectedByEveryInsertionMethodAndNothingIsInserted(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.bounded(3);
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.addAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.addAll(Collections.singletonList(null))).isInstanceOf(NullPointerException.class);
        assertThat(q).isEmpty();
        // Even on a full queue, where the call could not succeed anyway, null is refused as such.
        BlockingQueue<Integer> f = full(flavor, 1);
        assertThatThrownBy(() -> f.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> f.offer(null, 0, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void containsAndRemoveOfNullReturnFalse(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        q.add(1);
        assertThat(q.contains(null)).isFalse();
        assertThat(q.remove(null)).isFalse();
        assertThat(q).containsExactly(1);
    }

    // ------------------------------------------------------------ drainTo

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToMovesEveryItemInGetOrder(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        List<Integer> puts = List.of(3, 1, 4, 1, 5, 9, 2, 6);
        q.addAll(puts);
        List<Integer> out = new ArrayList<>(List.of(-1));
        assertThat(q.drainTo(out)).isEqualTo(puts.size());
        assertThat(q).isEmpty();
        List<Integer> expected = new ArrayList<>(List.of(-1));
        expected.addAll(flavor.expectedGetOrder(puts));
        assertThat(out).containsExactlyElementsOf(expected);
        assertThat(q.drainTo(out)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToWithMaxElementsMovesAtMostThatManyAndLeavesTheRest(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        List<Integer> puts = List.of(3, 1, 4, 1, 5);
        q.addAll(puts);
        List<Integer> order = flavor.expectedGetOrder(puts);
        List<Integer> out = new ArrayList<>();
        assertThat(q.drainTo(out, 2)).isEqualTo(2);
        assertThat(out).containsExactlyElementsOf(order.subList(0, 2));
        assertThat(q.drainTo(out, 0)).isZero();
        assertThat(q.drainTo(out, -3)).isZero();
        assertThat(q).hasSize(3);
        assertThat(q.drainTo(out, 10)).isEqualTo(3);
        assertThat(out).containsExactlyElementsOf(order);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToRejectsItselfAndNull(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        q.add(1);
        assertThatThrownBy(() -> q.drainTo(q)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.drainTo(q, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.drainTo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.drainTo(null, 1)).isInstanceOf(NullPointerException.class);
        assertThat(q).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToIntoACollectionThatRefusesKeepsWhatItCouldNotMoveInTheQueue(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        List<Integer> puts = List.of(5, 2, 8, 1);
        q.addAll(puts);
        List<Integer> order = flavor.expectedGetOrder(puts);
        List<Integer> accepted = new ArrayList<>();
        Collection<Integer> picky = new java.util.AbstractCollection<>() {
            @Override
            public boolean add(Integer e) {
                if (accepted.size() == 2) {
                    throw new IllegalStateException("full");
                }
                return accepted.add(e);
            }

            @Override
            public java.util.Iterator<Integer> iterator() {
                return accepted.iterator();
            }

            @Override
            public int size() {
                return accepted.size();
            }
        };
        assertThatThrownBy(() -> q.drainTo(picky)).isInstanceOf(IllegalStateException.class);
        assertThat(accepted).containsExactlyElementsOf(order.subList(0, 2));
        assertThat(q).containsExactlyInAnyOrderElementsOf(order.subList(2, 4));
        assertThat(((WorkQueue<Integer>) q).unfinishedTasks()).isEqualTo(4);
        List<Integer> rest = new ArrayList<>();
        q.drainTo(rest);
        assertThat(rest).containsExactlyElementsOf(order.subList(2, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void drainToReleasesBlockedPutters(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> q = full(flavor, 2);
        TestThreads.Checked p1 = TestThreads.start("putter-1", () -> q.put(10)).awaitBlocked();
        TestThreads.Checked p2 = TestThreads.start("putter-2", () -> q.put(11)).awaitBlocked();
        List<Integer> out = new ArrayList<>();
        assertThat(q.drainTo(out)).isEqualTo(2);
        p1.joinSuccessfully();
        p2.joinSuccessfully();
        assertThat(q).containsExactlyInAnyOrder(10, 11);
    }

    // ------------------------------------------------------------ capacity and empty queue

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void remainingCapacityIsRoomLeftOrMaxValueWhenUnbounded(QueueFlavor flavor) throws InterruptedException {
        BlockingQueue<Integer> bounded = flavor.bounded(4);
        for (int i = 0; i < 4; i++) {
            assertThat(bounded.remainingCapacity()).isEqualTo(4 - i);
            bounded.put(i);
        }
        assertThat(bounded.remainingCapacity()).isZero();
        bounded.take();
        assertThat(bounded.remainingCapacity()).isEqualTo(1);

        if (flavor != QueueFlavor.FIFO_RING) {
            BlockingQueue<Integer> unbounded = flavor.unbounded();
            unbounded.put(1);
            assertThat(unbounded.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void addOnAFullQueueThrowsIllegalStateAndOfferReturnsFalse(QueueFlavor flavor) {
        BlockingQueue<Integer> q = full(flavor, 2);
        assertThatThrownBy(() -> q.add(9)).isInstanceOf(IllegalStateException.class);
        assertThat(q.offer(9)).isFalse();
        assertThatThrownBy(() -> q.addAll(List.of(7, 8))).isInstanceOf(IllegalStateException.class);
        assertThat(q).hasSize(2).doesNotContain(7, 8, 9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void removeAndElementOnAnEmptyQueueThrowNoSuchElement(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(q::element).isInstanceOf(NoSuchElementException.class);
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void addAllOfItselfIsRejected(QueueFlavor flavor) {
        BlockingQueue<Integer> q = flavor.unbounded();
        q.add(1);
        assertThatThrownBy(() -> q.addAll(q)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q).containsExactly(1);
    }
}
