package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.function.ThrowingFunction;
import dev.weft.sync.Event;
import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link WeftExecutor#map} on a {@link ThreadPoolExecutor}, and {@link MapResults}: results in
 * input order whatever order the tasks finish in; the first failure, in input order, surfacing as
 * a {@link CompletionException} after the earlier results, with the tasks not started cancelled;
 * the timeout measured from the call; chunks; the buffer size bounding what is read and submitted
 * (an endless input works); every task submitted before {@code map} returns without one; two
 * inputs zipped to the shorter; {@code close()}; one iteration only; progress reports;
 * {@link MapOptions} checks; an interrupt while waiting; a shut-down executor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MapTest {

    private static final long LONG_SECONDS = TestThreads.LONG.toSeconds();
    private static final Duration SHORT = Duration.ofMillis(100);

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static <R> List<R> drain(Iterator<R> results) {
        List<R> out = new ArrayList<>();
        results.forEachRemaining(out::add);
        return out;
    }

    /** An input that counts how many items were read from it. */
    private static final class CountingInput implements Iterable<Integer> {
        final AtomicInteger read = new AtomicInteger();
        private final int size;

        CountingInput(int size) {
            this.size = size;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return read.get() < size;
                }

                @Override
                public Integer next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return read.getAndIncrement();
                }
            };
        }
    }

    // ------------------------------------------------------------ order and failures

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void resultsComeInInputOrderWhenTasksFinishOutOfOrder(PoolKind kind) throws Exception {
        int n = 4;
        List<Event> gates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gates.add(new Event());
        }
        List<Integer> finished = new CopyOnWriteArrayList<>();
        List<CountDownLatch> finishedLatches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            finishedLatches.add(new CountDownLatch(1));
        }
        try (ThreadPoolExecutor executor = kind.create(n)) {
            MapResults<String> results = executor.map(i -> {
                gates.get(i).await();
                finished.add(i);
                finishedLatches.get(i).countDown();
                return "r" + i;
            }, range(n));
            // Let items 3, 2, 1 finish, in that order; item 0 last, while the consumer waits for it.
            for (int i = n - 1; i >= 1; i--) {
                gates.get(i).set();
                assertThat(finishedLatches.get(i).await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            }
            Thread consumer = Thread.currentThread();
            TestThreads.Checked releaser = TestThreads.start("releaser", () -> {
                TestThreads.awaitBlocked(consumer);
                gates.get(0).set();
            });

            List<String> got = new ArrayList<>();
            for (String r : results) {
                got.add(r);
            }

            releaser.joinSuccessfully();
            assertThat(got).containsExactly("r0", "r1", "r2", "r3");
            assertThat(finished).containsExactly(3, 2, 1, 0);
            assertThat(results.hasNext()).isFalse();
            assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void nullResultsAndAnEmptyInputWork(PoolKind kind) {
        try (ThreadPoolExecutor executor = kind.create(2)) {
            assertThat(drain(executor.map(i -> i % 2 == 0 ? null : i, range(4)))).containsExactly(null, 1, null, 3);
            assertThat(drain(executor.map(i -> i % 2 == 0 ? null : i, range(4),
                    MapOptions.defaults().withChunksize(3)))).containsExactly(null, 1, null, 3);
            assertThat(executor.map(i -> i, List.<Integer>of()).hasNext()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theFirstFailureInInputOrderSurfacesAfterTheEarlierResultsAndCancelsTheRest(PoolKind kind)
            throws Exception {
        IOException failure = new IOException("item 2 fails (test)");
        Event holdStarted = new Event();
        Event release = new Event();
        List<Integer> called = new CopyOnWriteArrayList<>();
        ThreadPoolExecutor executor = kind.create(1);
        // One worker: items run in order. Item 2 fails; item 3 holds the worker, so 4..9 are queued
        // when the consumer reaches the failure.
        MapResults<Integer> results = executor.map(i -> {
            called.add(i);
            if (i == 2) {
                throw failure;
            }
            if (i == 3) {
                holdStarted.set();
                release.await();
            }
            return i * 10;
        }, range(10));
        assertThat(holdStarted.await(TestThreads.LONG)).isTrue();

        assertThat(results.next()).isEqualTo(0);
        assertThat(results.hasNext()).isTrue();
        assertThat(results.next()).isEqualTo(10);
        assertThatThrownBy(results::next)
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("item 2")
                .cause().isSameAs(failure);

        assertThat(results.hasNext()).as("the iteration ends at the failure").isFalse();
        assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
        release.set();
        executor.close();
        assertThat(called).as("items after the running one were cancelled").containsExactly(0, 1, 2, 3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aLaterFailureDoesNotHideAnEarlierResult(PoolKind kind) {
        IllegalStateException failure = new IllegalStateException("item 3 fails (test)");
        try (ThreadPoolExecutor executor = kind.create(4)) {
            MapResults<Integer> results = executor.map(i -> {
                if (i == 3) {
                    throw failure;
                }
                return i;
            }, range(6));

            assertThat(results.next()).isEqualTo(0);
            assertThat(results.next()).isEqualTo(1);
            assertThat(results.next()).isEqualTo(2);
            assertThatThrownBy(results::next).isInstanceOf(CompletionException.class).cause().isSameAs(failure);
        }
    }

    // ------------------------------------------------------------ timeout

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theTimeoutThrowsUncheckedTimeoutExceptionNoEarlierThanTheTimeoutAfterTheCall(PoolKind kind)
            throws Exception {
        Event never = new Event();
        try (ThreadPoolExecutor executor = kind.create(2)) {
            long start = System.nanoTime();
            MapResults<Integer> results = executor.map(i -> {
                if (i == 0) {
                    never.await();
                }
                return i;
            }, range(3), MapOptions.defaults().withTimeout(SHORT));

            assertThatThrownBy(results::next)
                    .isInstanceOf(UncheckedTimeoutException.class)
                    .hasMessageContaining("item 0")
                    .cause().isInstanceOf(TimeoutException.class);

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
            assertThat(results.hasNext()).isFalse();
            never.set();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theTimeoutIsMeasuredFromTheCallNotFromNext(PoolKind kind) throws Exception {
        Event release = new Event();
        Event elapsed = new Event(); // never set: waited on only for the timeout to pass
        CountDownLatch twoDone = new CountDownLatch(2);
        try (ThreadPoolExecutor executor = kind.create(2)) {
            long start = System.nanoTime();
            MapResults<Integer> results = executor.map(i -> {
                if (i == 2) {
                    release.await();
                }
                return i;
            }, range(3), MapOptions.defaults().withTimeout(SHORT).withProgress((done, total) -> twoDone.countDown()));
            // Let the whole timeout pass before reading. Done results are still returned.
            assertThat(twoDone.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
            while (System.nanoTime() - start < SHORT.toNanos()) {
                assertThat(elapsed.await(SHORT)).isFalse();
            }
            assertThat(results.next()).isEqualTo(0);
            assertThat(results.next()).isEqualTo(1);

            // If the timeout were measured from next(), next() would wait, and this thread,
            // releasing item 2 as soon as the consumer blocks, would let it return a result.
            Thread consumer = Thread.currentThread();
            TestThreads.Checked releaser = TestThreads.start("releaser", () -> {
                TestThreads.awaitBlocked(consumer);
                release.set();
            });
            assertThatThrownBy(results::next).isInstanceOf(UncheckedTimeoutException.class);
            releaser.joinSuccessfully();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aTimeoutCancelsTheAwaitedTaskIfItHasNotStarted(PoolKind kind) throws Exception {
        Event holdStarted = new Event();
        Event release = new Event();
        AtomicInteger called = new AtomicInteger();
        ThreadPoolExecutor executor = kind.create(1);
        executor.submit(() -> {
            holdStarted.set();
            release.await();
            return null;
        });
        assertThat(holdStarted.await(TestThreads.LONG)).isTrue();
        MapResults<Integer> results = executor.map(i -> called.incrementAndGet(), range(3),
                MapOptions.defaults().withTimeout(SHORT));

        assertThatThrownBy(results::next).isInstanceOf(UncheckedTimeoutException.class);

        release.set();
        executor.close();
        assertThat(called).as("no task of the timed-out map ran, not even the one next() waited for").hasValue(0);
    }

    // ------------------------------------------------------------ chunks

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void chunksGiveTheSameResultsInOrder(PoolKind kind) {
        try (ThreadPoolExecutor executor = kind.create(3)) {
            for (int chunksize : new int[] {1, 2, 3, 7, 10, 11, 50}) {
                MapResults<Integer> results = executor.map(i -> i * i, range(10),
                        MapOptions.defaults().withChunksize(chunksize));

                assertThat(drain(results)).as("chunksize %d", chunksize)
                        .containsExactlyElementsOf(range(10).stream().map(i -> i * i).toList());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aFailureInsideAChunkSurfacesAtExactlyThatItem(PoolKind kind) {
        IOException failure = new IOException("item 4 fails (test)");
        List<Integer> called = new CopyOnWriteArrayList<>();
        ThreadPoolExecutor executor = kind.create(1);
        // Chunks [0 1 2] [3 4 5] [6 7 8] [9]: item 4 fails, in the middle of the second chunk.
        MapResults<Integer> results = executor.map(i -> {
            called.add(i);
            if (i == 4) {
                throw failure;
            }
            return i;
        }, range(10), MapOptions.defaults().withChunksize(3));

        List<Integer> got = new ArrayList<>();
        Throwable thrown = null;
        try {
            while (results.hasNext()) {
                got.add(results.next());
            }
        } catch (CompletionException e) {
            thrown = e;
        }
        executor.close();

        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(thrown).isInstanceOf(CompletionException.class).hasMessageContaining("item 4");
        assertThat(thrown.getCause()).isSameAs(failure);
        assertThat(results.hasNext()).isFalse();
        assertThat(called).as("the chunk stops at its failing item").doesNotContain(5);
    }

    // ------------------------------------------------------------ buffersize and eager submission

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aBuffersizeBoundsWhatIsReadAndSubmitted(PoolKind kind) {
        int n = 20;
        int buffer = 3;
        CountingInput input = new CountingInput(n);
        AtomicInteger called = new AtomicInteger();
        try (ThreadPoolExecutor executor = kind.create(2)) {
            MapResults<Integer> results = executor.map(i -> {
                called.incrementAndGet();
                return i;
            }, input, MapOptions.defaults().withBuffersize(buffer));

            assertThat(input.read).hasValue(buffer);
            for (int consumed = 1; consumed <= n; consumed++) {
                assertThat(results.next()).isEqualTo(consumed - 1);
                assertThat(input.read).as("read after %d results", consumed).hasValue(Math.min(n, consumed + buffer));
                assertThat(called.get()).isLessThanOrEqualTo(input.read.get());
            }
            assertThat(results.hasNext()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aBuffersizeBoundsChunksToo(PoolKind kind) {
        CountingInput input = new CountingInput(100);
        try (ThreadPoolExecutor executor = kind.create(2)) {
            MapResults<Integer> results = executor.map(i -> i, input,
                    MapOptions.defaults().withBuffersize(2).withChunksize(5));

            assertThat(input.read).as("two chunks of five").hasValue(10);
            assertThat(results.next()).isEqualTo(0);
            assertThat(input.read.get()).isLessThanOrEqualTo(15);
            assertThat(drain(results)).containsExactlyElementsOf(range(100).subList(1, 100));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anEndlessInputWorksWithABuffersize(PoolKind kind) {
        AtomicInteger read = new AtomicInteger();
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read.getAndIncrement();
            }
        };
        try (ThreadPoolExecutor executor = kind.create(4)) {
            MapResults<Integer> results = executor.map(i -> i * 2, endless, MapOptions.defaults().withBuffersize(5));
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                got.add(results.next());
            }
            results.close();

            assertThat(got).containsExactlyElementsOf(range(50).stream().map(i -> i * 2).toList());
            assertThat(read.get()).isBetween(50, 55);
            assertThat(results.hasNext()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void withoutABuffersizeEveryTaskIsSubmittedBeforeMapReturnsAndRunsUnread(PoolKind kind) throws Exception {
        int n = 25;
        CountingInput input = new CountingInput(n);
        CountDownLatch allCalled = new CountDownLatch(n);
        try (ThreadPoolExecutor executor = kind.create(3)) {
            MapResults<Integer> results = executor.map(i -> {
                allCalled.countDown();
                return i;
            }, input);

            assertThat(input.read).as("map read the whole input").hasValue(n);
            assertThat(allCalled.await(LONG_SECONDS, TimeUnit.SECONDS)).as("every task ran, none was read").isTrue();
        }
    }

    // ------------------------------------------------------------ two inputs, close, iterator

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void twoInputsAreZippedToTheShorter(PoolKind kind) {
        try (ThreadPoolExecutor executor = kind.create(2)) {
            assertThat(drain(executor.map((a, b) -> a + b, List.of(1, 2, 3), List.of(10, 20))))
                    .containsExactly(11, 22);
            assertThat(drain(executor.map((String a, Integer b) -> a.repeat(b), List.of("x", "y"), List.of(1, 2, 3),
                    MapOptions.defaults().withChunksize(2)))).containsExactly("x", "yy");
            assertThat(executor.map((a, b) -> a, List.of(1), List.<Integer>of()).hasNext()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void closeCancelsThePendingTasks(PoolKind kind) throws Exception {
        Event started = new Event();
        Event release = new Event();
        List<Integer> called = new CopyOnWriteArrayList<>();
        ThreadPoolExecutor executor = kind.create(1);
        MapResults<Integer> results = executor.map(i -> {
            called.add(i);
            if (i == 0) {
                started.set();
                release.await();
            }
            return i;
        }, range(5));
        assertThat(started.await(TestThreads.LONG)).isTrue();

        results.close();
        results.close(); // idempotent

        assertThat(results.hasNext()).isFalse();
        assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
        release.set();
        executor.close();
        assertThat(called).as("the running task finished; the others never ran").containsExactly(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theResultsCanBeIteratedOnlyOnce(PoolKind kind) {
        try (ThreadPoolExecutor executor = kind.create(2)) {
            MapResults<Integer> results = executor.map(i -> i, range(3));

            assertThat(results.iterator()).isSameAs(results);
            assertThatThrownBy(results::iterator).isInstanceOf(IllegalStateException.class);
        }
    }

    // ------------------------------------------------------------ progress

    /** A listener that records its reports and counts down when one says everything is done. */
    private static final class RecordingListener implements ProgressListener {
        final List<long[]> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch allDone = new CountDownLatch(1);
        private final long expected;

        RecordingListener(long expected) {
            this.expected = expected;
        }

        @Override
        public void progress(long done, long total) {
            reports.add(new long[] {done, total});
            if (done == expected) {
                allDone.countDown();
            }
        }

        void assertRoseByOneTo(long n) {
            assertThat(reports).hasSize((int) n);
            for (int k = 0; k < n; k++) {
                assertThat(reports.get(k)[0]).as("report %d", k).isEqualTo(k + 1);
                assertThat(reports.get(k)[1]).as("total of report %d", k).isIn(-1L, n);
            }
            assertThat(reports.getLast()[1]).as("the last report knows the total").isEqualTo(n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theProgressListenerSeesDoneRiseToTheTotal(PoolKind kind) throws Exception {
        int n = 30;
        for (int chunksize : new int[] {1, 4}) {
            for (boolean buffered : new boolean[] {false, true}) {
                RecordingListener listener = new RecordingListener(n);
                MapOptions options = MapOptions.defaults().withProgress(listener).withChunksize(chunksize);
                if (buffered) {
                    options = options.withBuffersize(3);
                }
                try (ThreadPoolExecutor executor = kind.create(4)) {
                    assertThat(drain(executor.map(i -> i, range(n), options))).containsExactlyElementsOf(range(n));
                    assertThat(listener.allDone.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
                }
                listener.assertRoseByOneTo(n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void theLastProgressReportKnowsTheTotalEvenIfEveryTaskFinishedBeforeTheInputEnded(PoolKind kind)
            throws Exception {
        int n = 5;
        RecordingListener listener = new RecordingListener(n);
        CountDownLatch allCalled = new CountDownLatch(n);
        AtomicReference<Thread> worker = new AtomicReference<>();
        try (ThreadPoolExecutor executor = kind.create(1)) {
            // The input's last hasNext() waits until every task is over and the worker idle, so
            // every future is done before map learns how many items there are.
            Iterable<Integer> input = () -> new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < n) {
                        return true;
                    }
                    try {
                        assertThat(allCalled.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
                        PoolKind.awaitIdle(worker.get());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return false;
                }

                @Override
                public Integer next() {
                    return next++;
                }
            };
            ThrowingFunction<Integer, Integer> fn = i -> {
                worker.set(Thread.currentThread());
                allCalled.countDown();
                return i;
            };
            MapResults<Integer> results = executor.map(fn, input, MapOptions.defaults().withProgress(listener));

            assertThat(drain(results)).containsExactlyElementsOf(range(n));
            assertThat(listener.allDone.await(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        listener.assertRoseByOneTo(n);
    }

    // ------------------------------------------------------------ options

    @Test
    void mapOptionsRejectBadValues() {
        MapOptions d = MapOptions.defaults();
        assertThatThrownBy(() -> d.withChunksize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withChunksize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBuffersize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBuffersize(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeout(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> d.withProgress(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mapOptionsAreImmutableAndHaveDefaults() {
        MapOptions d = MapOptions.defaults();
        assertThat(d.timeout()).isEmpty();
        assertThat(d.chunksize()).isEqualTo(1);
        assertThat(d.buffersize()).isEmpty();
        assertThat(d.progress()).isSameAs(ProgressListener.NONE);

        ProgressListener listener = (done, total) -> {};
        MapOptions set = d.withTimeout(Duration.ZERO).withChunksize(4).withBuffersize(2).withProgress(listener);

        assertThat(set.timeout()).contains(Duration.ZERO);
        assertThat(set.chunksize()).isEqualTo(4);
        assertThat(set.buffersize()).hasValue(2);
        assertThat(set.progress()).isSameAs(listener);
        assertThat(d.chunksize()).isEqualTo(1);
        assertThat(d.buffersize()).isEmpty();
        assertThat(set.toString()).contains("chunksize=4").contains("buffersize=2");
    }

    @Test
    void mapRejectsNullArguments() {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(1)) {
            assertThatThrownBy(() -> executor.map(null, range(1))).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.map(i -> i, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.map(i -> i, range(1), null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.map((a, b) -> a, null, range(1)))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> executor.map((a, b) -> a, range(1), null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    // ------------------------------------------------------------ interrupts, shutdown

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void anInterruptWhileWaitingInNextThrowsCancellationExceptionAndKeepsTheInterrupt(PoolKind kind)
            throws Exception {
        Event holdStarted = new Event();
        Event release = new Event();
        AtomicInteger called = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        ThreadPoolExecutor executor = kind.create(1);
        executor.submit(() -> {
            holdStarted.set();
            release.await();
            return null;
        });
        assertThat(holdStarted.await(TestThreads.LONG)).isTrue();
        MapResults<Integer> results = executor.map(i -> called.incrementAndGet(), range(3));

        TestThreads.Checked consumer = TestThreads.start("consumer", () -> {
            try {
                results.next();
            } catch (CancellationException e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        consumer.awaitBlocked();
        consumer.thread().interrupt();
        consumer.joinSuccessfully();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptedAfter.get()).as("interrupt status set again").isTrue();
        assertThat(results.hasNext()).isFalse();
        release.set();
        executor.close();
        assertThat(called).as("no task of the map ran, not even the one next() waited for").hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void mapOnAShutDownExecutorIsRejected(PoolKind kind) {
        ThreadPoolExecutor executor = kind.create(2);
        executor.shutdown();

        assertThatThrownBy(() -> executor.map(i -> i, range(3))).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.map(i -> i, range(3), MapOptions.defaults().withBuffersize(1)))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.map((a, b) -> a, range(3), range(3)))
                .isInstanceOf(RejectedExecutionException.class);
        executor.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PoolKind.class)
    void aShutdownWhileALazyMapReadsMakesNextThrowRejectedExecutionException(PoolKind kind) throws Exception {
        ThreadPoolExecutor executor = kind.create(2);
        MapResults<Integer> results = executor.map(i -> i, range(10), MapOptions.defaults().withBuffersize(2));
        assertThat(results.next()).isEqualTo(0);

        executor.shutdown();

        assertThatThrownBy(results::next).isInstanceOf(RejectedExecutionException.class);
        assertThat(results.hasNext()).isFalse();
        assertThat(executor.awaitTermination(LONG_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
}
