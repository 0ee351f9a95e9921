package dev.weft.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link CompletionStage} side of {@link SettableFuture}: its stages behave as those of a
 * {@link CompletableFuture} completed with the same outcome (a result, a failure, a cancellation),
 * whether they are made before or after the future completes; a dependent stage of a failed
 * future sees a {@link CompletionException} with the failure as its cause; completing a stage
 * never changes the future; and {@code toCompletableFuture()} gives an independent copy whose
 * cancellation cancels the future only while it is pending.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompletionStageTest {

    private static final IOException BOOM = new IOException("boom");

    /** How a future ends in a test. */
    enum Outcome {
        RESULT(f -> f.setResult(6), cf -> cf.complete(6)),
        FAILURE(f -> f.setException(BOOM), cf -> cf.completeExceptionally(BOOM)),
        CANCELLATION(f -> f.cancel(), cf -> cf.cancel(false));

        final Consumer<SettableFuture<Integer>> weft;
        final Consumer<CompletableFuture<Integer>> jdk;

        Outcome(Consumer<SettableFuture<Integer>> weft, Consumer<CompletableFuture<Integer>> jdk) {
            this.weft = weft;
            this.jdk = jdk;
        }
    }

    /** What a stage ended with, comparable across futures: the value, or the exception's chain of classes. */
    private static String describe(CompletionStage<?> stage) {
        CompletableFuture<?> cf = stage.toCompletableFuture();
        assertThat(cf.isDone()).as("stage done").isTrue();
        try {
            return "value " + cf.join();
        } catch (CompletionException | CancellationException e) {
            StringBuilder sb = new StringBuilder("threw");
            for (Throwable t = e; t != null; t = t.getCause()) {
                sb.append(' ').append(t.getClass().getSimpleName());
            }
            return sb.toString();
        }
    }

    private static String describeThrowable(Throwable e) {
        if (e == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(' ');
        }
        return sb.toString().trim();
    }

    /** Applies the same chain to a WeftFuture and a CompletableFuture, before or after completing both. */
    private static void assertSameAsCompletableFuture(Outcome outcome, boolean chainFirst,
            Function<CompletionStage<Integer>, CompletionStage<?>> chain) {
        SettableFuture<Integer> weft = new SettableFuture<>();
        CompletableFuture<Integer> jdk = new CompletableFuture<>();
        CompletionStage<?> fromWeft = null;
        CompletionStage<?> fromJdk = null;
        if (chainFirst) {
            fromWeft = chain.apply(weft);
            fromJdk = chain.apply(jdk);
            assertThat(fromWeft.toCompletableFuture().isDone()).as("not done before the future").isFalse();
        }
        outcome.weft.accept(weft);
        outcome.jdk.accept(jdk);
        if (!chainFirst) {
            fromWeft = chain.apply(weft);
            fromJdk = chain.apply(jdk);
        }
        assertThat(describe(fromWeft)).isEqualTo(describe(fromJdk));
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyCommonStageBehavesAsACompletableFutures(Outcome outcome) {
        List<Function<CompletionStage<Integer>, CompletionStage<?>>> chains = List.of(
                s -> s.thenApply(x -> x + 1),
                s -> s.thenAccept(x -> {}),
                s -> s.thenRun(() -> {}),
                s -> s.thenCompose(x -> CompletableFuture.completedFuture(x * 2)),
                s -> s.exceptionally(e -> -1),
                s -> s.handle((v, e) -> v + " / " + describeThrowable(e)),
                s -> s.whenComplete((v, e) -> {}),
                s -> s.thenApply(x -> x + 1).exceptionally(e -> e instanceof CompletionException ? -2 : -3),
                s -> s.thenApply(x -> x + 1).handle((v, e) -> v + " / " + describeThrowable(e)),
                s -> s.thenCombine(CompletableFuture.completedFuture(1), Integer::sum),
                s -> s.applyToEither(new CompletableFuture<Integer>(), x -> x),
                s -> s.exceptionallyCompose(e -> CompletableFuture.completedFuture(-4)));
        for (boolean chainFirst : new boolean[] {true, false}) {
            for (var chain : chains) {
                assertSameAsCompletableFuture(outcome, chainFirst, chain);
            }
        }
    }

    @Test
    void thenApplyOnSuccess() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletionStage<String> s = f.thenApply(x -> "got " + x);

        f.setResult(1);

        assertThat(s.toCompletableFuture().get()).isEqualTo("got 1");
        assertThat(f.thenApply(x -> x + 1).toCompletableFuture().join()).as("after completion").isEqualTo(2);
    }

    @Test
    void aDependentOfAFailedFutureSeesACompletionExceptionWithTheCause() {
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletionStage<Integer> s = f.thenApply(x -> x + 1);
        AtomicReference<Throwable> handled = new AtomicReference<>();
        CompletionStage<Integer> h = s.handle((v, e) -> {
            handled.set(e);
            return 0;
        });

        f.setException(BOOM);

        assertThatThrownBy(() -> s.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isSameAs(BOOM);
        assertThatThrownBy(() -> s.toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .cause().isSameAs(BOOM);
        assertThat(h.toCompletableFuture().join()).isZero();
        assertThat(handled.get()).isInstanceOf(CompletionException.class).cause().isSameAs(BOOM);
    }

    @Test
    void handleWhenCompleteAndExceptionallyOnTheFutureItselfSeeTheFailure() {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicReference<Throwable> inHandle = new AtomicReference<>();
        AtomicReference<Throwable> inWhenComplete = new AtomicReference<>();
        AtomicReference<Throwable> inExceptionally = new AtomicReference<>();
        CompletionStage<Integer> handled = f.handle((v, e) -> {
            inHandle.set(e);
            return -1;
        });
        CompletionStage<Integer> watched = f.whenComplete((v, e) -> inWhenComplete.set(e));
        CompletionStage<Integer> recovered = f.exceptionally(e -> {
            inExceptionally.set(e);
            return -2;
        });

        f.setException(BOOM);

        // As with a CompletableFuture completed exceptionally: the functions get the failure itself.
        assertThat(inHandle.get()).isSameAs(BOOM);
        assertThat(inWhenComplete.get()).isSameAs(BOOM);
        assertThat(inExceptionally.get()).isSameAs(BOOM);
        assertThat(handled.toCompletableFuture().join()).isEqualTo(-1);
        assertThat(recovered.toCompletableFuture().join()).isEqualTo(-2);
        assertThatThrownBy(() -> watched.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isSameAs(BOOM);
    }

    @Test
    void stagesOfACancelledFutureSeeACancellation() {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicReference<Throwable> inHandle = new AtomicReference<>();
        CompletionStage<Integer> handled = f.handle((v, e) -> {
            inHandle.set(e);
            return -1;
        });
        CompletionStage<Integer> applied = f.thenApply(x -> x + 1);

        f.cancel();

        assertThat(inHandle.get()).isInstanceOf(CancellationException.class);
        assertThat(handled.toCompletableFuture().join()).isEqualTo(-1);
        assertThatThrownBy(() -> applied.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(CancellationException.class);
    }

    @Test
    void thenComposeChainsAnotherStage() {
        SettableFuture<Integer> f = new SettableFuture<>();
        SettableFuture<String> inner = new SettableFuture<>();
        CompletionStage<String> composed = f.thenCompose(x -> inner.thenApply(s -> s + x));

        f.setResult(1);
        assertThat(composed.toCompletableFuture().isDone()).isFalse();
        inner.setResult("n=");

        assertThat(composed.toCompletableFuture().join()).isEqualTo("n=1");
    }

    @Test
    void thenComposeWithAFailingInnerStageFails() {
        SettableFuture<Integer> f = new SettableFuture<>();
        SettableFuture<String> inner = new SettableFuture<>();
        CompletionStage<String> composed = f.thenCompose(x -> inner);

        f.setResult(1);
        inner.setException(BOOM);

        assertThatThrownBy(() -> composed.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isSameAs(BOOM);
    }

    @Test
    void nonAsyncStagesOfAPendingFutureRunInTheCompletingThread() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        CompletionStage<Integer> s = f.thenApply(x -> {
            ranIn.set(Thread.currentThread());
            return x;
        });

        var completer = TestThreads.start("completer", () -> f.setResult(1));
        completer.joinSuccessfully();

        assertThat(ranIn.get()).isSameAs(completer.thread());
        assertThat(s.toCompletableFuture().join()).isEqualTo(1);
    }

    @Test
    void asyncStagesRunInTheGivenExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "stage-pool"));
        try {
            SettableFuture<Integer> f = new SettableFuture<>();
            CompletionStage<String> s = f.thenApplyAsync(x -> Thread.currentThread().getName() + ":" + x, pool);
            CompletionStage<String> h = f.handleAsync((v, e) -> Thread.currentThread().getName(), pool);

            f.setResult(3);

            assertThat(s.toCompletableFuture().get(TestThreads.LONG.toSeconds(), TimeUnit.SECONDS)).isEqualTo("stage-pool:3");
            assertThat(h.toCompletableFuture().get(TestThreads.LONG.toSeconds(), TimeUnit.SECONDS)).isEqualTo("stage-pool");
            assertThat(f.thenApplyAsync(x -> x + 1).toCompletableFuture().get(TestThreads.LONG.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completingADependentStageDoesNotChangeTheFuture() {
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletableFuture<Integer> applied = f.thenApply(x -> x).toCompletableFuture();
        CompletableFuture<Integer> watched = f.whenComplete((v, e) -> {}).toCompletableFuture();
        CompletableFuture<Integer> recovered = f.exceptionally(e -> 0).toCompletableFuture();

        applied.complete(5);
        watched.cancel(true);
        recovered.completeExceptionally(BOOM);

        assertThat(f.done()).isFalse();
        assertThat(f.setResult(1)).isTrue();
        assertThat(f.thenApply(x -> x).toCompletableFuture().join()).isEqualTo(1);
    }

    // ------------------------------------------------------------ toCompletableFuture

    @Test
    void toCompletableFutureCompletesAsTheFutureDoes() throws Exception {
        SettableFuture<Integer> ok = new SettableFuture<>();
        SettableFuture<Integer> failed = new SettableFuture<>();
        SettableFuture<Integer> cancelled = new SettableFuture<>();
        CompletableFuture<Integer> okCopy = ok.toCompletableFuture();
        CompletableFuture<Integer> failedCopy = failed.toCompletableFuture();
        CompletableFuture<Integer> cancelledCopy = cancelled.toCompletableFuture();
        assertThat(okCopy.isDone()).isFalse();

        ok.setResult(1);
        failed.setException(BOOM);
        cancelled.cancel();

        assertThat(okCopy.get()).isEqualTo(1);
        assertThatThrownBy(failedCopy::get).isInstanceOf(ExecutionException.class).cause().isSameAs(BOOM);
        assertThatThrownBy(failedCopy::join).isInstanceOf(CompletionException.class).cause().isSameAs(BOOM);
        assertThat(cancelledCopy.isCancelled()).isTrue();
    }

    @Test
    void toCompletableFutureOfADoneFutureIsDone() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(2);

        CompletableFuture<Integer> copy = f.toCompletableFuture();

        assertThat(copy.isDone()).isTrue();
        assertThat(copy.join()).isEqualTo(2);
    }

    @Test
    void toCompletableFutureReturnsAFreshCopyEachTime() {
        SettableFuture<Integer> f = new SettableFuture<>();

        CompletableFuture<Integer> a = f.toCompletableFuture();
        CompletableFuture<Integer> b = f.toCompletableFuture();
        a.complete(1);

        assertThat(a).isNotSameAs(b);
        assertThat(b.isDone()).isFalse();
    }

    @Test
    void completingTheCopyDoesNotChangeTheFuture() throws Exception {
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletableFuture<Integer> copy = f.toCompletableFuture();
        CompletableFuture<Integer> failedCopy = f.toCompletableFuture();

        copy.complete(99);
        failedCopy.completeExceptionally(BOOM);

        assertThat(f.done()).isFalse();
        assertThat(f.setResult(1)).isTrue();
        assertThat(f.result()).isEqualTo(1);
        assertThat(copy.join()).as("the copy keeps what it was given").isEqualTo(99);
    }

    @Test
    void cancellingTheCopyCancelsAPendingFuture() {
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletableFuture<Integer> copy = f.toCompletableFuture();
        CompletableFuture<Integer> other = f.toCompletableFuture();

        assertThat(copy.cancel(false)).isTrue();

        assertThat(f.cancelled()).isTrue();
        assertThat(other.isCancelled()).isTrue();
    }

    @Test
    void cancellingTheCopyDoesNotCancelARunningOrDoneFuture() throws Exception {
        SettableFuture<Integer> running = new SettableFuture<>();
        running.setRunningOrNotifyCancel();
        SettableFuture<Integer> done = new SettableFuture<>();
        done.setResult(1);
        CompletableFuture<Integer> runningCopy = running.toCompletableFuture();

        assertThat(runningCopy.cancel(true)).isTrue();
        assertThat(done.toCompletableFuture().cancel(true)).as("the copy was already complete").isFalse();

        assertThat(running.running()).isTrue();
        assertThat(running.cancelled()).isFalse();
        assertThat(running.setResult(2)).isTrue();
        assertThat(runningCopy.isCancelled()).as("the copy stays as it was").isTrue();
        assertThat(done.result()).isEqualTo(1);
    }

    @Test
    void copiesJoinTheCompletableFutureWorld() {
        List<SettableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(new SettableFuture<>());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(
                fs.stream().map(SettableFuture::toCompletableFuture).toArray(CompletableFuture[]::new));

        for (int i = 4; i >= 0; i--) {
            assertThat(all.isDone()).isFalse();
            fs.get(i).setResult(i);
        }

        assertThat(all.isDone()).isTrue();
        assertThat(all.isCompletedExceptionally()).isFalse();
    }
}
