package dev.weft.futures;

import static dev.weft.futures.Settled.cancelled;
import static dev.weft.futures.Settled.done;
import static dev.weft.futures.Settled.failed;
import static dev.weft.futures.Settled.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests of {@link Futures#wait}, Python's {@code concurrent.futures.wait}: each
 * {@link ReturnWhen} (a cancelled future is not an exception for {@code FIRST_EXCEPTION}), inputs
 * already done, a zero timeout that only looks, a timeout that elapses, duplicates counted once,
 * futures other than Weft's (polled), interrupts, bad arguments, and that a wait leaves no
 * callbacks behind on the futures it watched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FuturesWaitTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    /** Runs a wait in its own thread, which the test can watch block. */
    private static <F extends Future<?>> WaitingThread<F> startWait(WaitCall<F> call) {
        AtomicReference<DoneAndNotDone<F>> result = new AtomicReference<>();
        TestThreads.Checked t = TestThreads.start("waiter", () -> result.set(call.call()));
        return new WaitingThread<>(t, result);
    }

    @FunctionalInterface
    interface WaitCall<F extends Future<?>> {
        DoneAndNotDone<F> call() throws Exception;
    }

    record WaitingThread<F extends Future<?>>(TestThreads.Checked thread, AtomicReference<DoneAndNotDone<F>> result) {
        WaitingThread<F> awaitBlocked() throws InterruptedException {
            thread.awaitBlocked();
            return this;
        }

        DoneAndNotDone<F> join() throws InterruptedException {
            thread.joinSuccessfully();
            return result.get();
        }
    }

    // ------------------------------------------------------------ ALL_COMPLETED

    @Test
    void waitWithoutReturnWhenWaitsForAll() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = done(3);
        var w = startWait(() -> Futures.wait(List.of(a, b, c))).awaitBlocked();

        a.setResult(1);
        w.awaitBlocked();
        assertThat(w.thread().thread().isAlive()).isTrue();
        b.setException(new IOException());

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b, c);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void allCompletedWaitsThroughFailuresAndCancellations() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = pending();
        var w = startWait(() -> Futures.wait(List.of(a, b, c), TestThreads.LONG, ReturnWhen.ALL_COMPLETED)).awaitBlocked();

        b.setException(new IOException());
        a.cancel();
        w.awaitBlocked();
        assertThat(w.thread().thread().isAlive()).isTrue();
        c.setResult(3);

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b, c);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void waitWithATimeoutAndNoReturnWhenWaitsForAllUntilTheTimeout() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        var w = startWait(() -> Futures.wait(List.of(a, b), TestThreads.LONG)).awaitBlocked();
        a.setResult(1);
        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b);

        SettableFuture<Integer> never = pending();
        DoneAndNotDone<SettableFuture<Integer>> timedOut = Futures.wait(List.of(never, b), Duration.ofMillis(20));
        assertThat(timedOut.done()).containsExactly(b);
        assertThat(timedOut.notDone()).containsExactly(never);
        assertThatThrownBy(() -> Futures.wait(List.of(b), Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ FIRST_COMPLETED

    @Test
    void firstCompletedReturnsWhenOneCompletes() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = pending();
        var w = startWait(() -> Futures.wait(List.of(a, b, c), ReturnWhen.FIRST_COMPLETED)).awaitBlocked();

        b.setResult(2);

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a, c);
        for (SettableFuture<Integer> f : List.of(a, c)) {
            assertThat(WaiterStack.size(f)).as("callbacks removed from the others").isZero();
        }
    }

    @Test
    void firstCompletedCountsACancellationOrAFailure() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        var cancelling = startWait(() -> Futures.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED)).awaitBlocked();
        a.cancel();
        assertThat(cancelling.join().done()).containsExactly(a);

        SettableFuture<Integer> c = pending();
        var failing = startWait(() -> Futures.wait(List.of(b, c), ReturnWhen.FIRST_COMPLETED)).awaitBlocked();
        c.setException(new IOException());
        assertThat(failing.join().done()).containsExactly(c);
    }

    @Test
    void firstCompletedReturnsAtOnceWhenOneIsAlreadyDone() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED);

        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a);
        assertThat(WaiterStack.size(a)).isZero();
    }

    // ------------------------------------------------------------ FIRST_EXCEPTION

    @Test
    void firstExceptionReturnsWhenOneFailsButNotWhenOneIsCancelled() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = pending();
        SettableFuture<Integer> d = pending();
        var w = startWait(() -> Futures.wait(List.of(a, b, c, d), ReturnWhen.FIRST_EXCEPTION)).awaitBlocked();

        a.cancel();
        c.setResult(3);
        w.awaitBlocked();
        assertThat(w.thread().thread().isAlive()).as("a cancellation is not an exception").isTrue();
        b.setException(new IOException());

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b, c);
        assertThat(r.notDone()).containsExactly(d);
        assertThat(WaiterStack.size(d)).isZero();
    }

    @Test
    void firstExceptionReturnsAtOnceWhenOneHasAlreadyFailed() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = failed();

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION);

        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a);
    }

    @Test
    void firstExceptionIgnoresAnAlreadyCancelledFuture() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = cancelled();

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, b), Duration.ZERO, ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a);

        long start = System.nanoTime();
        r = Futures.wait(List.of(a, b), SHORT, ReturnWhen.FIRST_EXCEPTION);
        assertThat(System.nanoTime() - start).as("it waited for the pending one").isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(r.notDone()).containsExactly(a);
    }

    @Test
    void firstExceptionWithoutAFailureWaitsForAll() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        var w = startWait(() -> Futures.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION)).awaitBlocked();

        a.setResult(1);
        w.awaitBlocked();
        assertThat(w.thread().thread().isAlive()).isTrue();
        b.cancel();

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b);
        assertThat(r.notDone()).isEmpty();
    }

    // ------------------------------------------------------------ already done, timeouts

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void allAlreadyDoneReturnsAtOnce(ReturnWhen returnWhen) throws Exception {
        List<SettableFuture<Integer>> fs = List.of(done(1), failed(), cancelled(), done(4));

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(fs, returnWhen);

        assertThat(r.done()).containsExactlyElementsOf(fs);
        assertThat(r.notDone()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void anEmptyCollectionReturnsAtOnce(ReturnWhen returnWhen) throws Exception {
        DoneAndNotDone<Future<?>> r = Futures.wait(List.of(), returnWhen);

        assertThat(r.done()).isEmpty();
        assertThat(r.notDone()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void aZeroTimeoutOnlyLooks(ReturnWhen returnWhen) throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        SettableFuture<Integer> c = pending();

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, b, c), Duration.ZERO, returnWhen);

        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a, c);
        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(c)).isZero();
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void whenTheTimeoutElapsesThePendingAreNotDone(ReturnWhen returnWhen) throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = returnWhen == ReturnWhen.FIRST_COMPLETED ? pending() : done(3);
        CompletableFuture<Integer> d = new CompletableFuture<>();

        long start = System.nanoTime();
        DoneAndNotDone<Future<Integer>> r = Futures.wait(List.<Future<Integer>>of(a, b, c, d), SHORT, returnWhen);

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(r.notDone()).contains(a, b, d);
        assertThat(r.done().size() + r.notDone().size()).isEqualTo(4);
        assertThat(WaiterStack.size(a)).as("a timed-out wait leaves no callback").isZero();
        assertThat(WaiterStack.size(b)).isZero();
    }

    @Test
    void aHugeTimeoutDoesNotOverflow() throws Exception {
        SettableFuture<Integer> a = pending();
        var w = startWait(() -> Futures.wait(List.of(a), Duration.ofSeconds(Long.MAX_VALUE), ReturnWhen.ALL_COMPLETED))
                .awaitBlocked();

        a.setResult(1);

        assertThat(w.join().done()).containsExactly(a);
    }

    @Test
    void theResultKeepsTheInputOrderAndCannotBeModified() throws Exception {
        List<SettableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fs.add(i % 3 == 0 ? done(i) : pending());
        }

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(fs, Duration.ZERO, ReturnWhen.ALL_COMPLETED);

        assertThat(r.done()).containsExactly(fs.get(0), fs.get(3), fs.get(6), fs.get(9));
        assertThat(r.notDone()).containsExactly(fs.get(1), fs.get(2), fs.get(4), fs.get(5), fs.get(7), fs.get(8));
        assertThatThrownBy(() -> r.done().add(pending())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.notDone().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ------------------------------------------------------------ duplicates

    @Test
    void aFutureGivenTwiceIsWaitedForAndReturnedOnce() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = done(2);
        var w = startWait(() -> Futures.wait(List.of(a, b, a, b, a), ReturnWhen.ALL_COMPLETED)).awaitBlocked();
        WaiterStack.awaitSize(a, 1); // one callback, not three

        a.setResult(1);

        DoneAndNotDone<SettableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void duplicatesAreCountedOnceWhenTheTimeoutElapses() throws Exception {
        SettableFuture<Integer> a = pending();

        DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, a), Duration.ofMillis(10), ReturnWhen.ALL_COMPLETED);

        assertThat(r.notDone()).containsExactly(a);
    }

    // ------------------------------------------------------------ other futures

    @Test
    void completableFuturesArePolled() throws Exception {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        var w = startWait(() -> Futures.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED)).awaitBlocked();

        b.complete(2);

        DoneAndNotDone<CompletableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(b);
        assertThat(r.notDone()).containsExactly(a);
    }

    @Test
    void aFailedCompletableFutureIsAnException() throws Exception {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<Integer> c = new CompletableFuture<>();
        var w = startWait(() -> Futures.wait(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION)).awaitBlocked();

        a.cancel(false);
        w.awaitBlocked();
        b.completeExceptionally(new IOException());

        DoneAndNotDone<CompletableFuture<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b);
        assertThat(r.notDone()).containsExactly(c);
    }

    @Test
    void futureTasksArePolled() throws Exception {
        FutureTask<Integer> a = new FutureTask<>(() -> 1);
        FutureTask<Integer> b = new FutureTask<>(() -> {
            throw new IOException();
        });
        var w = startWait(() -> Futures.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED)).awaitBlocked();

        a.run();
        w.awaitBlocked();
        b.run();

        DoneAndNotDone<FutureTask<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(a, b);
    }

    @Test
    void aHandWrittenFutureIsPolled() throws Exception {
        FlagFuture a = new FlagFuture();
        var w = startWait(() -> Futures.wait(List.of(a), ReturnWhen.ALL_COMPLETED)).awaitBlocked();

        a.done = true;

        assertThat(w.join().done()).containsExactly(a);
    }

    @Test
    void mixedFuturesWaitTogether() throws Exception {
        SettableFuture<Integer> weft = pending();
        CompletableFuture<Integer> jdk = new CompletableFuture<>();
        FutureTask<Integer> task = new FutureTask<>(() -> 3);
        CompletableFuture<Integer> doneJdk = CompletableFuture.completedFuture(4);
        List<Future<Integer>> fs = List.of(weft, jdk, task, doneJdk);
        var w = startWait(() -> Futures.wait(fs, ReturnWhen.ALL_COMPLETED)).awaitBlocked();

        jdk.complete(2);
        w.awaitBlocked();
        weft.setResult(1);
        w.awaitBlocked();
        task.run();

        DoneAndNotDone<Future<Integer>> r = w.join();
        assertThat(r.done()).containsExactlyElementsOf(fs);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void mixedFuturesFirstCompletedByTheWeftOne() throws Exception {
        SettableFuture<Integer> weft = pending();
        CompletableFuture<Integer> jdk = new CompletableFuture<>();
        var w = startWait(() -> Futures.wait(List.<Future<Integer>>of(jdk, weft), ReturnWhen.FIRST_COMPLETED)).awaitBlocked();

        weft.setResult(1);

        DoneAndNotDone<Future<Integer>> r = w.join();
        assertThat(r.done()).containsExactly(weft);
        assertThat(r.notDone()).containsExactly(jdk);
    }

    // ------------------------------------------------------------ interrupts and bad arguments

    @Test
    void interruptingAWaitThrowsInterruptedExceptionAndRemovesItsCallbacks() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        CompletableFuture<Integer> c = new CompletableFuture<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        var w = TestThreads.start("waiter", () -> {
            try {
                Futures.wait(List.<Future<Integer>>of(a, b, c), ReturnWhen.ALL_COMPLETED);
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        w.awaitBlocked();

        w.thread().interrupt();

        w.joinSuccessfully();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(b)).isZero();
        assertThat(a.done()).isFalse();
        assertThat(c.isDone()).isFalse();
    }

    @Test
    void interruptingATimedWaitThrowsInterruptedException() throws Exception {
        SettableFuture<Integer> a = pending();
        var w = TestThreads.start("waiter", () -> Futures.wait(List.of(a), TestThreads.LONG, ReturnWhen.FIRST_COMPLETED));
        w.awaitBlocked();

        w.thread().interrupt();

        assertThat(w.join()).isInstanceOf(InterruptedException.class);
        assertThat(WaiterStack.size(a)).isZero();
    }

    @Test
    void anInterruptedThreadThrowsAtOnceWhenItWouldWait() {
        SettableFuture<Integer> a = pending();

        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Futures.wait(List.of(a))).isInstanceOf(InterruptedException.class);
        assertThat(WaiterStack.size(a)).isZero();
    }

    @Test
    void aNegativeTimeoutIsRejected() {
        SettableFuture<Integer> a = done(1);

        assertThatThrownBy(() -> Futures.wait(List.of(a), Duration.ofMillis(-1), ReturnWhen.ALL_COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullsAreRejected() {
        SettableFuture<Integer> a = done(1);
        List<SettableFuture<Integer>> withNull = Arrays.asList(a, null);

        assertThatThrownBy(() -> Futures.wait(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(withNull, ReturnWhen.FIRST_COMPLETED)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(List.of(a), (ReturnWhen) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(List.of(a), (Duration) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(List.of(a), null, ReturnWhen.ALL_COMPLETED)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Futures.wait(List.of(a), Duration.ZERO, null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------ nothing left behind

    @Test
    void repeatedTimedOutWaitsLeaveNoCallbacksBehind() throws Exception {
        SettableFuture<Integer> a = pending();
        SettableFuture<Integer> b = pending();
        for (int i = 0; i < 10_000; i++) {
            Duration timeout = i % 2 == 0 ? Duration.ZERO : Duration.ofNanos(1_000);
            DoneAndNotDone<SettableFuture<Integer>> r = Futures.wait(List.of(a, b), timeout,
                    ReturnWhen.values()[i % 3]);
            assertThat(r.notDone()).hasSize(2);
        }

        assertThat(WaiterStack.size(a)).isZero();
        assertThat(WaiterStack.size(b)).isZero();
        assertThat(a.setResult(1)).isTrue();
        assertThat(Futures.wait(List.of(a, b), Duration.ZERO, ReturnWhen.FIRST_COMPLETED).done()).containsExactly(a);
    }

    @Test
    void waitsThatReturnBecauseOneCompletedLeaveNoCallbacksOnTheOthers() throws Exception {
        SettableFuture<Integer> longLived = pending();
        for (int i = 0; i < 1_000; i++) {
            SettableFuture<Integer> quick = pending();
            var w = startWait(() -> Futures.wait(List.of(longLived, quick), ReturnWhen.FIRST_COMPLETED));
            if (i % 100 == 0) {
                w.awaitBlocked();
            }
            quick.setResult(i);
            assertThat(w.join().done()).containsExactly(quick);
        }

        assertThat(WaiterStack.size(longLived)).isZero();
    }

    @Test
    void theWaitedFuturesAreNotChanged() throws Exception {
        SettableFuture<Integer> a = pending();
        a.setRunningOrNotifyCancel();

        Futures.wait(List.of(a), Duration.ofMillis(10), ReturnWhen.ALL_COMPLETED);

        assertThat(a.running()).isTrue();
        assertThat(a.setResult(1)).isTrue();
        assertThat(a.result()).isEqualTo(1);
    }

    /** A future that is done when its flag says so, and tells no one. */
    static final class FlagFuture implements Future<Integer> {
        volatile boolean done;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Integer get() throws ExecutionException {
            return 1;
        }

        @Override
        public Integer get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            return 1;
        }
    }
}
