package dev.weft.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Scheduler} in the virtual time of a {@link VirtualClock}, so that every
 * schedule runs at once and in the same order: order by time, then priority, then insertion;
 * {@code enter} against {@code enterabs}; the {@code queue()} snapshot; {@code cancel} and its
 * errors; {@code empty()}; {@code run(false)}; what the delay function is called with; an
 * action's exception and carrying on after it; actions that enter and cancel events; a delay
 * function that is interrupted or returns early; {@link Scheduler.Event}; bad input.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerTest {

    private static final long SECOND = 1_000_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final Scheduler s = new Scheduler(clock::time, clock::delay);
    /** What the actions did, in order: "name@time". */
    private final List<String> log = new ArrayList<>();

    private Runnable logs(String name) {
        return () -> log.add(name + "@" + clock.time() / SECOND);
    }

    @Test
    void runsEventsInTheOrderOfTheirTimesAtThoseTimes() throws InterruptedException {
        s.enter(Duration.ofSeconds(3), 1, logs("c"));
        s.enter(Duration.ofSeconds(1), 1, logs("a"));
        s.enter(Duration.ofSeconds(2), 1, logs("b"));

        s.run();

        assertThat(log).containsExactly("a@1", "b@2", "c@3");
        assertThat(s.empty()).isTrue();
    }

    @Test
    void eventsDueAtTheSameTimeRunByPriorityLowerFirst() throws InterruptedException {
        s.enter(Duration.ofSeconds(1), 3, logs("low"));
        s.enter(Duration.ofSeconds(1), -5, logs("highest"));
        s.enter(Duration.ofSeconds(1), 0, logs("high"));

        s.run();

        assertThat(log).containsExactly("highest@1", "high@1", "low@1");
    }

    @Test
    void eventsWithTheSameTimeAndPriorityRunInTheOrderEntered() throws InterruptedException {
        List<String> names = List.of("first", "second", "third", "fourth", "fifth");
        for (String name : names) {
            s.enterabs(5 * SECOND, 1, logs(name));
        }

        s.run();

        assertThat(log).containsExactly("first@5", "second@5", "third@5", "fourth@5", "fifth@5");
    }

    @Test
    void enterIsRelativeToNowAndEnterabsIsAbsolute() throws InterruptedException {
        clock.advance(Duration.ofSeconds(10));

        Scheduler.Event relative = s.enter(Duration.ofSeconds(5), 1, logs("relative"));
        Scheduler.Event absolute = s.enterabs(12 * SECOND, 1, logs("absolute"));

        assertThat(s.time()).isEqualTo(10 * SECOND);
        assertThat(relative.time()).isEqualTo(15 * SECOND);
        assertThat(absolute.time()).isEqualTo(12 * SECOND);
        s.run();
        assertThat(log).containsExactly("absolute@12", "relative@15");
    }

    @Test
    void aTimeInThePastOrAZeroDelayIsDueAtOnce() throws InterruptedException {
        clock.advance(Duration.ofSeconds(10));
        s.enterabs(3 * SECOND, 1, logs("past"));
        s.enterabs(Long.MIN_VALUE, 1, logs("long ago"));
        s.enter(Duration.ZERO, 0, logs("now"));

        assertThat(s.run(false)).isEmpty();

        assertThat(log).containsExactly("long ago@10", "past@10", "now@10");
    }

    @Test
    void anOverflowingDelaySaturatesInsteadOfWrappingIntoThePast() throws InterruptedException {
        clock.advance(Duration.ofSeconds(1));

        Scheduler.Event never = s.enter(Duration.ofSeconds(Long.MAX_VALUE), 1, logs("never"));

        assertThat(never.time()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.run(false)).contains(Duration.ofNanos(Long.MAX_VALUE - SECOND));
        assertThat(log).isEmpty();
    }

    @Test
    void theActionGetsItsArguments() throws InterruptedException {
        List<Object> got = new ArrayList<>();
        Consumer<String> one = got::add;
        BiConsumer<String, Integer> two = (a, b) -> got.add(a + b);

        Scheduler.Event e1 = s.enter(Duration.ofSeconds(1), 1, one, "one");
        Scheduler.Event e2 = s.enter(Duration.ofSeconds(2), 1, two, "two", 2);
        Scheduler.Event e3 = s.enterabs(3 * SECOND, 1, one, null);
        Scheduler.Event e4 = s.enterabs(4 * SECOND, 1, two, "four", 4);
        s.run();

        assertThat(got).containsExactly("one", "two2", null, "four4");
        assertThat(e1.action()).isSameAs(one);
        assertThat(e1.arguments()).containsExactly("one");
        assertThat(e2.arguments()).containsExactly("two", 2);
        assertThat(e3.arguments()).containsExactly((Object) null);
        assertThat(e4.action()).isSameAs(two);
        assertThatThrownBy(() -> e2.arguments().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e3.arguments().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void queueIsASortedImmutableSnapshot() {
        Scheduler.Event c = s.enter(Duration.ofSeconds(3), 1, logs("c"));
        Scheduler.Event bLow = s.enter(Duration.ofSeconds(2), 9, logs("b low"));
        Scheduler.Event a = s.enter(Duration.ofSeconds(1), 1, logs("a"));
        Scheduler.Event bHigh = s.enter(Duration.ofSeconds(2), 0, logs("b high"));
        Scheduler.Event bLow2 = s.enter(Duration.ofSeconds(2), 9, logs("b low 2"));

        List<Scheduler.Event> snapshot = s.queue();

        assertThat(snapshot).containsExactly(a, bHigh, bLow, bLow2, c);
        assertThat(snapshot).isSorted();
        assertThatThrownBy(() -> snapshot.add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(snapshot::clear).isInstanceOf(UnsupportedOperationException.class);

        s.cancel(bLow);
        s.enter(Duration.ZERO, 1, logs("new"));
        assertThat(snapshot).as("a snapshot does not follow the scheduler").hasSize(5).contains(bLow);
        assertThat(s.queue()).hasSize(5).doesNotContain(bLow);
    }

    @Test
    void theEventsListsItsFieldsAsPythonDoes() {
        clock.advance(Duration.ofNanos(1234));
        Runnable action = new Runnable() {
            @Override
            public void run() {}

            @Override
            public String toString() {
                return "print_time";
            }
        };
        Consumer<String> say = new Consumer<>() {
            @Override
            public void accept(String x) {}

            @Override
            public String toString() {
                return "say";
            }
        };

        Scheduler.Event e0 = s.enter(Duration.ofNanos(10), 1, action);
        Scheduler.Event e1 = s.enterabs(99, -2, say, "hello");

        assertThat(e0).hasToString("Event(time=1244, priority=1, sequence=0, action=print_time, arguments=[])");
        assertThat(e1).hasToString("Event(time=99, priority=-2, sequence=1, action=say, arguments=[hello])");
        assertThat(e0.priority()).isEqualTo(1);
        assertThat(e0.sequence()).isZero();
        assertThat(e1.sequence()).isEqualTo(1);
        assertThat(e0.arguments()).isEmpty();
    }

    @Test
    void eventsAreEqualOnlyToThemselvesButCompareByTimePriorityAndSequence() {
        Scheduler other = new Scheduler(clock::time, clock::delay);
        Scheduler.Event mine = s.enterabs(5, 1, logs("mine"));
        Scheduler.Event theirs = other.enterabs(5, 1, logs("theirs"));
        Scheduler.Event later = s.enterabs(6, 0, logs("later"));
        Scheduler.Event lowerPriority = s.enterabs(5, 2, logs("lower priority"));
        Scheduler.Event sameButLaterSequence = s.enterabs(5, 1, logs("same"));

        assertThat(mine).isNotEqualTo(theirs);
        assertThat(mine.compareTo(theirs)).isZero();
        assertThat(mine).isEqualTo(mine).isLessThan(later).isLessThan(lowerPriority).isLessThan(sameButLaterSequence);
        assertThat(later).isGreaterThan(lowerPriority);
        assertThat(sameButLaterSequence).isLessThan(lowerPriority);
    }

    @Test
    void cancelRemovesTheEventSoItNeverRuns() throws InterruptedException {
        s.enter(Duration.ofSeconds(1), 1, logs("a"));
        Scheduler.Event b = s.enter(Duration.ofSeconds(2), 1, logs("b"));
        s.enter(Duration.ofSeconds(3), 1, logs("c"));

        s.cancel(b);

        assertThat(s.queue()).doesNotContain(b).hasSize(2);
        s.run();
        assertThat(log).containsExactly("a@1", "c@3");
    }

    @Test
    void cancellingTheOnlyEventEmptiesTheQueue() throws InterruptedException {
        Scheduler.Event only = s.enter(Duration.ofSeconds(1), 1, logs("only"));
        assertThat(s.empty()).isFalse();

        s.cancel(only);

        assertThat(s.empty()).isTrue();
        assertThat(s.queue()).isEmpty();
        assertThat(s.run(false)).isEmpty();
        s.run();
        assertThat(log).isEmpty();
        assertThat(clock.time()).as("nothing to wait for").isZero();
    }

    @Test
    void cancellingAnEventThatIsNotQueuedNamesItAndChangesNothing() throws InterruptedException {
        Scheduler.Event ran = s.enter(Duration.ZERO, 1, logs("ran"));
        Scheduler.Event cancelled = s.enter(Duration.ofSeconds(1), 1, logs("cancelled"));
        Scheduler.Event waiting = s.enter(Duration.ofSeconds(2), 1, logs("waiting"));
        s.cancel(cancelled);
        assertThat(s.run(false)).contains(Duration.ofSeconds(2));

        assertThatThrownBy(() -> s.cancel(ran))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in this scheduler's queue")
                .hasMessageContaining(ran.toString());
        assertThatThrownBy(() -> s.cancel(cancelled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cancelled.toString());

        assertThat(s.queue()).containsExactly(waiting);
    }

    @Test
    void cancellingAnotherSchedulersEventFailsEvenIfItComparesEqualToOneOfOurs() {
        Scheduler other = new Scheduler(clock::time, clock::delay);
        Scheduler.Event mine = s.enterabs(7, 1, logs("mine"));
        Scheduler.Event theirs = other.enterabs(7, 1, logs("theirs"));
        assertThat(theirs.compareTo(mine)).isZero();

        assertThatThrownBy(() -> s.cancel(theirs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(theirs.toString());

        assertThat(s.queue()).containsExactly(mine);
        assertThat(other.queue()).containsExactly(theirs);
    }

    @Test
    void runWithoutBlockingRunsOnlyTheDueEventsAndReturnsTheDelayToTheNext() throws InterruptedException {
        s.enter(Duration.ZERO, 1, logs("now"));
        s.enter(Duration.ofSeconds(5), 1, logs("in 5"));
        s.enter(Duration.ofSeconds(10), 1, logs("in 10"));

        assertThat(s.run(false)).contains(Duration.ofSeconds(5));
        assertThat(log).containsExactly("now@0");
        assertThat(clock.time()).as("run(false) never waits").isZero();

        clock.advance(Duration.ofSeconds(7));
        assertThat(s.run(false)).contains(Duration.ofSeconds(3));
        assertThat(log).containsExactly("now@0", "in 5@7");

        clock.advance(Duration.ofSeconds(3));
        assertThat(s.run(false)).isEmpty();
        assertThat(log).containsExactly("now@0", "in 5@7", "in 10@10");
        assertThat(s.run(false)).as("nothing left").isEmpty();
    }

    @Test
    void runWithoutBlockingAlsoRunsEventsThatFallDueWhileItRuns() throws InterruptedException {
        s.enter(Duration.ZERO, 1, () -> clock.advance(Duration.ofSeconds(2)));
        s.enter(Duration.ofSeconds(1), 1, logs("due by then"));
        s.enter(Duration.ofSeconds(3), 1, logs("not yet"));

        assertThat(s.run(false)).contains(Duration.ofSeconds(1));

        assertThat(log).containsExactly("due by then@2");
    }

    @Test
    void theDelayFunctionIsCalledOutsideTheLockWithTheWaitAndWithZeroAfterEachAction() throws InterruptedException {
        List<Long> delays = new ArrayList<>();
        Scheduler[] self = new Scheduler[1];
        Scheduler recording = new Scheduler(clock::time, nanos -> {
            // Outside the lock, so the delay function may use the scheduler from another thread.
            Thread peek = Thread.ofPlatform().start(() -> self[0].empty());
            peek.join();
            delays.add(nanos);
            clock.delay(nanos);
        });
        self[0] = recording;
        recording.enterabs(10, 1, () -> {});
        recording.enterabs(10, 2, () -> {});
        recording.enterabs(30, 1, () -> {});

        recording.run();

        assertThat(delays).containsExactly(10L, 0L, 0L, 20L, 0L);
        assertThat(clock.time()).isEqualTo(30);
    }

    @Test
    void aDelayFunctionThatReturnsEarlyIsSimplyCalledAgain() throws InterruptedException {
        List<Long> delays = new ArrayList<>();
        Scheduler impatient = new Scheduler(clock::time, nanos -> {
            delays.add(nanos);
            clock.delay(nanos / 2 + (nanos % 2)); // half the wait, at least 1 when nanos > 0
        });
        impatient.enterabs(8, 1, logs("due"));

        impatient.run();

        assertThat(delays).containsExactly(8L, 4L, 2L, 1L, 0L);
        assertThat(clock.time()).isEqualTo(8);
        assertThat(log).hasSize(1);
    }

    @Test
    void anInterruptedDelayFunctionLeavesTheEventQueued() throws InterruptedException {
        Scheduler interrupted = new Scheduler(clock::time, nanos -> {
            throw new InterruptedException("stop");
        });
        Scheduler.Event e = interrupted.enterabs(10, 1, logs("e"));

        assertThatThrownBy(interrupted::run).isInstanceOf(InterruptedException.class).hasMessage("stop");

        assertThat(interrupted.queue()).containsExactly(e);
        assertThat(log).isEmpty();
        assertThat(interrupted.run(false)).contains(Duration.ofNanos(10));
    }

    @Test
    void anActionsExceptionPropagatesUnchangedAndRunCarriesOnLater() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        s.enter(Duration.ofSeconds(1), 1, logs("before"));
        Scheduler.Event failing = s.enter(Duration.ofSeconds(2), 1, () -> {
            throw boom;
        });
        Scheduler.Event after = s.enter(Duration.ofSeconds(3), 1, logs("after"));
        Scheduler.Event sameTime = s.enter(Duration.ofSeconds(2), 2, logs("same time"));

        assertThatThrownBy(s::run).isSameAs(boom);

        assertThat(log).containsExactly("before@1");
        assertThat(s.queue()).as("the failed event is gone, the others stay").containsExactly(sameTime, after);
        assertThatThrownBy(() -> s.cancel(failing)).isInstanceOf(IllegalArgumentException.class);

        s.run();
        assertThat(log).containsExactly("before@1", "same time@2", "after@3");
    }

    @Test
    void anErrorPropagatesToo() throws InterruptedException {
        AssertionError error = new AssertionError("error");
        s.enter(Duration.ZERO, 1, () -> {
            throw error;
        });
        s.enter(Duration.ZERO, 2, logs("next"));

        assertThatThrownBy(() -> s.run(false)).isSameAs(error);

        assertThat(s.run(false)).isEmpty();
        assertThat(log).containsExactly("next@0");
    }

    @Test
    void anActionMayEnterAndCancelEvents() throws InterruptedException {
        Scheduler.Event[] doomed = new Scheduler.Event[1];
        s.enter(Duration.ofSeconds(1), 1, () -> {
            log.add("first@" + clock.time() / SECOND);
            s.enter(Duration.ofSeconds(1), 1, logs("entered by first")); // at 2, before "third"
            s.enter(Duration.ZERO, 5, logs("entered for now")); // due at once
            s.cancel(doomed[0]);
        });
        doomed[0] = s.enter(Duration.ofSeconds(2), 0, logs("cancelled by first"));
        s.enter(Duration.ofSeconds(3), 1, logs("third"));

        s.run();

        assertThat(log).containsExactly("first@1", "entered for now@1", "entered by first@2", "third@3");
    }

    @Test
    void anActionThatKeepsEnteringKeepsABlockingRunGoing() throws InterruptedException {
        int[] ticks = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (++ticks[0] < 5) {
                s.enter(Duration.ofSeconds(1), 1, tick[0]);
            }
        };
        s.enter(Duration.ofSeconds(1), 1, tick[0]);

        s.run();

        assertThat(ticks[0]).isEqualTo(5);
        assertThat(clock.time()).isEqualTo(5 * SECOND);
    }

    @Test
    void runOnAnEmptySchedulerReturnsAtOnce() throws InterruptedException {
        assertThat(s.empty()).isTrue();
        s.run();
        assertThat(s.run(false)).isEqualTo(Optional.empty());
        assertThat(new Scheduler().run(false)).isEmpty();
        new Scheduler().run();
    }

    @Test
    void timeIsTheTimeFunctionsValue() {
        assertThat(s.time()).isZero();
        clock.advance(Duration.ofMillis(3));
        assertThat(s.time()).isEqualTo(3_000_000);
        assertThat(new Scheduler(() -> 42, n -> {}).time()).isEqualTo(42);
        long before = System.nanoTime();
        assertThat(new Scheduler().time()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void toStringCountsTheEvents() {
        assertThat(s).hasToString("Scheduler[0 events]");
        s.enter(Duration.ZERO, 1, () -> {});
        assertThat(s).hasToString("Scheduler[1 event]");
    }

    @Test
    void badInputIsRejectedWithTheParametersName() {
        Consumer<Object> one = x -> {};
        BiConsumer<Object, Object> two = (x, y) -> {};
        Duration negative = Duration.ofNanos(-1);

        assertThatThrownBy(() -> new Scheduler(null, clock::delay)).isInstanceOf(NullPointerException.class).hasMessage("timefunc");
        assertThatThrownBy(() -> new Scheduler(clock::time, null)).isInstanceOf(NullPointerException.class).hasMessage("delayfunc");

        assertThatThrownBy(() -> s.enter(null, 1, () -> {})).isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> s.enter(null, 1, one, "x")).isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> s.enter(null, 1, two, "x", "y")).isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> s.enter(Duration.ZERO, 1, (Runnable) null)).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.enter(Duration.ZERO, 1, (Consumer<Object>) null, "x")).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.enter(Duration.ZERO, 1, (BiConsumer<Object, Object>) null, "x", "y")).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.enterabs(0, 1, (Runnable) null)).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.enterabs(0, 1, (Consumer<Object>) null, "x")).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.enterabs(0, 1, (BiConsumer<Object, Object>) null, "x", "y")).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> s.cancel(null)).isInstanceOf(NullPointerException.class).hasMessage("event");

        assertThatThrownBy(() -> s.enter(negative, 1, () -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.enter(negative, 1, one, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.enter(negative, 1, two, "x", "y")).isInstanceOf(IllegalArgumentException.class);

        assertThat(s.empty()).as("nothing was entered").isTrue();
        assertThat(s.enter(Duration.ZERO, 1, () -> {}).sequence()).as("and no sequence number was used").isZero();
    }
}
