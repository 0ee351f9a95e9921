package dev.weft.queue;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
import com.google.common.collect.testing.testers.QueueElementTester;
import com.google.common.collect.testing.testers.QueuePeekTester;
import com.google.common.collect.testing.testers.QueuePollTester;
import com.google.common.collect.testing.testers.QueueRemoveTester;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.AssertionFailedError;
import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Guava testlib's published queue conformance suite ({@link QueueTestSuiteBuilder}: every
 * {@code Collection} and {@code Queue} tester) against {@link WorkQueue} in each order, bounded
 * and unbounded, and so against both implementations (a bounded FIFO queue of up to
 * {@link WorkQueue#RING_LIMIT} items is the lock-free ring, every other queue the locked one). The testlib suites are JUnit 3 suites; {@link #suites()} turns each of their
 * tests into a Jupiter {@link DynamicTest} of the same name, so they run on the JUnit Platform
 * without the Vintage engine and report failures by name.
 *
 * <p>Features declared, and why: {@code GENERAL_PURPOSE} (add, remove, iterator remove);
 * {@code ALLOWS_NULL_QUERIES} ({@code contains(null)} and {@code remove(null)} answer false; null
 * <em>items</em> are refused, so no {@code ALLOWS_NULL_VALUES}); {@code KNOWN_ORDER} for FIFO
 * (insertion order) and LIFO (reverse insertion order, stated by the generator's {@code order}),
 * not for priority queues, whose iterators list heap order; {@code NON_STANDARD_TOSTRING}, because
 * {@code toString} deliberately shows the order, maxsize and shutdown state around the items
 * ({@code WorkQueue[FIFO, maxsize 5, [a, b]]}) instead of {@code AbstractCollection}'s bare
 * {@code [a, b]}.
 *
 * <p>Suppressed, for LIFO only: the four {@code Queue*Tester} methods for several elements with a
 * known order ({@code testElement_sizeMany}, {@code testPeek_sizeMany}, {@code testPoll_sizeMany},
 * {@code testRemove_sizeMany}). They expect the head of the queue to be the first element
 * <em>inserted</em> ({@code e0()}), not the first in the stated iteration order, so they hold
 * for FIFO queues only. A LIFO queue's head is the last inserted and the first iterated; the
 * iteration-order testers, which do use the generator's {@code order}, run and pass, and
 * {@link WorkQueueTest} checks the LIFO get order directly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkQueueTestlibConformanceTest {

    /** Maxsize of the bounded variants: larger than any testlib sample. */
    private static final int LARGE_MAXSIZE = 1_000;

    /** A per-test bound: the testers never block, so this only guards against a bug that hangs. */
    private static final Duration PER_TEST = Duration.ofSeconds(10);

    @TestFactory
    Stream<DynamicNode> suites() {
        List<junit.framework.Test> suites = new ArrayList<>();
        for (boolean bounded : new boolean[] {false, true}) {
            int maxsize = bounded ? LARGE_MAXSIZE : 0;
            String size = bounded ? "bounded maxsize " + maxsize : "unbounded";
            suites.add(suite("WorkQueue.fifo " + size, () -> WorkQueue.fifo(maxsize), false, true));
            if (bounded) {
                // Bounded FIFO queues above RING_LIMIT use the locked queue, not the ring.
                int large = WorkQueue.RING_LIMIT + 1;
                suites.add(suite("WorkQueue.fifo bounded maxsize " + large, () -> WorkQueue.fifo(large), false, true));
            }
            suites.add(suite("WorkQueue.lifo " + size, () -> WorkQueue.lifo(maxsize), true, true,
                    headIsFirstInsertedTesters()));
            suites.add(suite("WorkQueue.priority " + size, () -> WorkQueue.priority(maxsize), false, false));
            suites.add(suite("WorkQueue.priority with reverseOrder " + size,
                    () -> WorkQueue.priority(Comparator.<String>reverseOrder(), maxsize), false, false));
        }
        return suites.stream().map(t -> toDynamic(t, ""));
    }

    /** The testers that take the head of a queue with a known order to be its first insertion. */
    private static List<Method> headIsFirstInsertedTesters() {
        try {
            return List.of(
                    QueueElementTester.class.getMethod("testElement_sizeMany"),
                    QueuePeekTester.class.getMethod("testPeek_sizeMany"),
                    QueuePollTester.class.getMethod("testPoll_sizeMany"),
                    QueueRemoveTester.class.getMethod("testRemove_sizeMany"));
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Guava testlib renamed a tester method; update the suppression", e);
        }
    }

    private static junit.framework.Test suite(String name, Supplier<WorkQueue<String>> factory,
            boolean reverseIterationOrder, boolean knownOrder) {
        return suite(name, factory, reverseIterationOrder, knownOrder, List.of());
    }

    private static junit.framework.Test suite(String name, Supplier<WorkQueue<String>> factory,
            boolean reverseIterationOrder, boolean knownOrder, List<Method> suppressed) {
        List<Feature<?>> features = new ArrayList<>(List.of(
                CollectionFeature.GENERAL_PURPOSE,
                CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                CollectionFeature.ALLOWS_NULL_QUERIES,
                CollectionFeature.NON_STANDARD_TOSTRING,
                CollectionSize.ANY));
        if (knownOrder) {
            features.add(CollectionFeature.KNOWN_ORDER);
        }
        return QueueTestSuiteBuilder.using(new TestStringQueueGenerator() {
                    @Override
                    protected Queue<String> create(String[] elements) {
                        WorkQueue<String> q = factory.get();
                        Collections.addAll(q, elements);
                        return q;
                    }

                    @Override
                    public List<String> order(List<String> insertionOrder) {
                        if (reverseIterationOrder) {
                            List<String> reversed = new ArrayList<>(insertionOrder);
                            Collections.reverse(reversed);
                            return reversed;
                        }
                        return insertionOrder;
                    }
                })
                .named(name)
                .withFeatures(features)
                .suppressing(suppressed)
                .createTestSuite();
    }

    // ------------------------------------------------------------ JUnit 3 on the Jupiter engine

    /**
     * A JUnit 3 suite as a container of its tests, a single test as a dynamic test; {@code path}
     * names the enclosing suites, so that a failure names the suite and the test.
     */
    static DynamicNode toDynamic(junit.framework.Test test, String path) {
        if (test instanceof TestSuite suite) {
            String here = path.isEmpty() ? suite.getName() : path + " / " + suite.getName();
            List<DynamicNode> children = new ArrayList<>();
            for (junit.framework.Test child : Collections.list(suite.tests())) {
                children.add(toDynamic(child, here));
            }
            return DynamicContainer.dynamicContainer(suite.getName(), children.stream());
        }
        String name = test instanceof TestCase tc ? tc.getName() : test.toString();
        String fullName = path + " / " + name;
        return DynamicTest.dynamicTest(name, () -> assertTimeoutPreemptively(PER_TEST, () -> {
            try {
                run(test);
            } catch (Throwable t) {
                throw new AssertionError(fullName + ": " + t, t);
            }
        }, fullName));
    }

    /** Runs one JUnit 3 test and rethrows its first failure or error. */
    private static void run(junit.framework.Test test) throws Throwable {
        TestResult result = new TestResult();
        test.run(result);
        List<TestFailure> problems = new ArrayList<>(Collections.list(result.failures()));
        problems.addAll(Collections.list(result.errors()));
        if (!problems.isEmpty()) {
            Throwable first = problems.getFirst().thrownException();
            for (TestFailure more : problems.subList(1, problems.size())) {
                first.addSuppressed(more.thrownException());
            }
            throw first;
        }
        if (result.runCount() == 0) {
            throw new AssertionFailedError("the JUnit 3 test did not run: " + test);
        }
    }
}
