package dev.weft.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.sync.Event;
import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Scheduler} in real time and with several threads: an event runs no earlier than its
 * delay; a blocked {@code run()} wakes up at once when another thread enters an earlier event or
 * cancels the one it waits for; an interrupt stops a waiting {@code run()} and leaves the event
 * queued; events entered by several threads all run exactly once; two runners never run an event
 * twice; entering from inside an action. No test sleeps and hopes: a runner is known to be waiting
 * because {@link TestThreads#awaitBlocked} saw it parked, and "far" events are an hour away, so
 * that only a wake-up can explain a prompt return.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerThreadsTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    /** An event no test waits for: it is cancelled, or the test ends first. */
    private static final Duration FAR = Duration.ofHours(1);

    private final Scheduler s = new Scheduler();

    @Test
    void anEventRunsNoEarlierThanItsDelay() throws InterruptedException {
        AtomicLong ranAt = new AtomicLong();
        long before = System.nanoTime();
        s.enter(SHORT, 1, () -> ranAt.set(System.nanoTime()));

        s.run();

        assertThat(ranAt.get() - before).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(s.empty()).isTrue();
    }

    @Test
    void runWithoutBlockingReturnsTheRealDelayWithoutWaiting() throws InterruptedException {
        s.enter(FAR, 1, () -> {});

        Optional<Duration> next = s.run(false);

        assertThat(next).isPresent();
        assertThat(next.get()).isPositive().isLessThanOrEqualTo(FAR);
        assertThat(s.queue()).hasSize(1);
    }

    @Test
    void anEarlierEventEnteredByAnotherThreadWakesABlockedRun() throws InterruptedException {
        Scheduler.Event far = s.enter(FAR, 1, () -> {});
        Event earlyRan = new Event();
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();

        s.enter(Duration.ZERO, 1, earlyRan::set);

        assertThat(earlyRan.await(TestThreads.LONG)).as("the waiting run() took the new first event").isTrue();
        assertThat(runner.thread().isAlive()).as("still waiting for the far event").isTrue();
        assertThat(s.queue()).containsExactly(far);
        s.cancel(far);
        runner.joinSuccessfully();
    }

    @Test
    void anEarlierEventWithADelayIsRunAtItsTimeNotAtTheOldFirstOnes() throws InterruptedException {
        Scheduler.Event far = s.enter(FAR, 1, () -> {});
        Event ran = new Event();
        AtomicLong ranAt = new AtomicLong();
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();

        long before = System.nanoTime();
        s.enter(SHORT, 1, () -> {
            ranAt.set(System.nanoTime());
            ran.set();
        });

        assertThat(ran.await(TestThreads.LONG)).isTrue();
        assertThat(ranAt.get() - before).isGreaterThanOrEqualTo(SHORT.toNanos());
        s.cancel(far);
        runner.joinSuccessfully();
    }

    @Test
    void cancellingTheAwaitedEventWakesABlockedRunWhichReturnsWhenNothingIsLeft() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Event far = s.enter(FAR, 1, () -> ran.set(true));
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();

        s.cancel(far);

        runner.joinSuccessfully();
        assertThat(ran).isFalse();
        assertThat(s.empty()).isTrue();
    }

    @Test
    void cancellingTheAwaitedEventMakesABlockedRunGoOnWithTheNext() throws InterruptedException {
        Scheduler.Event first = s.enter(FAR, 1, () -> {});
        Event secondRan = new Event();
        s.enter(FAR.plus(FAR), 1, () -> {});
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();

        s.cancel(first);
        // The runner now waits for the second event; entering one at once shows it is still alive.
        TestThreads.awaitBlocked(runner.thread());
        s.enter(Duration.ZERO, 0, secondRan::set);

        assertThat(secondRan.await(TestThreads.LONG)).isTrue();
        assertThat(runner.thread().isAlive()).isTrue();
        for (Scheduler.Event e : s.queue()) {
            s.cancel(e);
        }
        runner.joinSuccessfully();
    }

    @Test
    void interruptingABlockedRunThrowsAndLeavesTheEventQueued() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Event far = s.enter(FAR, 1, () -> ran.set(true));
        AtomicBoolean stillInterrupted = new AtomicBoolean(true);
        TestThreads.Checked runner = TestThreads.start("runner", () -> {
            try {
                s.run();
            } finally {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }).awaitBlocked();

        runner.thread().interrupt();

        assertThat(runner.join()).isInstanceOf(InterruptedException.class);
        assertThat(stillInterrupted).as("the interrupt status is cleared, as by any InterruptedException").isFalse();
        assertThat(ran).isFalse();
        assertThat(s.queue()).containsExactly(far);
        // The scheduler is still usable: another run() takes events as before.
        Event ranAfter = new Event();
        s.enter(Duration.ZERO, 1, ranAfter::set);
        assertThat(s.run(false)).isPresent();
        assertThat(ranAfter.isSet()).isTrue();
        s.cancel(far);
    }

    @Test
    void aRunThatIsInterruptedBeforeItWaitsThrowsAtOnce() {
        s.enter(FAR, 1, () -> {});
        Thread.currentThread().interrupt();

        try {
            s.run();
            throw new AssertionError("run() returned");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
        assertThat(s.queue()).hasSize(1);
    }

    @Test
    void eventsEnteredByManyThreadsWhileOneRunsAllRunExactlyOnce() throws InterruptedException {
        int producers = 4;
        int perProducer = 500;
        AtomicIntegerArray runs = new AtomicIntegerArray(producers * perProducer);
        // Keeps the runner's run() going until every producer has finished; cancelled at the end.
        Scheduler.Event keepAlive = s.enter(FAR, Integer.MAX_VALUE, () -> {});
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();
        CountDownLatch go = new CountDownLatch(1);
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads.add(TestThreads.start("producer-" + p, () -> {
                go.await();
                for (int i = 0; i < perProducer; i++) {
                    int id = base + i;
                    // Some due at once, some a little later, some at a time already past.
                    switch (i % 3) {
                        case 0 -> s.enter(Duration.ZERO, i % 7, runs::incrementAndGet, id);
                        case 1 -> s.enter(Duration.ofNanos(i * 1000L), 0, runs::incrementAndGet, id);
                        default -> s.enterabs(s.time() - 1, 1, runs::incrementAndGet, id);
                    }
                }
            }));
        }

        go.countDown();
        for (TestThreads.Checked t : threads) {
            t.joinSuccessfully();
        }
        s.cancel(keepAlive);
        runner.joinSuccessfully();

        assertThat(s.empty()).isTrue();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of event %d", i).isEqualTo(1);
        }
    }

    @Test
    void twoRunnersNeverRunAnEventTwice() throws InterruptedException {
        int events = 4000;
        AtomicIntegerArray runs = new AtomicIntegerArray(events);
        AtomicReference<Thread>[] ranIn = newRefs(events);
        // The first action each runner takes waits for the other runner's first action, so the two
        // runners are certainly running at the same time from then on.
        CountDownLatch bothRunning = new CountDownLatch(2);
        long now = s.time();
        for (int i = 0; i < events; i++) {
            int id = i;
            Runnable action = () -> {
                runs.incrementAndGet(id);
                ranIn[id].set(Thread.currentThread());
                bothRunning.countDown();
                try {
                    assertThat(bothRunning.await(TestThreads.LONG.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int spin = 0; spin < 100; spin++) {
                    Thread.onSpinWait(); // a little work, so that the runners' actions overlap
                }
            };
            if (i % 2 == 0) {
                s.enterabs(now, i % 5, action); // due at once
            } else {
                s.enterabs(now + i * 2_000L, 0, action); // falls due over the next few ms
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        TestThreads.Checked one = TestThreads.start("runner-1", () -> {
            go.await();
            s.run();
        });
        TestThreads.Checked two = TestThreads.start("runner-2", () -> {
            go.await();
            s.run();
        });

        go.countDown();
        one.joinSuccessfully();
        two.joinSuccessfully();

        assertThat(s.empty()).isTrue();
        for (int i = 0; i < events; i++) {
            assertThat(runs.get(i)).as("runs of event %d", i).isEqualTo(1);
            assertThat(ranIn[i].get()).isIn(one.thread(), two.thread());
        }
    }

    @Test
    void anActionEnteringAnEventForAnotherThreadsRunWorks() throws InterruptedException {
        Event second = new Event();
        Scheduler.Event keepAlive = s.enter(FAR, 1, () -> {});
        TestThreads.Checked runner = TestThreads.start("runner", s::run).awaitBlocked();

        s.enter(Duration.ZERO, 1, () -> s.enter(SHORT, 1, second::set));

        assertThat(second.await(TestThreads.LONG)).isTrue();
        s.cancel(keepAlive);
        runner.joinSuccessfully();
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<Thread>[] newRefs(int n) {
        AtomicReference<Thread>[] refs = new AtomicReference[n];
        for (int i = 0; i < n; i++) {
            refs[i] = new AtomicReference<>();
        }
        return refs;
    }
}
