package dev.weft.queue;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
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
 * and unbounded. The testlib suites are JUnit 3 suites; {@link #suites()} turns each of their
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
 * {@code [a, b]}. No tester is suppressed.
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
            suites.add(suite("WorkQueue.lifo " + size, () -> WorkQueue.lifo(maxsize), true, true));
            suites.add(suite("WorkQueue.priority " + size, () -> WorkQueue.priority(maxsize), false, false));
            suites.add(suite("WorkQueue.priority with reverseOrder " + size,
                    () -> WorkQueue.priority(Comparator.<String>reverseOrder(), maxsize), false, false));
        }
        return suites.stream().map(WorkQueueTestlibConformanceTest::toDynamic);
    }

    private static junit.framework.Test suite(String name, Supplier<WorkQueue<String>> factory,
            boolean reverseIterationOrder, boolean knownOrder) {
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
                .createTestSuite();
    }

    // ------------------------------------------------------------ JUnit 3 on the Jupiter engine

    /** A JUnit 3 suite as a container of its tests, a single test as a dynamic test. */
    static DynamicNode toDynamic(junit.framework.Test test) {
        if (test instanceof TestSuite suite) {
            List<DynamicNode> children = new ArrayList<>();
            for (junit.framework.Test child : Collections.list(suite.tests())) {
                children.add(toDynamic(child));
            }
            return DynamicContainer.dynamicContainer(suite.getName(), children.stream());
        }
        String name = test instanceof TestCase tc ? tc.getName() : test.toString();
        return DynamicTest.dynamicTest(name, () -> assertTimeoutPreemptively(PER_TEST, () -> run(test), name));
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
