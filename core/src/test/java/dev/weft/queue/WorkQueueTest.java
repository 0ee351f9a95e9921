package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-threaded behaviour of {@link WorkQueue}, for every order: the order items come out in
 * (including the stability of the priority order), maxsize and the size queries, the
 * non-blocking puts and gets and their exceptions, null and non-Comparable items, iterators and
 * {@code toString}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueTest {

    private static final List<Integer> PUTS = List.of(5, 3, 9, 1, 7, 3, 8, 0, 6);

    private static List<Integer> getAll(WorkQueue<Integer> q) {
        List<Integer> got = new ArrayList<>();
        while (!q.empty()) {
            got.add(q.getNowait());
        }
        return got;
    }

    // ------------------------------------------------------------ factories and maxsize

    @Test
    void factoriesReportTheirOrderAndMaxsize() {
        assertThat(WorkQueue.fifo().order()).isEqualTo(WorkQueue.Order.FIFO);
        assertThat(WorkQueue.fifo().maxsize()).isZero();
        assertThat(WorkQueue.fifo(4).maxsize()).isEqualTo(4);
        assertThat(WorkQueue.lifo().order()).isEqualTo(WorkQueue.Order.LIFO);
        assertThat(WorkQueue.lifo(3).maxsize()).isEqualTo(3);
        assertThat(WorkQueue.<Integer>priority().order()).isEqualTo(WorkQueue.Order.PRIORITY);
        assertThat(WorkQueue.<Integer>priority(2).maxsize()).isEqualTo(2);
        WorkQueue<String> byLength = WorkQueue.priority(Comparator.comparingInt(String::length), 7);
        assertThat(byLength.order()).isEqualTo(WorkQueue.Order.PRIORITY);
        assertThat(byLength.maxsize()).isEqualTo(7);
    }

    @Test
    void negativeMaxsizeIsRejectedByEveryFactory() {
        List<IntFunction<WorkQueue<Integer>>> factories = List.of(
                WorkQueue::fifo, WorkQueue::lifo, WorkQueue::priority,
                n -> WorkQueue.priority(Comparator.<Integer>naturalOrder(), n));
        for (IntFunction<WorkQueue<Integer>> f : factories) {
            assertThatThrownBy(() -> f.apply(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
        }
    }

    @Test
    void priorityWithNullComparatorIsRejected() {
        assertThatThrownBy(() -> WorkQueue.<Integer>priority(null, 0)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#unboundedFlavors")
    void maxsizeZeroMeansUnbounded(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(0);
        for (int i = 0; i < 10_000; i++) {
            q.putNowait(i);
        }
        assertThat(q.qsize()).isEqualTo(10_000);
        assertThat(q.full()).isFalse();
        assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(q.offer(-1)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void sizeQueriesTrackTheContentsOfABoundedQueue(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(3);
        assertThat(q.qsize()).isZero();
        assertThat(q.size()).isZero();
        assertThat(q.empty()).isTrue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.full()).isFalse();
        assertThat(q.remainingCapacity()).isEqualTo(3);

        q.putNowait(1);
        q.putNowait(2);
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.empty()).isFalse();
        assertThat(q.full()).isFalse();
        assertThat(q.remainingCapacity()).isEqualTo(1);

        q.putNowait(3);
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(q.full()).isTrue();
        assertThat(q.remainingCapacity()).isZero();

        q.getNowait();
        assertThat(q.full()).isFalse();
        assertThat(q.remainingCapacity()).isEqualTo(1);
    }

    // ------------------------------------------------------------ order

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void getsHandOutItemsInTheFlavorsOrder(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.unbounded();
        for (int x : PUTS) {
            q.put(x);
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < PUTS.size(); i++) {
            got.add(q.get());
        }
        assertThat(got).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void boundedQueueHandsOutItemsInTheSameOrder(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(PUTS.size());
        PUTS.forEach(q::putNowait);
        assertThat(q.full()).isTrue();
        assertThat(getAll(q)).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
    }

    @Test
    void fifoKeepsOrderWhenPutsAndGetsInterleave() {
        // Interleaving moves the ring's head around its array and across a growth.
        WorkQueue<Integer> q = WorkQueue.fifo();
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 7; i++) {
                q.putNowait(next++);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(q.getNowait()).isEqualTo(expected++);
            }
        }
        while (!q.empty()) {
            assertThat(q.getNowait()).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
    }

    @Test
    void lifoHandsOutTheMostRecentItemFirstWhenPutsAndGetsInterleave() {
        WorkQueue<Integer> q = WorkQueue.lifo();
        q.putNowait(1);
        q.putNowait(2);
        assertThat(q.getNowait()).isEqualTo(2);
        q.putNowait(3);
        q.putNowait(4);
        assertThat(q.getNowait()).isEqualTo(4);
        assertThat(q.getNowait()).isEqualTo(3);
        assertThat(q.getNowait()).isEqualTo(1);
    }

    /** An item whose natural order looks at its priority only. */
    record Job(int priority, String name) implements Comparable<Job> {
        @Override
        public int compareTo(Job o) {
            return Integer.compare(priority, o.priority);
        }
    }

    @Test
    void priorityHandsOutEqualItemsInPutOrder() {
        WorkQueue<Job> q = WorkQueue.priority();
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
        for (int i = 0; i < names.length; i++) {
            q.putNowait(new Job(i % 3, names[i]));
        }
        List<String> got = new ArrayList<>();
        while (!q.empty()) {
            got.add(q.getNowait().name());
        }
        assertThat(got).containsExactly("a", "d", "g", "j", "b", "e", "h", "k", "c", "f", "i", "l");
    }

    @Test
    void priorityWithComparatorHandsOutEqualItemsInPutOrder() {
        WorkQueue<String> q = WorkQueue.priority(Comparator.comparingInt(String::length), 0);
        for (String s : List.of("ccc", "a", "bb", "b", "aaa", "c", "aa")) {
            q.putNowait(s);
        }
        List<String> got = new ArrayList<>();
        while (!q.empty()) {
            got.add(q.getNowait());
        }
        assertThat(got).containsExactly("a", "b", "c", "bb", "aa", "ccc", "aaa");
    }

    @Test
    void priorityStaysStableAfterItemsAreDroppedAndMoreArePut() {
        WorkQueue<Job> q = WorkQueue.priority();
        List<Job> model = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 6; i++) {
                Job j = new Job((n * 7) % 4, "j" + n++);
                q.putNowait(j);
                model.add(j);
            }
            // Drop one from the middle of the heap, and one by predicate.
            Job victim = model.get(model.size() / 2);
            assertThat(q.remove(victim)).isTrue();
            model.remove(victim);
            String unlucky = model.getFirst().name();
            assertThat(q.removeIf(j -> j.name().equals(unlucky))).isTrue();
            model.removeIf(j -> j.name().equals(unlucky));
            // Take two: the least, earliest put.
            for (int i = 0; i < 2; i++) {
                Job expected = model.stream().min(Comparator.naturalOrder()).orElseThrow(); // min is the first least
                assertThat(q.getNowait()).isEqualTo(expected);
                model.remove(expected);
            }
        }
        List<Job> rest = new ArrayList<>(model);
        rest.sort(Comparator.naturalOrder());
        List<Job> got = new ArrayList<>();
        while (!q.empty()) {
            got.add(q.getNowait());
        }
        assertThat(got).containsExactlyElementsOf(rest);
    }

    // ------------------------------------------------------------ non-blocking put and get

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void putNowaitOnAFullQueueThrowsQueueFullAndPutsNothing(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(2);
        q.putNowait(1);
        q.putNowait(2);
        assertThatThrownBy(() -> q.putNowait(3))
                .isInstanceOf(QueueFullException.class)
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> q.add(3)).isInstanceOf(QueueFullException.class);
        assertThat(q.offer(3)).isFalse();
        assertThat(q).doesNotContain(3);
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.unfinishedTasks()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void getNowaitOnAnEmptyQueueThrowsQueueEmpty(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        assertThatThrownBy(q::getNowait)
                .isInstanceOf(QueueEmptyException.class)
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(q::remove).isInstanceOf(QueueEmptyException.class);
        assertThatThrownBy(q::element).isInstanceOf(QueueEmptyException.class);
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        q.putNowait(4);
        assertThat(q.getNowait()).isEqualTo(4);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void timedCallsWithZeroTimeoutDoNotWait(QueueFlavor flavor) throws InterruptedException {
        WorkQueue<Integer> q = flavor.bounded(1);
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueEmptyException.class);
        q.put(1, Duration.ZERO);
        assertThatThrownBy(() -> q.put(2, Duration.ZERO)).isInstanceOf(QueueFullException.class);
        assertThat(q.get(Duration.ZERO)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void peekAndElementShowTheNextItemWithoutTakingIt(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        Integer first = flavor.expectedGetOrder(PUTS).getFirst();
        assertThat(q.peek()).isEqualTo(first);
        assertThat(q.element()).isEqualTo(first);
        assertThat(q.qsize()).isEqualTo(PUTS.size());
        assertThat(q.getNowait()).isEqualTo(first);
    }

    // ------------------------------------------------------------ bad input

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void nullItemsAreRejectedByEveryInsertionMethod(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(5);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.addAll(java.util.Collections.singletonList(null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void negativeDurationsAreRejected(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.bounded(5);
        Duration negative = Duration.ofMillis(-1);
        assertThatThrownBy(() -> q.put(1, negative)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.qsize()).isZero();
        q.putNowait(2);
        assertThatThrownBy(() -> q.get(negative)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThatThrownBy(() -> q.join(negative)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.put(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.get(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonComparableItemInANaturalOrderPriorityQueueIsRefusedWithClassCastExceptionAtPut() {
        WorkQueue<Object> q = (WorkQueue<Object>) (WorkQueue<?>) WorkQueue.<Integer>priority(10);
        Object plain = new Object();
        assertThatThrownBy(() -> q.put(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.put(plain, Duration.ofSeconds(1))).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.putNowait(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.add(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.offer(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.offer(plain, 1, TimeUnit.SECONDS)).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
        q.putNowait(3);
        assertThatThrownBy(() -> q.putNowait(plain)).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getNowait()).isEqualTo(3);
        assertThat(q.empty()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonComparableItemIsRefusedAtOnceEvenWhenThePriorityQueueIsFull() {
        // The item's class is what is wrong, not the lack of room: put must not wait for room
        // just to throw ClassCastException then, and putNowait must not report a full queue.
        WorkQueue<Object> q = (WorkQueue<Object>) (WorkQueue<?>) WorkQueue.<Integer>priority(1);
        q.putNowait(1);
        Object plain = new Object();
        assertThatThrownBy(() -> q.putNowait(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.offer(plain)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> q.put(plain, Duration.ofMillis(1))).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void itemThatCannotBeComparedWithTheItemsAlreadyThereLeavesTheQueueUnchanged() {
        // A String is Comparable, but not with an Integer: the comparison fails inside the heap.
        WorkQueue<Object> q = (WorkQueue<Object>) (WorkQueue<?>) WorkQueue.<Integer>priority();
        q.putNowait(1);
        assertThatThrownBy(() -> q.putNowait("x")).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.toArray()).containsExactly(1);
        assertThat(q.getNowait()).isEqualTo(1);
        assertThat(q.empty()).isTrue();
        assertThat(q.poll()).isNull();
        q.putNowait(2);
        q.putNowait(0);
        assertThat(q.getNowait()).isEqualTo(0);
        assertThat(q.getNowait()).isEqualTo(2);
    }

    @Test
    void itemTheComparatorRejectsLeavesTheQueueUnchanged() {
        Comparator<String> picky = (a, b) -> {
            if (a.equals("poison") || b.equals("poison")) {
                throw new IllegalArgumentException("cannot rank poison");
            }
            return a.compareTo(b);
        };
        WorkQueue<String> q = WorkQueue.priority(picky, 0);
        q.putNowait("b");
        q.putNowait("c");
        q.putNowait("a");
        assertThatThrownBy(() -> q.putNowait("poison")).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(q.unfinishedTasks()).isEqualTo(3);
        assertThat(q).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(getAllStrings(q)).containsExactly("a", "b", "c");
    }

    private static List<String> getAllStrings(WorkQueue<String> q) {
        List<String> got = new ArrayList<>();
        String s;
        while ((s = q.poll()) != null) {
            got.add(s);
        }
        return got;
    }

    // ------------------------------------------------------------ collection views

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void iteratorIsASnapshotInGetOrder(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        Iterator<Integer> it = q.iterator();
        // Changing the queue does not disturb the iterator.
        q.getNowait();
        q.putNowait(100);
        q.clear();
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(seen::add);
        if (flavor.iteratesInGetOrder()) {
            assertThat(seen).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
        } else {
            // Heap order: the same items, the next to be got first.
            assertThat(seen).containsExactlyInAnyOrderElementsOf(PUTS);
            assertThat(seen.getFirst()).isEqualTo(flavor.expectedGetOrder(PUTS).getFirst());
        }
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void iteratingWhileTheQueueChangesNeverThrowsConcurrentModification(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        int n = 0;
        for (Integer x : q) {
            q.putNowait(x + 100); // would make a fail-fast iterator throw
            n++;
        }
        assertThat(n).isEqualTo(PUTS.size());
        assertThat(q.qsize()).isEqualTo(2 * PUTS.size());
        try {
            for (Iterator<Integer> it = q.iterator(); it.hasNext(); ) {
                it.next();
                q.poll();
            }
        } catch (ConcurrentModificationException e) {
            throw new AssertionError("snapshot iterator threw", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void iteratorRemoveDropsThatItemFromTheQueue(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        List<Integer> expected = new ArrayList<>(flavor.expectedGetOrder(PUTS));
        for (Iterator<Integer> it = q.iterator(); it.hasNext(); ) {
            if (it.next() % 3 == 0) {
                it.remove();
            }
        }
        expected.removeIf(x -> x % 3 == 0);
        assertThat(getAll(q)).containsExactlyElementsOf(expected);
    }

    @Test
    void iteratorRemoveDropsThatInstanceOnlyAndNothingOnceItIsGone() {
        WorkQueue<String> q = WorkQueue.fifo();
        String first = new String("same");
        String second = new String("same");
        q.putNowait(first);
        q.putNowait(second);
        Iterator<String> it = q.iterator();
        it.next();
        it.next();
        it.remove(); // drops the second instance, not the equal first one
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.peek()).isSameAs(first);

        Iterator<String> again = q.iterator();
        assertThat(again.next()).isSameAs(first);
        assertThat(q.getNowait()).isSameAs(first); // got meanwhile
        q.putNowait(new String("same"));
        again.remove(); // the item is no longer there: nothing else is dropped
        assertThat(q.qsize()).isEqualTo(1);
    }

    @Test
    void iteratorRemoveWithoutNextOrTwiceThrowsIllegalState() {
        WorkQueue<Integer> q = WorkQueue.fifo();
        q.putNowait(1);
        q.putNowait(2);
        Iterator<Integer> it = q.iterator();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
        it.next();
        it.remove();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
        assertThat(q).containsExactly(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void toArrayListsTheItemsAndContainsFindsThem(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        assertThat(q.toArray()).containsExactlyInAnyOrderElementsOf(PUTS);
        assertThat(q.toArray(new Integer[0])).containsExactlyInAnyOrderElementsOf(PUTS);
        if (flavor.iteratesInGetOrder()) {
            assertThat(q.toArray()).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
        }
        assertThat(q.contains(9)).isTrue();
        assertThat(q.contains(42)).isFalse();
        assertThat(q.contains("9")).isFalse();
        assertThat(q.containsAll(List.of(0, 1, 3))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void removeObjectDropsOneEqualItem(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait); // 3 is there twice
        assertThat(q.remove((Object) 3)).isTrue();
        assertThat(q.qsize()).isEqualTo(PUTS.size() - 1);
        assertThat(q.contains(3)).isTrue();
        assertThat(q.remove((Object) 3)).isTrue();
        assertThat(q.remove((Object) 3)).isFalse();
        assertThat(q.remove((Object) 42)).isFalse();
        List<Integer> expected = new ArrayList<>(flavor.expectedGetOrder(PUTS));
        expected.removeIf(x -> x == 3);
        assertThat(getAll(q)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void removeIfWhosePredicateThrowsLeavesTheQueueUnchanged(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        List<Integer> before = List.of(q.toArray(new Integer[0]));
        int[] calls = {0};
        assertThatThrownBy(() -> q.removeIf(x -> {
            if (++calls[0] == 4) {
                throw new IllegalStateException("predicate failed");
            }
            return calls[0] % 2 == 1; // would drop the first and third item looked at
        })).isInstanceOf(IllegalStateException.class).hasMessage("predicate failed");
        // Nothing lost, nothing duplicated: a duplicate would be handed out twice.
        assertThat(q.qsize()).isEqualTo(PUTS.size());
        assertThat(List.of(q.toArray(new Integer[0]))).containsExactlyElementsOf(before);
        assertThat(getAll(q)).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void retainAllWithACollectionWhoseContainsThrowsLeavesTheQueueUnchanged(QueueFlavor flavor) {
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        // A collection that cannot answer for some items, as a TreeSet with a partial comparator.
        java.util.Set<Integer> keep = new java.util.TreeSet<>((a, b) -> {
            if (a == 8 || b == 8) {
                throw new ClassCastException("cannot compare 8");
            }
            return Integer.compare(a, b);
        });
        keep.addAll(List.of(1, 3));
        assertThatThrownBy(() -> q.retainAll(keep)).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(PUTS.size());
        assertThat(getAll(q)).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.weft.queue.QueueFlavor#all")
    void takingFromTheQueueInsideItsOwnRemoveIfOrDrainToIsRefusedAndLeavesItWhole(QueueFlavor flavor) {
        // User code that runs while the queue is in the middle of a bulk operation must not be
        // able to take items from under it: that would hand an item out twice, or lose one.
        WorkQueue<Integer> q = flavor.unbounded();
        PUTS.forEach(q::putNowait);
        List<Integer> before = List.of(q.toArray(new Integer[0]));
        assertThatThrownBy(() -> q.removeIf(x -> q.poll() == null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(List.of(q.toArray(new Integer[0]))).containsExactlyElementsOf(before);

        java.util.Collection<Integer> greedy = new ArrayList<>() {
            @Override
            public boolean add(Integer e) {
                q.poll();
                return super.add(e);
            }
        };
        assertThatThrownBy(() -> q.drainTo(greedy, 3)).isInstanceOf(IllegalStateException.class);
        assertThat(greedy).isEmpty();
        assertThat(List.of(q.toArray(new Integer[0]))).containsExactlyElementsOf(before);
        assertThat(q.unfinishedTasks()).isEqualTo(PUTS.size());
        assertThat(getAll(q)).containsExactlyElementsOf(flavor.expectedGetOrder(PUTS));
    }

    @Test
    void toStringShowsOrderMaxsizeStateAndItems() {
        WorkQueue<Integer> q = WorkQueue.fifo(5);
        q.putNowait(1);
        q.putNowait(2);
        assertThat(q.toString()).contains("FIFO").contains("5").contains("[1, 2]").doesNotContain("shut");
        q.shutdown();
        assertThat(q.toString()).contains("shut down").contains("[1, 2]");
        WorkQueue<Integer> lifo = WorkQueue.lifo();
        lifo.putNowait(1);
        lifo.putNowait(2);
        assertThat(lifo.toString()).contains("LIFO").contains("[2, 1]").doesNotContain("maxsize");
        assertThat(WorkQueue.<Integer>priority().toString()).contains("PRIORITY").contains("[]");
    }
}
