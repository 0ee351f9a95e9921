package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage behind {@link WorkQueue} ({@link RingStore} for FIFO and LIFO, {@link HeapStore}
 * for priority) against a plain list model, under long random runs of every store operation: the
 * ring's head wraps around and the arrays grow, removals close gaps anywhere, and the heap stays
 * a stable heap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoreModelTest {

    private static final int STEPS = 20_000;

    /** An item with a priority and a unique id; the store compares priorities only. */
    record Item(int priority, int id) {}

    private static final Comparator<Item> BY_PRIORITY = Comparator.comparingInt(Item::priority);

    /**
     * Runs random operations on {@code store} and on {@code model} (a list in removal order, kept
     * by {@code insert}), comparing them after each.
     */
    private static void run(long seed, Store<Item> store, boolean ordered, ModelInsert insert) {
        run(seed, new Direct(store), ordered, insert);
    }

    private static void run(long seed, Ops store, boolean ordered, ModelInsert insert) {
        Random rnd = new Random(seed);
        List<Item> model = new ArrayList<>();
        int nextId = 0;
        for (int step = 0; step < STEPS; step++) {
            int op = rnd.nextInt(100);
            // Drift the size up and down so the ring wraps and grows, and shrinks to empty.
            boolean growing = (step / 2_000) % 2 == 0;
            if (op < (growing ? 50 : 30)) {
                Item e = new Item(rnd.nextInt(5), nextId++);
                store.add(e);
                insert.insert(model, e);
            } else if (op < 80) {
                if (!model.isEmpty()) {
                    assertThat(store.peek()).isEqualTo(model.getFirst());
                    assertThat(store.remove()).isEqualTo(model.removeFirst());
                } else {
                    assertThat(store.peek()).isNull();
                }
            } else if (op < 90) {
                int target = rnd.nextInt(nextId + 1);
                boolean removed = store.removeFirst(o -> ((Item) o).id() == target);
                assertThat(removed).isEqualTo(model.removeIf(x -> x.id() == target));
            } else if (op < 97) {
                int mod = 2 + rnd.nextInt(5);
                int rest = rnd.nextInt(mod);
                int removed = store.removeIf(x -> x.id() % mod == rest);
                int before = model.size();
                model.removeIf(x -> x.id() % mod == rest);
                assertThat(removed).isEqualTo(before - model.size());
            } else if (op < 98) {
                store.clear();
                model.clear();
            }
            assertThat(store.size()).isEqualTo(model.size());
            if (ordered || step % 97 == 0) {
                Object[] items = store.toArray();
                if (ordered) {
                    assertThat(items).containsExactlyElementsOf(model);
                } else {
                    assertThat(items).containsExactlyInAnyOrderElementsOf(model);
                }
            }
        }
        // Empty it: everything comes out in the model's order.
        while (!model.isEmpty()) {
            assertThat(store.remove()).isEqualTo(model.removeFirst());
        }
        assertThat(store.size()).isZero();
        assertThat(store.peek()).isNull();
    }

    @FunctionalInterface
    private interface ModelInsert {
        void insert(List<Item> model, Item e);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void fifoRingMatchesTheModel(long seed) {
        run(seed, new RingStore<>(false, Integer.MAX_VALUE), true, List::addLast);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void lifoRingMatchesTheModel(long seed) {
        run(seed, new RingStore<>(true, Integer.MAX_VALUE), true, List::addFirst);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void ringSizedForASmallQueueMatchesTheModel(long seed) {
        run(seed, new RingStore<>(false, 4), true, List::addLast);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void heapWithComparatorIsAStableHeap(long seed) {
        run(seed, new HeapStore<>(BY_PRIORITY, Integer.MAX_VALUE), false, StoreModelTest::insertStable);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void heapInNaturalOrderIsAStableHeap(long seed) {
        // Natural order through a Comparable wrapper comparing priorities only.
        run(seed, new NaturalOrderAdapter(), false, StoreModelTest::insertStable);
    }

    /** Inserts after every item of the same or higher priority: the stable order. */
    private static void insertStable(List<Item> model, Item e) {
        int i = model.size();
        while (i > 0 && model.get(i - 1).priority() > e.priority()) {
            i--;
        }
        model.add(i, e);
    }

    /** The operations of a {@link Store} of items (Store is sealed: this adapts to it). */
    private interface Ops {
        int size();

        void add(Item e);

        Item remove();

        Item peek();

        Object[] toArray();

        boolean removeFirst(java.util.function.Predicate<Object> match);

        int removeIf(java.util.function.Predicate<? super Item> filter);

        void clear();
    }

    /** A store of items used as it is. */
    private record Direct(Store<Item> store) implements Ops {
        @Override
        public int size() {
            return store.size();
        }

        @Override
        public void add(Item e) {
            store.add(e);
        }

        @Override
        public Item remove() {
            return store.remove();
        }

        @Override
        public Item peek() {
            return store.peek();
        }

        @Override
        public Object[] toArray() {
            return store.toArray();
        }

        @Override
        public boolean removeFirst(java.util.function.Predicate<Object> match) {
            return store.removeFirst(match);
        }

        @Override
        public int removeIf(java.util.function.Predicate<? super Item> filter) {
            return store.removeIf(filter);
        }

        @Override
        public void clear() {
            store.clear();
        }
    }

    /** A HeapStore in natural order, over items wrapped in a Comparable that ranks by priority. */
    private static final class NaturalOrderAdapter implements Ops {
        private final HeapStore<Ranked> heap = new HeapStore<>(null, 8);

        record Ranked(Item item) implements Comparable<Ranked> {
            @Override
            public int compareTo(Ranked o) {
                return Integer.compare(item.priority(), o.item.priority());
            }
        }

        @Override
        public int size() {
            return heap.size();
        }

        @Override
        public void add(Item e) {
            heap.add(new Ranked(e));
        }

        @Override
        public Item remove() {
            return heap.remove().item();
        }

        @Override
        public Item peek() {
            Ranked r = heap.peek();
            return r == null ? null : r.item();
        }

        @Override
        public Object[] toArray() {
            return java.util.Arrays.stream(heap.toArray()).map(r -> ((Ranked) r).item()).toArray();
        }

        @Override
        public boolean removeFirst(java.util.function.Predicate<Object> match) {
            return heap.removeFirst(r -> match.test(((Ranked) r).item()));
        }

        @Override
        public int removeIf(java.util.function.Predicate<? super Item> filter) {
            return heap.removeIf(r -> filter.test(r.item()));
        }

        @Override
        public void clear() {
            heap.clear();
        }
    }
}
