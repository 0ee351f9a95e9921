package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Timer}: it runs its action once, no earlier than the delay; {@code cancel}
 * before it fires means it never runs (and says so), after it ran says it did not cancel;
 * start-once rules; {@code join} with and without a timeout; argument checks; the default thread
 * and a thread builder (virtual threads, an uncaught-exception handler that receives the action's
 * exception); interrupting the timer's thread cancels it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimerTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    /** A delay no test waits for: those timers are cancelled. */
    private static final Duration NEVER = Duration.ofMinutes(10);

    private final List<Timer> timers = new ArrayList<>();

    private Timer timer(Duration delay, Runnable action) {
        Timer t = new Timer(delay, action);
        timers.add(t);
        return t;
    }

    private Timer timer(Duration delay, Runnable action, Thread.Builder builder) {
        Timer t = new Timer(delay, action, builder);
        timers.add(t);
        return t;
    }

    @AfterEach
    void cancelLeftovers() throws InterruptedException {
        for (Timer t : timers) {
            t.cancel();
            assertThat(t.join(TestThreads.LONG)).as("%s ended", t).isTrue();
        }
    }

    @Test
    void runsTheActionOnceNoEarlierThanTheDelay() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        AtomicLong ranAt = new AtomicLong();
        Event ran = new Event();
        Timer t = timer(SHORT, () -> {
            ranAt.set(System.nanoTime());
            runs.incrementAndGet();
            ran.set();
        });

        long startedAt = System.nanoTime();
        t.start();

        assertThat(ran.await(TestThreads.LONG)).isTrue();
        assertThat(ranAt.get() - startedAt).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(t.isAlive()).isFalse();
        assertThat(t.isCancelled()).isFalse();
    }

    @Test
    void zeroDelayRunsPromptly() throws InterruptedException {
        Event ran = new Event();
        Timer t = timer(Duration.ZERO, ran::set);

        t.start();

        assertThat(ran.await(TestThreads.LONG)).isTrue();
        t.join();
    }

    @Test
    void cancelBeforeItFiresMeansTheActionNeverRuns() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Timer t = timer(NEVER, () -> ran.set(true));
        t.start();
        TestThreads.awaitBlocked(t.thread());

        assertThat(t.cancel()).isTrue();

        assertThat(t.join(TestThreads.LONG)).as("the timer's thread ends promptly after cancel").isTrue();
        assertThat(ran).isFalse();
        assertThat(t.isCancelled()).isTrue();
        assertThat(t.isAlive()).isFalse();
        assertThat(t.cancel()).as("cancelling again still says it will not run").isTrue();
    }

    @Test
    void cancelAfterTheActionRanReturnsFalse() throws InterruptedException {
        Event ran = new Event();
        Timer t = timer(Duration.ZERO, ran::set);
        t.start();
        assertThat(ran.await(TestThreads.LONG)).isTrue();
        t.join();

        assertThat(t.cancel()).isFalse();
        assertThat(t.isCancelled()).isFalse();
    }

    @Test
    void cancelWhileTheActionRunsReturnsFalseAndDoesNotStopIt() throws InterruptedException {
        Event started = new Event();
        Event finish = new Event();
        AtomicBoolean finished = new AtomicBoolean();
        Timer t = timer(Duration.ZERO, () -> {
            started.set();
            try {
                finish.await();
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertThat(started.await(TestThreads.LONG)).isTrue();

        assertThat(t.cancel()).isFalse();
        assertThat(t.isAlive()).isTrue();
        finish.set();

        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(finished).isTrue();
    }

    @Test
    void cancelBeforeStartMeansStartThrowsAndJoinReturnsAtOnce() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Timer t = timer(Duration.ZERO, () -> ran.set(true));

        assertThat(t.cancel()).isTrue();

        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class);
        t.join();
        assertThat(t.join(Duration.ZERO)).isTrue();
        assertThat(t.thread().getState()).isEqualTo(Thread.State.NEW);
        assertThat(ran).isFalse();
    }

    @Test
    void startingTwiceThrows() {
        Timer t = timer(NEVER, () -> {});
        t.start();

        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class);
        assertThat(t.cancel()).isTrue();
    }

    @Test
    void joinOfATimerNeverStartedReturnsAtOnce() throws InterruptedException {
        Timer t = timer(NEVER, () -> {});

        t.join();
        assertThat(t.join(Duration.ZERO)).isTrue();
    }

    @Test
    void timedJoinReturnsFalseWhileTheTimerWaits() throws InterruptedException {
        Timer t = timer(NEVER, () -> {});
        t.start();

        long start = System.nanoTime();
        boolean ended = t.join(SHORT);
        long elapsed = System.nanoTime() - start;

        assertThat(ended).isFalse();
        assertThat(elapsed).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(t.isAlive()).isTrue();
        t.cancel();
        assertThat(t.join(TestThreads.LONG)).isTrue();
    }

    @Test
    void joinSeesWhatTheActionWrote() throws InterruptedException {
        int[] box = {0};
        Timer t = timer(Duration.ZERO, () -> box[0] = 42);
        t.start();

        t.join();

        assertThat(box[0]).isEqualTo(42);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new Timer(Duration.ofMillis(-1), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timer(null, () -> {})).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Timer(SHORT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Timer(SHORT, () -> {}, null)).isInstanceOf(NullPointerException.class);
        Timer t = timer(NEVER, () -> {});
        assertThatThrownBy(() -> t.join(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultThreadIsANamedNonDaemonPlatformThread() throws InterruptedException {
        AtomicReference<Thread> runner = new AtomicReference<>();
        Timer t = timer(Duration.ZERO, () -> runner.set(Thread.currentThread()));

        assertThat(t.thread().getName()).startsWith("Timer-");
        assertThat(t.thread().isVirtual()).isFalse();
        assertThat(t.thread().isDaemon()).isFalse();
        assertThat(t.toString()).contains(t.thread().getName()).contains("new");

        t.start();
        t.join();
        assertThat(runner.get()).isSameAs(t.thread());
    }

    @Test
    void aVirtualThreadBuilderRunsTheActionInAVirtualThread() throws InterruptedException {
        AtomicBoolean virtual = new AtomicBoolean();
        Event ran = new Event();
        Timer t = timer(SHORT, () -> {
            virtual.set(Thread.currentThread().isVirtual());
            ran.set();
        }, Thread.ofVirtual().name("virtual-timer"));

        t.start();

        assertThat(ran.await(TestThreads.LONG)).isTrue();
        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(virtual).isTrue();
        assertThat(t.thread().getName()).isEqualTo("virtual-timer");
    }

    @Test
    void aVirtualTimerCanBeCancelled() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Timer t = timer(NEVER, () -> ran.set(true), Thread.ofVirtual());
        t.start();

        assertThat(t.cancel()).isTrue();

        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void theActionsExceptionGoesToTheUncaughtExceptionHandler() throws InterruptedException {
        RuntimeException boom = new RuntimeException("boom");
        AtomicReference<Throwable> caught = new AtomicReference<>();
        AtomicReference<Thread> caughtIn = new AtomicReference<>();
        Timer t = timer(Duration.ZERO, () -> {
            throw boom;
        }, Thread.ofPlatform().name("failing-timer").uncaughtExceptionHandler((thread, e) -> {
            caughtIn.set(thread);
            caught.set(e);
        }));

        t.start();

        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(caught.get()).isSameAs(boom);
        assertThat(caughtIn.get()).isSameAs(t.thread());
        assertThat(t.cancel()).as("the action started, even though it failed").isFalse();
    }

    @Test
    void interruptingTheTimersThreadCancelsIt() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Timer t = timer(NEVER, () -> ran.set(true));
        t.start();
        TestThreads.awaitBlocked(t.thread());

        t.thread().interrupt();

        assertThat(t.join(TestThreads.LONG)).isTrue();
        assertThat(ran).isFalse();
        assertThat(t.isCancelled()).isTrue();
    }
}
