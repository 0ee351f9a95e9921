package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link SettableFuture}: Python's {@code Future} states (pending, running, done with
 * a result, an exception or cancelled), {@code cancel} only while pending, the producer's
 * {@code setRunningOrNotifyCancel}/{@code setResult}/{@code setException}, the waiting methods with
 * and without timeouts (zero, negative, elapsing), interrupts, the {@code *Now} accessors and
 * {@code toString}, done callbacks (when and where they run, their order, a throwing one), and that
 * waiters which give up leave nothing on the waiter stack.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SettableFutureTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    // ------------------------------------------------------------ states

    @Test
    void aNewFutureIsPending() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThat(f.done()).isFalse();
        assertThat(f.isDone()).isFalse();
        assertThat(f.running()).isFalse();
        assertThat(f.cancelled()).isFalse();
        assertThat(f.isCancelled()).isFalse();
        assertThat(f.state()).as("Future.State has no pending").isEqualTo(Future.State.RUNNING);
        assertThat(f.toString()).isEqualTo("SettableFuture[pending]");
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void setRunningOrNotifyCancelMakesAPendingFutureRunning() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThat(f.setRunningOrNotifyCancel()).isTrue();

        assertThat(f.running()).isTrue();
        assertThat(f.done()).isFalse();
        assertThat(f.cancelled()).isFalse();
        assertThat(f.state()).isEqualTo(Future.State.RUNNING);
        assertThat(f.toString()).isEqualTo("SettableFuture[running]");
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void setRunningOrNotifyCancelThrowsWhenAlreadyRunning() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setRunningOrNotifyCancel();

        assertThatThrownBy(f::setRunningOrNotifyCancel)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running");
        assertThat(f.running()).isTrue();
    }

    @Test
    void setRunningOrNotifyCancelThrowsWhenDoneWithAResultOrAnException() {
        SettableFuture<Integer> ok = new SettableFuture<>();
        ok.setResult(1);
        SettableFuture<Integer> failed = new SettableFuture<>();
        failed.setException(new IOException("x"));

        assertThatThrownBy(ok::setRunningOrNotifyCancel).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(failed::setRunningOrNotifyCancel).isInstanceOf(IllegalStateException.class);
        assertThat(ok.resultNow()).isEqualTo(1);
        assertThat(failed.running()).isFalse();
    }

    @Test
    void setRunningOrNotifyCancelReturnsFalseAfterCancel() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();

        assertThat(f.setRunningOrNotifyCancel()).isFalse();
        assertThat(f.running()).isFalse();
        assertThat(f.cancelled()).isTrue();
    }

    @Test
    void setResultCompletesAPendingOrRunningFuture() throws Exception {
        SettableFuture<Integer> pending = new SettableFuture<>();
        SettableFuture<Integer> running = new SettableFuture<>();
        running.setRunningOrNotifyCancel();

        assertThat(pending.setResult(7)).isTrue();
        assertThat(running.setResult(8)).isTrue();

        for (SettableFuture<Integer> f : List.of(pending, running)) {
            assertThat(f.done()).isTrue();
            assertThat(f.running()).isFalse();
            assertThat(f.cancelled()).isFalse();
            assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(f.toString()).isEqualTo("SettableFuture[finished returned Integer]");
            assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
            assertThat(f.exception()).isNull();
            assertThat(f.exception(Duration.ZERO)).isNull();
        }
        assertThat(pending.resultNow()).isEqualTo(7);
        assertThat(pending.result()).isEqualTo(7);
        assertThat(pending.get()).isEqualTo(7);
        assertThat(pending.result(Duration.ZERO)).isEqualTo(7);
        assertThat(pending.result(TestThreads.LONG)).isEqualTo(7);
        assertThat(pending.get(0, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(running.resultNow()).isEqualTo(8);
    }

    @Test
    void aNullResultIsAResult() throws Exception {
        SettableFuture<String> f = new SettableFuture<>();

        assertThat(f.setResult(null)).isTrue();

        assertThat(f.done()).isTrue();
        assertThat(f.state()).isEqualTo(Future.State.SUCCESS);
        assertThat(f.resultNow()).isNull();
        assertThat(f.result()).isNull();
        assertThat(f.result(Duration.ZERO)).isNull();
        assertThat(f.exception()).isNull();
        assertThat(f.toString()).isEqualTo("SettableFuture[finished returned null]");
        assertThat(f.setResult("late")).isFalse();
        assertThat(f.resultNow()).isNull();
    }

    @Test
    void setExceptionCompletesTheFutureWithThatException() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        IOException boom = new IOException("boom");

        assertThat(f.setException(boom)).isTrue();

        assertThat(f.done()).isTrue();
        assertThat(f.cancelled()).isFalse();
        assertThat(f.state()).isEqualTo(Future.State.FAILED);
        assertThat(f.toString()).isEqualTo("SettableFuture[finished raised IOException]");
        assertThat(f.exception()).isSameAs(boom);
        assertThat(f.exception(Duration.ZERO)).isSameAs(boom);
        assertThat(f.exceptionNow()).isSameAs(boom);
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(f::result).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
    }

    @Test
    void anErrorIsAnExceptionToo() {
        SettableFuture<Integer> f = new SettableFuture<>();
        Error error = new StackOverflowError();

        f.setException(error);

        assertThat(f.exceptionNow()).isSameAs(error);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(error);
    }

    @Test
    void setExceptionRejectsNull() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThatThrownBy(() -> f.setException(null)).isInstanceOf(NullPointerException.class);
        assertThat(f.done()).isFalse();
    }

    @Test
    void setResultAndSetExceptionReturnFalseOnceDoneAndChangeNothing() throws Exception {
        SettableFuture<Integer> ok = new SettableFuture<>();
        ok.setResult(1);
        SettableFuture<Integer> failed = new SettableFuture<>();
        IOException boom = new IOException();
        failed.setException(boom);
        SettableFuture<Integer> cancelled = new SettableFuture<>();
        cancelled.cancel();

        for (SettableFuture<Integer> f : List.of(ok, failed, cancelled)) {
            assertThat(f.setResult(2)).isFalse();
            assertThat(f.setException(new IllegalStateException())).isFalse();
        }

        assertThat(ok.result()).isEqualTo(1);
        assertThat(failed.exception()).isSameAs(boom);
        assertThat(cancelled.cancelled()).isTrue();
    }

    // ------------------------------------------------------------ cancel

    @Test
    void cancelSucceedsWhilePending() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThat(f.cancel()).isTrue();

        assertThat(f.cancelled()).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThat(f.done()).isTrue();
        assertThat(f.running()).isFalse();
        assertThat(f.state()).isEqualTo(Future.State.CANCELLED);
        assertThat(f.toString()).isEqualTo("SettableFuture[cancelled]");
    }

    @Test
    void cancelWithInterruptAlsoCancelsAPendingFuture() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThat(f.cancel(true)).isTrue();

        assertThat(f.cancelled()).isTrue();
    }

    @Test
    void cancelReturnsTrueAgainOnceCancelled() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();

        assertThat(f.cancel()).isTrue();
        assertThat(f.cancel(true)).isTrue();
        assertThat(f.cancel(false)).isTrue();
        assertThat(f.cancelled()).isTrue();
    }

    @Test
    void cancelFailsWhileRunning() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setRunningOrNotifyCancel();

        assertThat(f.cancel()).isFalse();
        assertThat(f.cancel(false)).isFalse();

        assertThat(f.running()).isTrue();
        assertThat(f.cancelled()).isFalse();
        assertThat(f.setResult(3)).isTrue();
        assertThat(f.result()).isEqualTo(3);
    }

    @Test
    void cancelWithInterruptOnAPlainRunningFutureFailsAndLeavesItRunning() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setRunningOrNotifyCancel();

        assertThat(f.cancel(true)).isFalse();

        assertThat(f.running()).isTrue();
        assertThat(f.cancelled()).isFalse();
        assertThat(f.toString()).isEqualTo("SettableFuture[running]");
        assertThat(f.cancel(true)).as("a second try fails the same way").isFalse();
        assertThat(f.setResult(4)).isTrue();
        assertThat(f.result()).isEqualTo(4);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void cancelFailsOnceDone() throws Exception {
        SettableFuture<Integer> ok = new SettableFuture<>();
        ok.setResult(1);
        SettableFuture<Integer> failed = new SettableFuture<>();
        failed.setException(new IOException());

        for (SettableFuture<Integer> f : List.of(ok, failed)) {
            assertThat(f.cancel()).isFalse();
            assertThat(f.cancel(true)).isFalse();
            assertThat(f.cancelled()).isFalse();
        }
        assertThat(ok.result()).isEqualTo(1);
        assertThat(failed.exception()).isInstanceOf(IOException.class);
    }

    @Test
    void aCancelledFutureThrowsCancellationExceptionFromEveryWait() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();

        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        assertThatThrownBy(f::result).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> f.result(TestThreads.LONG)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(f::exception).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> f.exception(Duration.ZERO)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(f::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(f::exceptionNow).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------ timeouts

    @Test
    void aZeroTimeoutOnAPendingFutureTimesOutWithoutWaiting() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.exception(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.get(0, TimeUnit.NANOSECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(f.done()).isFalse();
        assertThat(WaiterStack.size(f)).as("a zero wait never pushes a waiter").isZero();
    }

    @Test
    void aTimedWaitOnAPendingFutureTimesOutAfterAtLeastTheTimeout() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setRunningOrNotifyCancel();

        long start = System.nanoTime();
        assertThatThrownBy(() -> f.result(SHORT))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("running");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());

        start = System.nanoTime();
        assertThatThrownBy(() -> f.exception(SHORT)).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());

        start = System.nanoTime();
        assertThatThrownBy(() -> f.get(SHORT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());

        assertThat(f.running()).as("a timeout does not affect the future").isTrue();
        assertThat(WaiterStack.size(f)).isZero();
        assertThat(f.setResult(1)).isTrue();
        assertThat(f.resultNow()).isEqualTo(1);
    }

    @Test
    void aNegativeDurationIsRejected() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(1);
        Duration negative = Duration.ofNanos(-1);

        assertThatThrownBy(() -> f.result(negative)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.exception(negative)).isInstanceOf(IllegalArgumentException.class);
        SettableFuture<Integer> pending = new SettableFuture<>();
        assertThatThrownBy(() -> pending.result(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pending.exception(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullDurationIsRejected() {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThatThrownBy(() -> f.result(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> f.exception(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void getTreatsANegativeTimeAsZero() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();

        assertThatThrownBy(() -> f.get(-5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.get(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.get(Long.MIN_VALUE, TimeUnit.DAYS)).isInstanceOf(TimeoutException.class);

        f.setResult(5);
        assertThat(f.get(-5, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(f.get(Long.MIN_VALUE, TimeUnit.DAYS)).isEqualTo(5);
    }

    @Test
    void hugeTimeoutsDoNotOverflow() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicReference<Integer> viaResult = new AtomicReference<>();
        AtomicReference<Integer> viaGet = new AtomicReference<>();
        var a = TestThreads.start("result", () -> viaResult.set(f.result(Duration.ofSeconds(Long.MAX_VALUE))));
        var b = TestThreads.start("get", () -> viaGet.set(f.get(Long.MAX_VALUE, TimeUnit.DAYS)));
        a.awaitBlocked();
        b.awaitBlocked();

        f.setResult(9);

        a.joinSuccessfully();
        b.joinSuccessfully();
        assertThat(viaResult.get()).isEqualTo(9);
        assertThat(viaGet.get()).isEqualTo(9);
    }

    // ------------------------------------------------------------ waiting for another thread

    @Test
    void blockedWaitersOfEveryKindAreReleasedByTheResult() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<Object> seen = new CopyOnWriteArrayList<>();
        List<TestThreads.Checked> waiters = List.of(
                TestThreads.start("get", () -> seen.add(f.get())),
                TestThreads.start("result", () -> seen.add(f.result())),
                TestThreads.start("timed-result", () -> seen.add(f.result(TestThreads.LONG))),
                TestThreads.start("timed-get", () -> seen.add(f.get(1, TimeUnit.HOURS))),
                TestThreads.start("exception", () -> seen.add(String.valueOf(f.exception()))),
                TestThreads.start("timed-exception", () -> seen.add(String.valueOf(f.exception(TestThreads.LONG)))));
        for (TestThreads.Checked w : waiters) {
            w.awaitBlocked();
        }
        WaiterStack.awaitSize(f, waiters.size());

        f.setResult(42);

        for (TestThreads.Checked w : waiters) {
            w.joinSuccessfully();
        }
        assertThat(seen).containsExactlyInAnyOrder(42, 42, 42, 42, "null", "null");
        assertThat(WaiterStack.released(f)).isTrue();
    }

    @Test
    void blockedWaitersSeeTheException() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        IOException boom = new IOException("boom");
        AtomicReference<Throwable> fromResult = new AtomicReference<>();
        AtomicReference<Throwable> fromException = new AtomicReference<>();
        var a = TestThreads.start("result", () -> {
            try {
                f.result(TestThreads.LONG);
            } catch (ExecutionException e) {
                fromResult.set(e.getCause());
            }
        });
        var b = TestThreads.start("exception", () -> fromException.set(f.exception()));
        a.awaitBlocked();
        b.awaitBlocked();

        f.setException(boom);

        a.joinSuccessfully();
        b.joinSuccessfully();
        assertThat(fromResult.get()).isSameAs(boom);
        assertThat(fromException.get()).isSameAs(boom);
    }

    @Test
    void blockedWaitersAreReleasedByCancel() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        List<TestThreads.Checked> waiters = List.of(
                TestThreads.start("get", () -> {
                    try {
                        f.get();
                    } catch (CancellationException e) {
                        thrown.add(e);
                    }
                }),
                TestThreads.start("timed-exception", () -> {
                    try {
                        f.exception(TestThreads.LONG);
                    } catch (CancellationException e) {
                        thrown.add(e);
                    }
                }));
        for (TestThreads.Checked w : waiters) {
            w.awaitBlocked();
        }

        assertThat(f.cancel()).isTrue();

        for (TestThreads.Checked w : waiters) {
            w.joinSuccessfully();
        }
        assertThat(thrown).hasSize(2).allMatch(CancellationException.class::isInstance);
    }

    // ------------------------------------------------------------ interrupts

    @Test
    void interruptingABlockedWaiterThrowsInterruptedExceptionAndLeavesTheFutureAlone() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<TestThreads.Checked> waiters = new ArrayList<>();
        waiters.add(TestThreads.start("get", f::get));
        waiters.add(TestThreads.start("timed-result", () -> f.result(TestThreads.LONG)));
        waiters.add(TestThreads.start("exception", f::exception));
        for (TestThreads.Checked w : waiters) {
            w.awaitBlocked();
        }

        for (TestThreads.Checked w : waiters) {
            w.thread().interrupt();
        }

        for (TestThreads.Checked w : waiters) {
            assertThat(w.join()).isInstanceOf(InterruptedException.class);
        }
        assertThat(f.done()).isFalse();
        assertThat(WaiterStack.size(f)).as("interrupted waiters unlink themselves").isZero();
        assertThat(f.setResult(1)).isTrue();
        assertThat(f.result()).isEqualTo(1);
    }

    @Test
    void anInterruptedThreadThrowsAtOnceOnAPendingFuture() {
        SettableFuture<Integer> f = new SettableFuture<>();

        Thread.currentThread().interrupt();
        assertThatThrownBy(f::get).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("the status is consumed").isFalse();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> f.result(TestThreads.LONG)).isInstanceOf(InterruptedException.class);

        Thread.currentThread().interrupt();
        assertThatThrownBy(f::exception).isInstanceOf(InterruptedException.class);
        assertThat(f.done()).isFalse();
        assertThat(WaiterStack.size(f)).isZero();
    }

    @Test
    void anInterruptedThreadStillGetsTheResultOfADoneFuture() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(3);

        Thread.currentThread().interrupt();
        assertThat(f.get()).isEqualTo(3);
        assertThat(f.result(TestThreads.LONG)).isEqualTo(3);
        assertThat(Thread.currentThread().isInterrupted()).as("the status is left alone").isTrue();
    }

    // ------------------------------------------------------------ callbacks

    @Test
    void aCallbackAddedToADoneFutureRunsAtOnceInTheCallingThread() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(1);
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        AtomicReference<WeftFuture<Integer>> got = new AtomicReference<>();

        f.addDoneCallback(done -> {
            ranIn.set(Thread.currentThread());
            got.set(done);
        });

        assertThat(ranIn.get()).isSameAs(Thread.currentThread());
        assertThat((Object) got.get()).isSameAs(f);
    }

    @Test
    void callbacksOfAPendingFutureRunInTheCompletingThreadInTheOrderAdded() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> {
                assertThat(done.isDone()).isTrue();
                order.add("cb" + n + ":" + done.resultNow());
                threads.add(Thread.currentThread());
            });
        }
        assertThat(order).isEmpty();

        var completer = TestThreads.start("completer", () -> f.setResult(7));
        completer.joinSuccessfully();

        assertThat(order).containsExactly("cb0:7", "cb1:7", "cb2:7", "cb3:7", "cb4:7");
        assertThat(threads).containsOnly(completer.thread());
    }

    @Test
    void callbacksRunOnCancelAndOnException() {
        SettableFuture<Integer> cancelled = new SettableFuture<>();
        SettableFuture<Integer> failed = new SettableFuture<>();
        List<String> seen = new ArrayList<>();
        cancelled.addDoneCallback(done -> seen.add("cancelled=" + done.cancelled()));
        failed.addDoneCallback(done -> seen.add("failed=" + done.exceptionNow().getMessage()));

        cancelled.cancel();
        failed.setException(new IOException("x"));

        assertThat(seen).containsExactly("cancelled=true", "failed=x");
    }

    @Test
    void callbacksRunOnceEvenIfCompletionIsAttemptedAgain() {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicInteger runs = new AtomicInteger();
        f.addDoneCallback(done -> runs.incrementAndGet());

        f.setResult(1);
        f.setResult(2);
        f.setException(new IOException());
        f.cancel();

        assertThat(runs).hasValue(1);
    }

    @Test
    void aThrowingCallbackIsLoggedAndDoesNotStopTheOthers() {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<String> ran = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        f.addDoneCallback(done -> ran.add("first"));
        f.addDoneCallback(done -> {
            ran.add("thrower");
            throw boom;
        });
        f.addDoneCallback(done -> {
            ran.add("error-thrower");
            throw new AssertionError("worse");
        });
        f.addDoneCallback(done -> ran.add("last"));

        List<LogRecord> records;
        try (LogCapture log = new LogCapture()) {
            assertThat(f.setResult(1)).as("the callbacks' exceptions do not reach the completer").isTrue();
            records = log.records();
        }

        assertThat(ran).containsExactly("first", "thrower", "error-thrower", "last");
        assertThat(f.resultNow()).isEqualTo(1);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
        assertThat(records.get(0).getThrown()).isSameAs(boom);
        assertThat(records.get(1).getThrown()).isInstanceOf(AssertionError.class).hasMessage("worse");
    }

    @Test
    void aThrowingCallbackAddedToADoneFutureIsLoggedNotThrown() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(1);
        RuntimeException boom = new RuntimeException("boom");

        try (LogCapture log = new LogCapture()) {
            f.addDoneCallback(done -> {
                throw boom;
            });
            assertThat(log.records()).extracting(LogRecord::getThrown).containsExactly(boom);
        }
    }

    @Test
    void addDoneCallbackRejectsNull() {
        SettableFuture<Integer> pending = new SettableFuture<>();
        SettableFuture<Integer> done = new SettableFuture<>();
        done.setResult(1);

        assertThatThrownBy(() -> pending.addDoneCallback(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> done.addDoneCallback(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCallbackMayWaitOnItsFutureAndAddMoreCallbacks() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<String> seen = new ArrayList<>();
        f.addDoneCallback(done -> {
            try {
                seen.add("result " + done.result());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            done.addDoneCallback(again -> seen.add("nested"));
            seen.add("after nested");
        });
        f.addDoneCallback(done -> seen.add("second"));

        f.setResult(5);

        assertThat(seen).containsExactly("result 5", "nested", "after nested", "second");
    }

    @Test
    void waitersAreWokenBeforeTheCallbacksRun() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        CountDownLatch waiterReturned = new CountDownLatch(1);
        AtomicReference<Boolean> waiterWasFirst = new AtomicReference<>();
        var waiter = TestThreads.start("waiter", () -> {
            f.result();
            waiterReturned.countDown();
        });
        waiter.awaitBlocked();
        f.addDoneCallback(done -> {
            try {
                waiterWasFirst.set(waiterReturned.await(TestThreads.LONG.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        f.setResult(1);

        waiter.joinSuccessfully();
        assertThat(waiterWasFirst.get()).as("a callback that waits for a waiter does not deadlock").isTrue();
    }

    // ------------------------------------------------------------ the waiter stack does not grow

    @Test
    void manyZeroTimeoutWaitsLeaveNothingBehind() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        for (int i = 0; i < 10_000; i++) {
            try {
                f.result(Duration.ZERO);
                throw new AssertionError("should have timed out");
            } catch (TimeoutException expected) {
                // as expected
            }
        }

        assertThat(WaiterStack.size(f)).isZero();
        assertThat(f.setResult(1)).isTrue();
        assertThat(f.result(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void manyShortTimedOutWaitsFromManyThreadsLeaveNothingBehind() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicInteger callbacks = new AtomicInteger();
        f.addDoneCallback(done -> callbacks.incrementAndGet());
        int threads = 4;
        int waits = 2_500;
        CountDownLatch start = new CountDownLatch(1);
        List<TestThreads.Checked> waiters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            waiters.add(TestThreads.start("short-waiter-" + t, () -> {
                start.await();
                for (int i = 0; i < waits; i++) {
                    try {
                        f.result(Duration.ofNanos(1_000 + (i % 7) * 3_000));
                        throw new AssertionError("should have timed out");
                    } catch (TimeoutException expected) {
                        // as expected
                    }
                }
            }));
        }
        start.countDown();
        for (TestThreads.Checked w : waiters) {
            w.joinSuccessfully();
        }

        assertThat(WaiterStack.size(f)).as("only the callback is left").isEqualTo(1);
        var waiter = TestThreads.start("waiter", f::result);
        waiter.awaitBlocked();
        assertThat(f.setResult(1)).isTrue();
        waiter.joinSuccessfully();
        assertThat(callbacks).hasValue(1);
    }

    @Test
    void manyInterruptedWaitersLeaveNothingBehind() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        List<TestThreads.Checked> waiters = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            waiters.add(TestThreads.start("waiter-" + i, i % 2 == 0 ? f::get : () -> f.result(TestThreads.LONG)));
        }
        for (TestThreads.Checked w : waiters) {
            w.awaitBlocked();
        }
        WaiterStack.awaitSize(f, 32);

        Collections.shuffle(waiters);
        for (TestThreads.Checked w : waiters) {
            w.thread().interrupt();
        }
        for (TestThreads.Checked w : waiters) {
            assertThat(w.join()).isInstanceOf(InterruptedException.class);
        }

        assertThat(WaiterStack.size(f)).isZero();
        assertThat(f.cancel()).isTrue();
    }

    // ------------------------------------------------------------ helpers

    /** Captures what the {@code dev.weft.futures} logger logs, and keeps it from the console. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("dev.weft.futures");
        private final boolean parentHandlers;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        LogCapture() {
            parentHandlers = logger.getUseParentHandlers();
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parentHandlers);
        }
    }
}
