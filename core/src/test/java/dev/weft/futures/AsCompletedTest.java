package dev.weft.futures;

import static dev.weft.futures.Settled.done;
import static dev.weft.futures.Settled.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@link Futures#asCompleted}, Python's {@code concurrent.futures.as_completed}: the
 * futures already done come first in the order given, then each as it completes; each future
 * once; the timeout, measured from the call, ends the iteration with an
 * {@link UncheckedTimeoutException} saying how many are unfinished; an interrupt ends it with a
 * {@link CancellationException}; futures other than Weft's; the one-shot {@code iterator()};
 * progress reports; and {@code close()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsCompletedTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    /** Iterates {@code it} in a thread, handing each future over as it comes. */
    private static <F extends Future<?>> Consumer<F> consume(AsCompleted<F> it) {
        return new Consumer<>(it);
    }

    static final class Consumer<F extends Future<?>> {
        final BlockingQueue<F> yielded = new LinkedBlockingQueue<>();
        final AtomicReference<RuntimeException> endedWith = new AtomicReference<>();
        final TestThreads.Checked thread;

        Consumer(AsCompleted<F> it) {
            thread = TestThreads.start("consumer", () -> {
                try {
                    for (F f : it) {
                        yielded.add(f);
                    }
                } catch (UncheckedTimeoutException | CancellationException e) {
                    endedWith.set(e);
                }
            });
        }

        /** The next future yielded, waiting for it (with a bound). */
        F next() throws InterruptedException {
            F f = yielded.poll(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("nothing yielded within " + TestThreads.LONG);
            }
            return f;
        }

        Consumer<F> awaitBlocked() throws InterruptedException {
            thread.awaitBlocked();
            return this;
        }
    }

    // ------------------------------------------------------------ order

    @Test
    void doneFuturesComeFirstInInputOrderThenTheOthersInCompletionOrder() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        SettableFuture<Integer> c = pending();
        SettableFuture<Integer> d = done(4);
        SettableFuture<Integer> e = pending();

        var consumer = consume(Futures.asCompleted(List.of(a, b, c, d, e)));

        assertThat((Object) consumer.next()).isSameAs(b);
        assertThat((Object) consumer.next()).isSameAs(d);
        consumer.awaitBlocked();
        e.setResult(5);
        assertThat((Object) consumer.next()).isSameAs(e);
        consumer.awaitBlocked();
        a.cancel();
        assertThat((Object) consumer.next()).isSameAs(a);
        consumer.awaitBlocked();
        c.setException(new IOException());
        assertThat((Object) consumer.next()).isSameAs(c);
        consumer.thread.joinSuccessfully();
        assertThat(consumer.yielded).isEmpty();
        assertThat(consumer.endedWith.get()).isNull();
    }

    @Test
    void futuresCompletedBeforeTheFirstNextComeInCompletionOrder() {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b, c));

        c.setResult(3);
        a.setResult(1);
        b.setResult(2);

        assertThat((Object) it.next()).isSameAs(c);
        assertThat((Object) it.next()).isSameAs(a);
        assertThat((Object) it.next()).isSameAs(b);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void hasNextNeverBlocks() {
        SettableFuture<Integer> a = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a));

        assertThat(it.hasNext()).isTrue();
        assertThat(it.hasNext()).isTrue();
        a.setResult(1);
        assertThat((Object) it.next()).isSameAs(a);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void eachFutureComesOnceEvenIfGivenMoreThanOnce() {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b, a, b, a));

        assertThat((Object) it.next()).isSameAs(b);
        assertThat(WaiterStack.size(a)).as("one callback, not three").isEqualTo(1);
        a.setResult(1);
        assertThat((Object) it.next()).isSameAs(a);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void anEmptyCollectionYieldsNothing() {
        AsCompleted<Future<?>> it = Futures.asCompleted(List.of());

        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void manyFuturesCompletedByManyThreadsEachComeOnce() throws Exception {
        int n = 400;
        List<SettableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(i % 10 == 0 ? done(i) : pending());
        }
        List<SettableFuture<Integer>> toComplete = new ArrayList<>(fs.stream().filter(f -> !f.done()).toList());
        Collections.shuffle(toComplete);
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(fs);
        CountDownLatch start = new CountDownLatch(1);
        List<TestThreads.Checked> completers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t;
            completers.add(TestThreads.start("completer-" + t, () -> {
                start.await();
                for (int i = from; i < toComplete.size(); i += 4) {
                    toComplete.get(i).setResult(i);
                }
            }));
        }

        start.countDown();
        List<SettableFuture<Integer>> seen = new ArrayList<>();
        for (SettableFuture<Integer> f : it) {
            assertThat(f.done()).isTrue();
            seen.add(f);
        }

        for (TestThreads.Checked c : completers) {
            c.joinSuccessfully();
        }
        assertThat(seen).hasSize(n);
        assertThat(new HashSet<>(seen)).hasSize(n);
        assertThat(seen.subList(0, n / 10)).as("the done ones first, in order")
                .containsExactlyElementsOf(fs.stream().filter(f -> fs.indexOf(f) % 10 == 0).toList());
    }

    // ------------------------------------------------------------ timeouts

    @Test
    void theTimeoutEndsTheIterationSayingHowManyAreUnfinished() {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        SettableFuture<Integer> c = pending();
        long start = System.nanoTime();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b, c), SHORT);

        assertThat((Object) it.next()).isSameAs(b);
        assertThatThrownBy(it::next)
                .isInstanceOf(UncheckedTimeoutException.class)
                .hasMessageContaining("2 (of 3) futures unfinished")
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("2 (of 3) futures unfinished");

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(it.hasNext()).as("the iteration is over").isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(c)).isZero();
        assertThat(a.done()).as("the futures are not changed").isFalse();
    }

    @Test
    void theTimeoutInAForEachLoop() {
        List<SettableFuture<Integer>> fs = List.of(done(1), pending(), done(3), pending(), pending());
        List<SettableFuture<Integer>> seen = new ArrayList<>();

        assertThatThrownBy(() -> {
            for (SettableFuture<Integer> f : Futures.asCompleted(fs, Duration.ofMillis(20))) {
                seen.add(f);
            }
        }).isInstanceOf(UncheckedTimeoutException.class).hasMessageContaining("3 (of 5) futures unfinished");

        assertThat(seen).containsExactly(fs.get(0), fs.get(2));
    }

    @Test
    void aZeroTimeoutYieldsOnlyWhatIsDone() {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b), Duration.ZERO);

        assertThat((Object) it.next()).isSameAs(b);
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessageContaining("1 (of 2) futures unfinished");
    }

    @Test
    void aFutureThatCompletedBeforeTheTimeoutIsStillYieldedAfterIt() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b), SHORT);

        a.setResult(1);
        Thread.sleep(SHORT.toMillis() + 50); // let the timeout pass before asking

        assertThat((Object) it.next()).as("completed in time, though asked for late").isSameAs(a);
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessageContaining("1 (of 2) futures unfinished");
    }

    @Test
    void theTimeoutRunsFromTheCallNotFromNext() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        SettableFuture<Integer> a = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a), timeout);
        Thread.sleep(timeout.toMillis()); // let the whole timeout pass before the first next()

        long start = System.nanoTime();
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
        long waitedInNext = System.nanoTime() - start;

        assertThat(waitedInNext).as("next() did not start a timeout of its own").isLessThan(timeout.toNanos());
    }

    @Test
    void aHugeTimeoutDoesNotOverflow() throws Exception {
        SettableFuture<Integer> a = pending();
        var consumer = consume(Futures.asCompleted(List.of(a), Duration.ofSeconds(Long.MAX_VALUE))).awaitBlocked();

        a.setResult(1);

        assertThat((Object) consumer.next()).isSameAs(a);
        consumer.thread.joinSuccessfully();
        assertThat(consumer.endedWith.get()).isNull();
    }

    @Test
    void badTimeoutsAndNullsAreRejected() {
        SettableFuture<Integer> a = done(1);
        List<SettableFuture<Integer>> withNull = Arrays.asList(a, null);

        assertThatThrownBy(() -> Futures.asCompleted(List.of(a), Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Futures.asCompleted(List.of(a), Duration.ofNanos(-1), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Futures.asCompleted(List.of(a), (Duration) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.asCompleted(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.asCompleted(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.asCompleted(withNull, SHORT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.asCompleted(List.of(a), (ProgressListener) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.asCompleted(List.of(a), SHORT, null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------ interrupts

    @Test
    void anInterruptEndsTheIterationWithACancellationAndKeepsTheStatus() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b));
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        AtomicBoolean statusAfter = new AtomicBoolean();
        AtomicBoolean hasNextAfter = new AtomicBoolean(true);
        var consumer = TestThreads.start("consumer", () -> {
            try {
                it.next();
            } catch (CancellationException e) {
                thrown.set(e);
                statusAfter.set(Thread.currentThread().isInterrupted());
                hasNextAfter.set(it.hasNext());
            }
        });
        consumer.awaitBlocked();

        consumer.thread().interrupt();

        consumer.joinSuccessfully();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("2 (of 2)")
                .cause().isInstanceOf(InterruptedException.class);
        assertThat(statusAfter).as("the interrupt status is set again").isTrue();
        assertThat(hasNextAfter).isFalse();
        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(b)).isZero();
        assertThat(a.done()).as("the futures are not cancelled").isFalse();
    }

    @Test
    void anInterruptedThreadThrowsAtOnceWhenNothingIsDone() {
        SettableFuture<Integer> a = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a), TestThreads.LONG);

        Thread.currentThread().interrupt();

        assertThatThrownBy(it::next).isInstanceOf(CancellationException.class).cause().isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    // ------------------------------------------------------------ other futures

    @Test
    void completableFuturesAndFutureTasksArePolled() throws Exception {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        FutureTask<Integer> b = new FutureTask<>(() -> 2);
        SettableFuture<Integer> c = pending();
        CompletableFuture<Integer> d = CompletableFuture.completedFuture(4);
        var consumer = consume(Futures.asCompleted(List.<Future<Integer>>of(a, b, c, d)));

        assertThat((Object) consumer.next()).isSameAs(d);
        consumer.awaitBlocked();
        a.complete(1);
        assertThat((Object) consumer.next()).isSameAs(a);
        consumer.awaitBlocked();
        c.setResult(3);
        assertThat((Object) consumer.next()).isSameAs(c);
        consumer.awaitBlocked();
        b.run();
        assertThat((Object) consumer.next()).isSameAs(b);
        consumer.thread.joinSuccessfully();
    }

    @Test
    void aPolledFutureTimesOutToo() {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        long start = System.nanoTime();
        AsCompleted<CompletableFuture<Integer>> it = Futures.asCompleted(List.of(a), SHORT);

        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessageContaining("1 (of 1) futures unfinished");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
    }

    // ------------------------------------------------------------ iterator(), close()

    @Test
    void iteratorCanBeCalledOnlyOnce() {
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(done(1)));

        Iterator<SettableFuture<Integer>> first = it.iterator();

        assertThat((Object) first).isSameAs(it);
        assertThatThrownBy(it::iterator).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeEndsTheIterationAndRemovesTheCallbacks() {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = done(3);
        AtomicInteger reports = new AtomicInteger();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b, c), (done, total) -> reports.incrementAndGet());
        assertThat(WaiterStack.size(a)).isEqualTo(1);
        assertThat(reports).as("the done one is reported at once").hasValue(1);

        it.close();
        it.close(); // idempotent

        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(b)).isZero();
        a.setResult(1);
        b.setResult(2);
        assertThat(reports).as("nothing reported after close").hasValue(1);
    }

    @Test
    void tryWithResourcesClosesAnIterationLeftEarly() {
        SettableFuture<Integer> a = done(1);
        SettableFuture<Integer> b = pending();

        try (AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a, b))) {
            assertThat((Object) it.next()).isSameAs(a);
        }

        assertThat(WaiterStack.size(b)).isZero();
    }

    @Test
    void theLastFutureClosesTheIteration() {
        SettableFuture<Integer> a = pending();
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a));
        a.setResult(1);

        assertThat((Object) it.next()).isSameAs(a);

        assertThat(it.hasNext()).isFalse();
        assertThat(WaiterStack.released(a)).isTrue();
    }

    // ------------------------------------------------------------ progress

    @Test
    void progressIsReportedOnceForEachFutureInOrderAndNeverConcurrently() throws Exception {
        int n = 200;
        List<SettableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(i < 5 ? done(i) : pending());
        }
        List<long[]> reports = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ProgressListener listener = (done, total) -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            reports.add(new long[] {done, total});
            Thread.onSpinWait();
            inside.decrementAndGet();
        };
        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(fs, TestThreads.LONG, listener);
        CountDownLatch start = new CountDownLatch(1);
        List<TestThreads.Checked> completers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = 5 + t;
            completers.add(TestThreads.start("completer-" + t, () -> {
                start.await();
                for (int i = from; i < n; i += 4) {
                    fs.get(i).setResult(i);
                }
            }));
        }

        start.countDown();
        int yielded = 0;
        for (SettableFuture<Integer> f : it) {
            yielded++;
        }
        for (TestThreads.Checked c : completers) {
            c.joinSuccessfully();
        }

        assertThat(yielded).isEqualTo(n);
        assertThat(overlaps).as("concurrent calls of the listener").hasValue(0);
        assertThat(reports).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(reports.get(i)).as("report %d", i).containsExactly(i + 1, n);
        }
    }

    @Test
    void progressWithoutATimeoutAndAThrowingListener() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        List<String> reports = new CopyOnWriteArrayList<>();
        ProgressListener listener = (done, total) -> {
            reports.add(done + "/" + total);
            throw new IllegalStateException("a broken progress bar");
        };

        AsCompleted<SettableFuture<Integer>> it;
        try (SettableFutureTest.LogCapture log = new SettableFutureTest.LogCapture()) {
            it = Futures.asCompleted(List.of(a, b), listener);
            b.setResult(2);
            a.setResult(1);
            assertThat(log.records()).hasSize(2);
        }

        assertThat((Object) it.next()).isSameAs(b);
        assertThat((Object) it.next()).isSameAs(a);
        assertThat(reports).containsExactly("1/2", "2/2");
    }

    @Test
    void theNoneListenerIsAccepted() {
        SettableFuture<Integer> a = done(1);

        AsCompleted<SettableFuture<Integer>> it = Futures.asCompleted(List.of(a), ProgressListener.NONE);

        assertThat((Object) it.next()).isSameAs(a);
    }
}
