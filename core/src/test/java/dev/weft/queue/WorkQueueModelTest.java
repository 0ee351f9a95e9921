package dev.weft.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WorkQueue} against a plain model (a list in get order, the maxsize, counts of items got
 * and marked done, a shutdown flag) under long random sequences of every single-threaded
 * operation, for every order and several maxsizes. Small maxsizes make the lock-free ring wrap
 * around many times and make its compaction (remove, removeIf, drainTo, clear, iterator remove)
 * move items across the wrap; duplicates make {@code remove(Object)} choose among equal items.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueModelTest {

    private static final int STEPS = 4_000;

    static Stream<Arguments> cases() {
        return QueueFlavor.all().flatMap(f -> Stream.of(0, 1, 2, 5).map(maxsize -> Arguments.of(f, maxsize)));
    }

    /** The model: items in get order, and the accounting. */
    private static final class Model {
        final QueueFlavor flavor;
        final int capacity;
        final List<Integer> items = new ArrayList<>();
        long fetched;
        long done;
        boolean shutdown;

        Model(QueueFlavor flavor, int capacity) {
            this.flavor = flavor;
            this.capacity = capacity;
        }

        void insert(int x) {
            if (flavor == QueueFlavor.LIFO) {
                items.addFirst(x);
            } else if (flavor == QueueFlavor.FIFO || flavor == QueueFlavor.FIFO_RING) {
                items.addLast(x);
            } else {
                Comparator<Integer> c = flavor == QueueFlavor.PRIORITY
                        ? Comparator.naturalOrder() : Comparator.reverseOrder();
                int i = items.size();
                while (i > 0 && c.compare(items.get(i - 1), x) > 0) {
                    i--; // after every equal item: the stable order
                }
                items.add(i, x);
            }
        }

        boolean full() {
            return items.size() >= capacity;
        }

        Integer take() {
            fetched++;
            return items.removeFirst();
        }
    }

    @ParameterizedTest(name = "{0}, maxsize {1}")
    @MethodSource("cases")
    void behavesLikeTheModel(QueueFlavor flavor, int maxsize) throws InterruptedException {
        Random rnd = new Random(31L * maxsize + flavor.name().hashCode());
        int capacity = maxsize > 0 ? maxsize
                : flavor == QueueFlavor.FIFO_RING ? QueueFlavor.RING_STANDING_IN_FOR_UNBOUNDED : Integer.MAX_VALUE;
        int step = 0;
        while (step < STEPS) {
            // A fresh queue each time the last one was shut down and finished.
            step = run(flavor.bounded(maxsize), new Model(flavor, capacity), maxsize, rnd, step);
        }
    }

    /** Runs steps from {@code step} on until STEPS or until {@code q} is finished; returns the next step. */
    private static int run(WorkQueue<Integer> q, Model m, int maxsize, Random rnd, int step) throws InterruptedException {
        QueueFlavor flavor = m.flavor;
        for (; step < STEPS; step++) {
            int x = rnd.nextInt(8);
            int op = rnd.nextInt(100);
            String what = "step " + step + " op " + op + " on " + q;
            if (op < 25) {
                if (m.shutdown) {
                    assertThatThrownBy(() -> q.offer(x)).as(what).isInstanceOf(QueueShutDownException.class);
                } else if (m.full()) {
                    assertThat(q.offer(x)).as(what).isFalse();
                } else {
                    assertThat(q.offer(x)).as(what).isTrue();
                    m.insert(x);
                }
            } else if (op < 35) {
                if (m.shutdown) {
                    assertThatThrownBy(() -> q.putNowait(x)).as(what).isInstanceOf(QueueShutDownException.class);
                } else if (m.full()) {
                    assertThatThrownBy(() -> q.putNowait(x)).as(what).isInstanceOf(QueueFullException.class);
                } else {
                    q.putNowait(x);
                    m.insert(x);
                }
            } else if (op < 50) {
                if (m.items.isEmpty()) {
                    assertThat(q.poll()).as(what).isNull();
                } else {
                    assertThat(q.poll()).as(what).isEqualTo(m.take());
                }
            } else if (op < 58) {
                if (!m.items.isEmpty()) {
                    assertThat(q.getNowait()).as(what).isEqualTo(m.take());
                } else if (m.shutdown) {
                    assertThatThrownBy(q::getNowait).as(what).isInstanceOf(QueueShutDownException.class);
                } else {
                    assertThatThrownBy(q::getNowait).as(what).isInstanceOf(QueueEmptyException.class);
                }
            } else if (op < 62) {
                assertThat(q.peek()).as(what).isEqualTo(m.items.isEmpty() ? null : m.items.getFirst());
            } else if (op < 67) {
                assertThat(q.remove((Object) x)).as(what).isEqualTo(m.items.remove((Object) x));
            } else if (op < 70) {
                int mod = 2 + rnd.nextInt(3);
                boolean expected = m.items.removeIf(e -> e % mod == 0);
                assertThat(q.removeIf(e -> e % mod == 0)).as(what).isEqualTo(expected);
            } else if (op < 74) {
                int max = rnd.nextInt(4);
                List<Integer> out = new ArrayList<>();
                int n = q.drainTo(out, max);
                List<Integer> expected = new ArrayList<>();
                while (expected.size() < max && !m.items.isEmpty()) {
                    expected.add(m.take());
                }
                assertThat(n).as(what).isEqualTo(expected.size());
                assertThat(out).as(what).containsExactlyElementsOf(expected);
            } else if (op < 76) {
                // Drop one item through an iterator.
                if (!m.items.isEmpty()) {
                    int target = m.items.get(rnd.nextInt(m.items.size()));
                    for (Iterator<Integer> it = q.iterator(); it.hasNext(); ) {
                        if (it.next() == target) {
                            it.remove();
                            break;
                        }
                    }
                    m.items.remove((Object) target);
                }
            } else if (op < 77) {
                q.clear();
                m.items.clear();
            } else if (op < 88) {
                if (m.done == m.fetched) {
                    assertThatThrownBy(q::taskDone).as(what).isInstanceOf(IllegalStateException.class);
                } else {
                    q.taskDone();
                    m.done++;
                }
            } else if (op < 89) {
                boolean immediate = rnd.nextBoolean();
                q.shutdown(immediate);
                m.shutdown = true;
                if (immediate) {
                    m.items.clear();
                }
            }
            // After every step, every query agrees with the model.
            assertThat(q.qsize()).as(what).isEqualTo(m.items.size());
            assertThat(q.empty()).as(what).isEqualTo(m.items.isEmpty());
            assertThat(q.full()).as(what).isEqualTo(m.full());
            if (maxsize > 0) {
                assertThat(q.remainingCapacity()).as(what).isEqualTo(maxsize - m.items.size());
            }
            assertThat(q.unfinishedTasks()).as(what).isEqualTo(m.items.size() + m.fetched - m.done);
            assertThat(q.join(Duration.ZERO)).as(what).isEqualTo(m.items.isEmpty() && m.done == m.fetched);
            assertThat(q.isShutdown()).as(what).isEqualTo(m.shutdown);
            if (flavor.iteratesInGetOrder()) {
                assertThat(q.toArray()).as(what).containsExactlyElementsOf(m.items);
            } else {
                assertThat(q.toArray()).as(what).containsExactlyInAnyOrderElementsOf(m.items);
            }
            assertThat(q.contains(x)).as(what).isEqualTo(m.items.contains(x));
            if (m.shutdown && m.items.isEmpty() && m.done == m.fetched) {
                return step + 1; // this queue is finished
            }
        }
        // Empty it: what is left comes out in the model's order.
        while (!m.items.isEmpty()) {
            assertThat(q.getNowait()).isEqualTo(m.take());
        }
        return step;
    }
}
