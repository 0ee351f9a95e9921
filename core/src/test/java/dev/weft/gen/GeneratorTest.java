package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Generator}: yielding and iterating, {@code send} and its first-send rule,
 * return values, states, {@code throwInto} caught and not, {@code close} and every way a body can
 * answer it, the body's exceptions, re-entrancy and overlapping calls, {@code hasNext}'s fetched
 * value, misuse of a {@link Yielder}, interrupts, and the memory effects of the hand-off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorTest {

    static Generator<Integer, Void> countdown(int n) {
        return Generator.of(y -> {
            for (int i = n; i > 0; i--) {
                y.yield(i);
            }
        });
    }

    static <T> List<T> listOf(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    // ------------------------------------------------------------ yielding and iterating

    @Test
    void yieldsItsValuesInOrderThenStops() {
        Generator<Integer, Void> g = countdown(3);

        assertThat(g.next()).isEqualTo(3);
        assertThat(g.next()).isEqualTo(2);
        assertThat(g.next()).isEqualTo(1);
        StopIteration end = (StopIteration) catchThrowable(g::next);
        assertThat(end).isInstanceOf(NoSuchElementException.class);
        assertThat(end.value()).isNull();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void anExhaustedGeneratorKeepsThrowingStopIteration() {
        Generator<Integer, Void> g = countdown(1);
        g.next();
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThatThrownBy(() -> g.send(null)).isInstanceOf(StopIteration.class);
        assertThat(g.hasNext()).isFalse();
    }

    @Test
    void iteratesWithForEachAndIsItsOwnIterator() {
        Generator<Integer, Void> g = countdown(4);
        assertThat(g.iterator()).isSameAs(g);

        assertThat(listOf(g)).containsExactly(4, 3, 2, 1);
        assertThat(listOf(g)).isEmpty(); // iterable once, as in Python
    }

    @Test
    void anEmptyBodyYieldsNothing() {
        Generator<Integer, Void> g = Generator.of(y -> {});
        assertThat(g.hasNext()).isFalse();
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
    }

    @Test
    void hasNextFetchesOneValueAndNextTakesIt() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void> g = Generator.of(y -> {
            log.add("before 1");
            y.yield(1);
            log.add("before 2");
            y.yield(2);
        });

        assertThat(g.hasNext()).isTrue();
        assertThat(g.hasNext()).isTrue(); // does not run the body again
        assertThat(log).containsExactly("before 1");
        assertThat(g.next()).isEqualTo(1);
        assertThat(g.next()).isEqualTo(2);
        assertThat(g.hasNext()).isFalse();
        assertThat(log).containsExactly("before 1", "before 2");
    }

    @Test
    void sendingAValueWhileHasNextsValueWaitsIsAnError() {
        Generator<String, String> g = Generator.of(y -> {
            y.yield("a");
            y.yield("b");
        });
        assertThat(g.hasNext()).isTrue();

        assertThatThrownBy(() -> g.send("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hasNext()");
        assertThat(g.send(null)).isEqualTo("a"); // the fetched value is still there
    }

    @Test
    void yieldWithoutAValueYieldsNull() {
        Generator<Object, Void> g = Generator.of(y -> {
            y.yield();
            y.yield("x");
        });
        assertThat(g.next()).isNull();
        assertThat(g.next()).isEqualTo("x");
    }

    // ------------------------------------------------------------ send

    @Test
    void sendResumesTheYieldWithTheValueSent() {
        Generator<String, Integer> echo = Generator.of(y -> {
            Integer got = y.yield("ready");
            while (got != null) {
                got = y.yield("got " + got);
            }
        });

        assertThat(echo.next()).isEqualTo("ready");
        assertThat(echo.send(7)).isEqualTo("got 7");
        assertThat(echo.send(8)).isEqualTo("got 8");
        assertThatThrownBy(echo::next).isInstanceOf(StopIteration.class); // next() sends null
    }

    @Test
    void theFirstSendMustBeNullAsInPython() {
        Generator<String, Integer> g = Generator.of(y -> {
            y.yield("started");
        });

        assertThatThrownBy(() -> g.send(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("can't send non-None value to a just-started generator");
        assertThat(g.state()).isEqualTo(GeneratorState.CREATED);
        assertThat(g.send(null)).isEqualTo("started");
    }

    // ------------------------------------------------------------ return values

    @Test
    void aReturningBodysValueIsInStopIterationAndReturnValue() {
        Generator<Integer, Void> g = Generator.returning(y -> {
            y.yield(1);
            return "done";
        });
        assertThat(g.next()).isEqualTo(1);
        assertThatThrownBy(g::returnValue)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUSPENDED");

        StopIteration end = (StopIteration) catchThrowable(g::next);
        assertThat(end.value()).isEqualTo("done");
        assertThat(end).hasMessageContaining("done");
        assertThat(g.returnValue()).isEqualTo("done");
        // Later calls carry no value, as Python's.
        assertThat(((StopIteration) catchThrowable(g::next)).value()).isNull();
        assertThat(g.returnValue()).isEqualTo("done");
    }

    @Test
    void aBodyWithoutAReturnValueReturnsNull() {
        Generator<Integer, Void> g = countdown(0);
        assertThatThrownBy(g::returnValue).isInstanceOf(IllegalStateException.class).hasMessageContaining("CREATED");
        assertThat(g.hasNext()).isFalse();
        assertThat(g.returnValue()).isNull();
    }

    // ------------------------------------------------------------ states

    @Test
    void statesFollowInspectGetgeneratorstate() {
        AtomicReference<Generator<GeneratorState, Void>> self = new AtomicReference<>();
        Generator<GeneratorState, Void> g = Generator.of(y -> y.yield(self.get().state()));
        self.set(g);

        assertThat(g.state()).isEqualTo(GeneratorState.CREATED);
        assertThat(g.next()).isEqualTo(GeneratorState.RUNNING);
        assertThat(g.state()).isEqualTo(GeneratorState.SUSPENDED);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(g.toString()).startsWith("Generator@").endsWith("[CLOSED]");
    }

    // ------------------------------------------------------------ re-entrancy

    @Test
    void aBodyCallingItsOwnNextGetsGeneratorAlreadyExecuting() {
        AtomicReference<Generator<String, Void>> self = new AtomicReference<>();
        Generator<String, Void> g = Generator.of(y -> {
            try {
                self.get().next();
                y.yield("no error");
            } catch (IllegalStateException e) {
                y.yield(e.getMessage());
            }
        });
        self.set(g);

        assertThat(g.next()).isEqualTo("generator already executing");
    }

    @Test
    void anotherThreadCallingWhileTheBodyRunsGetsGeneratorAlreadyExecuting() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Generator<String, Void> g = Generator.of(y -> {
            running.countDown();
            release.await();
            y.yield("first");
        });
        AtomicReference<Object> first = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> first.set(g.next()));
        running.await();

        assertThat(g.state()).isEqualTo(GeneratorState.RUNNING);
        assertThatThrownBy(g::next).isInstanceOf(IllegalStateException.class).hasMessage("generator already executing");
        assertThatThrownBy(g::close).isInstanceOf(IllegalStateException.class).hasMessage("generator already executing");
        assertThatThrownBy(() -> g.throwInto(new RuntimeException()))
                .isInstanceOf(IllegalStateException.class).hasMessage("generator already executing");
        release.countDown();
        caller.join();
        assertThat(first.get()).isEqualTo("first");
        assertThat(g.state()).isEqualTo(GeneratorState.SUSPENDED);
    }

    @Test
    void successiveCallsMayComeFromDifferentThreads() throws Exception {
        Generator<Integer, Void> g = countdown(100);
        List<Integer> got = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 10; t++) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10; i++) {
                    got.add(g.next());
                }
            }).join();
        }
        assertThat(got).hasSize(100).startsWith(100, 99).endsWith(1);
    }

    // ------------------------------------------------------------ throwInto

    @Test
    void throwIntoRaisesAtThePausedYieldAndACaughtOneLetsTheBodyGoOn() {
        Generator<String, Void> g = Generator.of(y -> {
            try {
                y.yield("waiting");
            } catch (IllegalArgumentException e) {
                y.yield("caught " + e.getMessage());
            }
            y.yield("after");
        });
        g.next();

        assertThat(g.throwInto(new IllegalArgumentException("boom"))).isEqualTo("caught boom");
        assertThat(g.next()).isEqualTo("after");
    }

    @Test
    void anUncaughtThrowIntoPropagatesAsItIsAndClosesTheGenerator() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> g = Generator.of(y -> {
            try {
                y.yield("waiting");
            } finally {
                log.add("finally");
            }
        });
        g.next();
        IllegalArgumentException boom = new IllegalArgumentException("boom");

        assertThatThrownBy(() -> g.throwInto(boom)).isSameAs(boom);
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
    }

    @Test
    void aCheckedExceptionThrownInCanBeCaughtAndIsWrappedIfNot() {
        Generator<String, Void> catches = Generator.of(y -> {
            try {
                y.yield("waiting");
            } catch (Exception e) {
                y.yield("caught " + e.getClass().getSimpleName());
            }
        });
        catches.next();
        assertThat(catches.throwInto(new IOException("disk"))).isEqualTo("caught IOException");

        Generator<String, Void> lets = Generator.of(y -> {
            y.yield("waiting");
        });
        lets.next();
        IOException disk = new IOException("disk");
        assertThatThrownBy(() -> lets.throwInto(disk))
                .isInstanceOf(GeneratorFailedException.class)
                .hasCause(disk)
                .hasMessageContaining("IOException: disk");
    }

    @Test
    void throwIntoAGeneratorNotStartedThrowsAtOnceAndNeverRunsTheBody() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> g = Generator.of(y -> {
            log.add("ran");
            y.yield("x");
        });
        IllegalStateException e = new IllegalStateException("early");

        assertThatThrownBy(() -> g.throwInto(e)).isSameAs(e);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThat(log).isEmpty();
    }

    @Test
    void throwIntoAClosedGeneratorThrowsIt() {
        Generator<Integer, Void> g = countdown(0);
        g.close();
        RuntimeException e = new RuntimeException("late");
        assertThatThrownBy(() -> g.throwInto(e)).isSameAs(e);
        assertThatThrownBy(() -> g.throwInto(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void throwIntoDropsAValueFetchedByHasNext() {
        Generator<String, Void> g = Generator.of(y -> {
            try {
                y.yield("fetched");
            } catch (IllegalArgumentException e) {
                y.yield("caught");
            }
        });
        assertThat(g.hasNext()).isTrue();
        assertThat(g.throwInto(new IllegalArgumentException())).isEqualTo("caught");
    }

    @Test
    void throwIntoWhereTheBodyReturnsThrowsStopIteration() {
        Generator<String, Void> g = Generator.returning(y -> {
            try {
                y.yield("waiting");
            } catch (IllegalArgumentException e) {
                return "handled";
            }
            return "normal";
        });
        g.next();
        StopIteration end = (StopIteration) catchThrowable(() -> g.throwInto(new IllegalArgumentException()));
        assertThat(end.value()).isEqualTo("handled");
    }

    // ------------------------------------------------------------ close

    @Test
    void closeRaisesGeneratorExitAtTheYieldAndRunsFinally() {
        List<String> log = new ArrayList<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<Integer, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
                log.add("not reached");
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            } finally {
                log.add("finally");
            }
        });
        g.next();

        g.close();

        assertThat(seen.get()).isInstanceOf(GeneratorExit.class).isInstanceOf(Error.class);
        assertThat(log).containsExactly("finally");
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(g.returnValue()).isNull();
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        g.close(); // again: nothing
    }

    @Test
    void closeBeforeTheStartNeverRunsTheBody() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void> g = Generator.of(y -> {
            try {
                log.add("ran");
                y.yield(1);
            } finally {
                log.add("finally");
            }
        });
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(g.hasNext()).isFalse();
        assertThat(log).isEmpty();
    }

    @Test
    void closeAfterTheEndDoesNothing() {
        Generator<Integer, Void> g = countdown(1);
        assertThat(listOf(g)).containsExactly(1);
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void catchExceptionDoesNotCatchGeneratorExit() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (Exception e) {
                log.add("caught " + e);
            }
            log.add("after");
        });
        g.next();
        g.close();
        assertThat(log).isEmpty();
    }

    @Test
    void aBodyThatYieldsAfterGeneratorExitMakesCloseThrowAndStaysSuspended() {
        Generator<String, Void> g = Generator.returning(y -> {
            try {
                y.yield("first");
            } catch (GeneratorExit e) {
                y.yield("ignored the exit");
            }
            return "finished";
        });
        g.next();

        assertThatThrownBy(g::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("generator ignored GeneratorExit");
        assertThat(g.state()).isEqualTo(GeneratorState.SUSPENDED);
        // As in Python, it is still suspended at the second yield, and can finish.
        assertThat(((StopIteration) catchThrowable(g::next)).value()).isEqualTo("finished");
    }

    @Test
    void aBodyThatCatchesGeneratorExitAndReturnsGivesItsValueToReturnValue() {
        Generator<String, Void> g = Generator.returning(y -> {
            try {
                y.yield("first");
                return "normal";
            } catch (GeneratorExit e) {
                return "closed early";
            }
        });
        g.next();
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(g.returnValue()).isEqualTo("closed early");
    }

    @Test
    void anExceptionThrownWhileClosingReachesTheCallerOfClose() {
        IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
        Generator<String, Void> g = Generator.of(y -> {
            try {
                y.yield("first");
            } catch (GeneratorExit e) {
                throw cleanupFailed; // as a finally block that fails would
            }
        });
        g.next();
        assertThatThrownBy(g::close).isSameAs(cleanupFailed);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void tryWithResourcesClosesAGeneratorLeftHalfWay() {
        List<String> log = new ArrayList<>();
        try (Generator<Integer, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                log.add("finally");
            }
        })) {
            assertThat(g.next()).isEqualTo(1);
        }
        assertThat(log).containsExactly("finally");
    }

    // ------------------------------------------------------------ the body's exceptions

    @Test
    void anUncheckedExceptionOfTheBodyReachesTheCallerAsItIs() {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        Generator<Integer, Void> g = Generator.of(y -> {
            y.yield(1);
            throw bad;
        });
        g.next();
        assertThatThrownBy(g::next).isSameAs(bad);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
    }

    @Test
    void aCheckedExceptionOfTheBodyIsWrappedWithAClearMessage() {
        IOException io = new IOException("no disk");
        Generator<Integer, Void> g = Generator.of(y -> {
            throw io;
        });
        assertThatThrownBy(g::next)
                .isInstanceOf(GeneratorFailedException.class)
                .hasMessage("generator raised java.io.IOException: no disk")
                .hasCause(io);
    }

    @Test
    void anErrorOfTheBodyReachesTheCallerAsItIs() {
        Generator<Integer, Void> g = Generator.of(y -> recurse(y, 0));
        assertThatThrownBy(g::next).isInstanceOf(StackOverflowError.class);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    private static void recurse(Yielder<Integer, Void> y, int depth) {
        recurse(y, depth + 1);
    }

    @Test
    void aStopIterationEscapingTheBodyIsNotTakenForItsEnd() {
        Generator<Integer, Void> exhausted = countdown(0);
        Generator<Integer, Void> g = Generator.of(y -> {
            y.yield(exhausted.next()); // throws StopIteration inside the body
        });
        assertThatThrownBy(g::next)
                .isInstanceOf(GeneratorFailedException.class)
                .hasMessage("generator raised StopIteration")
                .hasCauseInstanceOf(StopIteration.class);
    }

    // ------------------------------------------------------------ the yielder

    @Test
    void aYielderUsedFromAnotherThreadOrAfterTheBodyEndedThrows() throws Exception {
        AtomicReference<Yielder<String, Void>> leaked = new AtomicReference<>();
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        Generator<String, Void> g = Generator.of(y -> {
            leaked.set(y);
            Thread t = Thread.ofPlatform().start(() -> fromOtherThread.set(catchThrowable(() -> y.yield("x"))));
            t.join();
            y.yield("ok");
        });
        assertThat(g.next()).isEqualTo("ok");
        assertThat(fromOtherThread.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running body");
        // While suspended, and after the end, the yielder is not usable either.
        assertThatThrownBy(() -> leaked.get().yield("y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(g::next).isInstanceOf(StopIteration.class);
        assertThatThrownBy(() -> leaked.get().yieldFrom(List.of("z"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> Generator.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Generator.returning(null)).isInstanceOf(NullPointerException.class);
        Generator<Object, Void> g = Generator.of(y -> y.yieldFrom((Generator<Object, Void>) null));
        assertThatThrownBy(g::next).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------ interrupts

    @Test
    void theCallersInterruptStatusGoesToTheBodyAndBack() throws Exception {
        Generator<Boolean, Void> g = Generator.of(y -> {
            y.yield(Thread.currentThread().isInterrupted()); // sees it, leaves it set
            y.yield(Thread.interrupted()); // sees it, clears it
            y.yield(Thread.currentThread().isInterrupted());
        });
        AtomicReference<List<Boolean>> seen = new AtomicReference<>();
        Thread.ofPlatform().start(() -> {
            List<Boolean> s = new ArrayList<>();
            Thread.currentThread().interrupt();
            s.add(g.next());                                   // body saw it
            s.add(Thread.currentThread().isInterrupted());     // and it came back
            s.add(g.next());                                   // body consumed it
            s.add(Thread.currentThread().isInterrupted());     // so the caller's is clear
            s.add(g.next());
            seen.set(s);
        }).join();
        assertThat(seen.get()).containsExactly(true, true, true, false, false);
    }

    @Test
    void aCallerInterruptedWhileWaitingPassesItToTheBodyAndKeepsIt() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        Generator<String, Void> g = Generator.of(y -> {
            try {
                blocking.countDown();
                new CountDownLatch(1).await(); // blocks until interrupted
                y.yield("not interrupted");
            } catch (InterruptedException e) {
                y.yield("interrupted");
            }
        });
        AtomicReference<String> got = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            got.set(g.next());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        blocking.await();
        caller.interrupt();
        caller.join();

        assertThat(got.get()).isEqualTo("interrupted");
        assertThat(interruptedAfter.get()).isTrue();
    }

    // ------------------------------------------------------------ memory effects

    @Test
    void theBodyAndTheCallerShareUnsynchronizedStateThroughTheHandOff() {
        int[] counter = new int[1]; // plain, unsynchronized
        List<Integer> list = new ArrayList<>();
        Generator<Integer, Void> g = Generator.of(y -> {
            while (true) {
                counter[0]++;
                list.add(counter[0]);
                y.yield(counter[0]);
            }
        });
        for (int i = 1; i <= 20_000; i++) {
            counter[0]++;
            list.add(-counter[0]);
            assertThat(g.next()).isEqualTo(2 * i);
        }
        g.close();
        assertThat(counter[0]).isEqualTo(40_000);
        assertThat(list).hasSize(40_000);
        for (int i = 0; i < list.size(); i++) {
            assertThat(Math.abs(list.get(i))).isEqualTo(i + 1);
        }
    }
}
