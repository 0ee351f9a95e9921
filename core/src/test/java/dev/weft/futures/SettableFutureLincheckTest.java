package dev.weft.futures;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of {@link SettableFuture}'s non-blocking operations ({@code setResult},
 * {@code setException}, {@code cancel} with and without interrupt, {@code setRunningOrNotifyCancel},
 * {@code isDone}, {@code isCancelled}, {@code running}, the outcome through {@code resultNow}/
 * {@code exceptionNow}/{@code state}, and {@code result(Duration.ZERO)}) against the sequential
 * future, with Lincheck's model checker and with stress runs.
 *
 * <p>Callbacks are checked by a validation function rather than by results, since a callback runs
 * after the future is done, not atomically with it: once every operation has returned, every
 * callback added must have run exactly once if the future is done, and none if it is not (a
 * removable callback removed meanwhile: at most once). Removing a callback unlinks a dead node from
 * the waiter stack while other threads push and complete, as a waiter that times out does.
 * Scenarios in which two unlinks race a completion beneath a live callback are always checked: a
 * slow unlink may write back a link another has bypassed while completion walks the stack, which
 * once made completion miss the oldest callbacks ({@link #unlinksRacingACompletionNeverHideTheOldestCallback}).
 * The blocking waits are covered by {@link SettableFutureTest} and {@link CallbackRaceTest}.
 */
@Tag("lincheck")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class SettableFutureLincheckTest {

    private static final IllegalStateException BOOM = new IllegalStateException("boom");
    private static final int WATCHED_MAX = 2;

    private final SettableFuture<Integer> future = new SettableFuture<>();
    private int callbacksAdded;
    private int callbacksRun;
    private int watched;
    private final Object[] handles = new Object[WATCHED_MAX];
    private final boolean[] unwatched = new boolean[WATCHED_MAX];
    private final boolean[] notAdded = new boolean[WATCHED_MAX];
    private final int[] watchedRuns = new int[WATCHED_MAX];

    @Operation
    public boolean setResult(@Param(gen = IntGen.class, conf = "1:2") int value) {
        return future.setResult(value);
    }

    @Operation
    public boolean setException() {
        return future.setException(BOOM);
    }

    @Operation
    public boolean cancel() {
        return future.cancel();
    }

    @Operation
    public boolean cancelWithInterrupt() {
        return future.cancel(true);
    }

    @Operation
    public String setRunningOrNotifyCancel() {
        try {
            return String.valueOf(future.setRunningOrNotifyCancel());
        } catch (IllegalStateException e) {
            return "not pending";
        }
    }

    @Operation
    public boolean isDone() {
        return future.isDone();
    }

    @Operation
    public boolean isCancelled() {
        return future.isCancelled();
    }

    @Operation
    public boolean running() {
        return future.running();
    }

    /** The outcome as the non-blocking accessors see it: the result, the failure, or the state. */
    @Operation
    public String outcome() {
        return switch (future.state()) {
            case SUCCESS -> "result " + future.resultNow();
            case FAILED -> "failed " + future.exceptionNow().getMessage();
            case CANCELLED -> "cancelled";
            case RUNNING -> "not done";
        };
    }

    @Operation
    public String resultZero() {
        try {
            return "result " + future.result(Duration.ZERO);
        } catch (TimeoutException e) {
            return "timeout";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (ExecutionException e) {
            return "failed " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Operation
    public void addCallback() {
        synchronized (this) {
            callbacksAdded++;
        }
        future.addDoneCallback(f -> {
            synchronized (this) {
                callbacksRun++;
            }
        });
    }

    /** Adds a removable callback, to be removed by {@link #unwatch}; ignored once two are added. */
    @Operation
    public void watch() {
        synchronized (this) {
            if (watched == WATCHED_MAX) {
                return;
            }
            int i = watched++;
            handles[i] = future.addRemovableCallback(f -> {
                synchronized (this) {
                    watchedRuns[i]++;
                }
            });
            notAdded[i] = handles[i] == null; // the future was done
        }
    }

    /** Removes the {@code i}th removable callback, if there is one: an unlink of a dead node. */
    @Operation
    public void unwatch(@Param(gen = IntGen.class, conf = "0:1") int i) {
        Object handle;
        synchronized (this) {
            if (i >= watched || unwatched[i]) {
                return;
            }
            unwatched[i] = true;
            handle = handles[i];
        }
        if (handle != null) {
            future.removeCallback(handle);
        }
    }

    /** Adds a removable callback and removes it: a push, then an unlink of a dead node. */
    @Operation
    public void watchAndUnwatch() {
        Object handle = future.addRemovableCallback(f -> {});
        if (handle != null) {
            future.removeCallback(handle);
        }
    }

    @Validate
    public void everyCallbackRanOnceIfDone() {
        int added;
        int run;
        synchronized (this) {
            added = callbacksAdded;
            run = callbacksRun;
        }
        boolean done = future.isDone();
        int expected = done ? added : 0;
        if (run != expected) {
            throw new IllegalStateException(run + " callbacks ran of " + added + " added; the future is " + future);
        }
        synchronized (this) {
            for (int i = 0; i < watched; i++) {
                // A callback removed while the future completes may run; one never removed must.
                // One offered to a done future is not added, and never runs.
                int min = done && !unwatched[i] && !notAdded[i] ? 1 : 0;
                int max = done && !notAdded[i] ? 1 : 0;
                if (watchedRuns[i] < min || watchedRuns[i] > max) {
                    throw new IllegalStateException("removable callback " + i + " ran " + watchedRuns[i]
                            + " times; removed: " + unwatched[i] + ", added: " + !notAdded[i]
                            + "; the future is " + future);
                }
            }
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(20)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .addCustomScenario(unlinksRacingACompletionBeneathALiveCallback())
                .addCustomScenario(twoUnwatchesRacingACompletion())
                .check(SettableFutureLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(20)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(3)
                .check(SettableFutureLincheckTest.class);
    }

    /**
     * A callback is added first (it will be the oldest, at the bottom of the stack); then two
     * threads each push a removable callback and unlink it again while a third adds a callback on
     * top of theirs and completes the future. Completion must still run the callback at the
     * bottom, however the unlinks relink the stack under it.
     */
    private static ExecutionScenario unlinksRacingACompletionBeneathALiveCallback() {
        return new ExecutionScenario(
                List.of(actor("addCallback")),
                List.of(
                        List.of(actor("watchAndUnwatch")),
                        List.of(actor("watchAndUnwatch")),
                        List.of(actor("addCallback"), actor("setResult", 1))),
                List.of(actor("isDone")),
                actor("everyCallbackRanOnceIfDone"));
    }

    /**
     * The stack holds, newest first, a live callback, two removable callbacks and another live
     * callback. Two threads remove the removable ones, each unlinking the dead nodes it finds,
     * while a third completes the future. A slow unlink may write back a link the other has
     * already bypassed; completion must still reach and run the callback at the bottom.
     */
    private static ExecutionScenario twoUnwatchesRacingACompletion() {
        return new ExecutionScenario(
                List.of(actor("addCallback"), actor("watch"), actor("watch"), actor("addCallback")),
                List.of(
                        List.of(actor("unwatch", 0)),
                        List.of(actor("unwatch", 1)),
                        List.of(actor("setResult", 1))),
                List.of(actor("isDone")),
                actor("everyCallbackRanOnceIfDone"));
    }

    /**
     * The stack race of {@link #twoUnwatchesRacingACompletion}, alone and from a stack built in
     * the constructor, so the model checker reaches its few decisive interleavings within a few
     * thousand runs: one thread removes the newer removable callback while another removes the
     * older one and then completes the future. The first can be paused holding a link the second
     * bypasses and write it back while completion walks the stack.
     */
    @Test
    void unlinksRacingACompletionNeverHideTheOldestCallback() {
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(10_000)
                .addCustomScenario(new ExecutionScenario(
                        List.of(),
                        List.of(
                                List.of(actor(UnlinkRace.class, "unwatchNewer")),
                                List.of(actor(UnlinkRace.class, "unwatchOlder"), actor(UnlinkRace.class, "setResult"))),
                        List.of(),
                        actor(UnlinkRace.class, "bothCallbacksRanOnceIfDone")))
                .check(UnlinkRace.class);
    }

    /**
     * A future whose stack holds, newest first: a callback, two removable callbacks, and the
     * oldest callback.
     */
    public static class UnlinkRace {
        private final SettableFuture<Integer> future = new SettableFuture<>();
        private final AtomicInteger oldestRuns = new AtomicInteger();
        private final AtomicInteger newestRuns = new AtomicInteger();
        private final Object older;
        private final Object newer;

        public UnlinkRace() {
            future.addDoneCallback(f -> oldestRuns.incrementAndGet());
            older = future.addRemovableCallback(f -> {});
            newer = future.addRemovableCallback(f -> {});
            future.addDoneCallback(f -> newestRuns.incrementAndGet());
        }

        @Operation
        public void unwatchOlder() {
            future.removeCallback(older);
        }

        @Operation
        public void unwatchNewer() {
            future.removeCallback(newer);
        }

        @Operation
        public boolean setResult() {
            return future.setResult(1);
        }

        @Validate
        public void bothCallbacksRanOnceIfDone() {
            int expected = future.isDone() ? 1 : 0;
            if (oldestRuns.get() != expected || newestRuns.get() != expected) {
                throw new IllegalStateException("the oldest callback ran " + oldestRuns + " times, the newest "
                        + newestRuns + "; the future is " + future);
            }
        }
    }

    private static Actor actor(String name, Object... args) {
        return actor(SettableFutureLincheckTest.class, name, args);
    }

    private static Actor actor(Class<?> test, String name, Object... args) {
        for (Method m : test.getMethods()) {
            if (m.getName().equals(name)) {
                return new Actor(m, List.of(args), false, false, false, false, false);
            }
        }
        throw new IllegalArgumentException("no operation " + name);
    }
}
