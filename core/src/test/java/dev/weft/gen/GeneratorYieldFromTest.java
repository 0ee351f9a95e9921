package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@link Yielder#yieldFrom}: Python's {@code yield from} (PEP 380). Values, sends and
 * throws pass through to the sub-generator; its return value comes back; closing the delegating
 * generator closes the sub-generator first; exceptions keep their identity across the delegation;
 * plain iterables; deep chains.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorYieldFromTest {

    /** Averages the numbers sent to it until it is sent null... rather, a negative number. */
    static Generator<Double, Integer> averager() {
        return Generator.returning(y -> {
            double total = 0;
            int count = 0;
            Double average = null;
            while (true) {
                Integer term = y.yield(average);
                if (term < 0) {
                    return count;
                }
                total += term;
                count++;
                average = total / count;
            }
        });
    }

    @Test
    void yieldsTheSubGeneratorsValuesThenItsOwn() {
        Generator<Integer, Void> outer = Generator.of(y -> {
            y.yield(0);
            y.yieldFrom(GeneratorTest.countdown(3));
            y.yield(99);
        });
        assertThat(GeneratorTest.listOf(outer)).containsExactly(0, 3, 2, 1, 99);
    }

    @Test
    void sendsPassThroughAndTheReturnValueComesBack() {
        List<Object> counts = new ArrayList<>();
        Generator<Double, Integer> outer = Generator.of(y -> {
            counts.add(y.yieldFrom(averager()));
            counts.add(y.yieldFrom(averager()));
        });

        assertThat(outer.next()).isNull();
        assertThat(outer.send(10)).isEqualTo(10.0);
        assertThat(outer.send(20)).isEqualTo(15.0);
        assertThat(outer.send(-1)).isNull(); // first averager returns 2; second one starts
        assertThat(outer.send(4)).isEqualTo(4.0);
        assertThatThrownBy(() -> outer.send(-1)).isInstanceOf(StopIteration.class);
        assertThat(counts).containsExactly(2, 1);
    }

    @Test
    void aThrowIntoTheDelegatorReachesTheSubGeneratorWhichMayCatchIt() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> sub = Generator.returning(y -> {
            try {
                y.yield("sub waiting");
            } catch (IllegalArgumentException e) {
                log.add("sub caught " + e.getMessage());
                y.yield("sub recovered");
            }
            return "sub result";
        });
        Generator<String, Void> outer = Generator.of(y -> {
            Object r = y.yieldFrom(sub);
            y.yield("outer got " + r);
        });

        assertThat(outer.next()).isEqualTo("sub waiting");
        assertThat(outer.throwInto(new IllegalArgumentException("x"))).isEqualTo("sub recovered");
        assertThat(outer.next()).isEqualTo("outer got sub result");
        assertThat(log).containsExactly("sub caught x");
    }

    @Test
    void aThrowNeitherCatchesPropagatesThroughBoth() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> sub = Generator.of(y -> {
            try {
                y.yield("sub");
            } finally {
                log.add("sub finally");
            }
        });
        Generator<String, Void> outer = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } finally {
                log.add("outer finally");
            }
        });
        outer.next();
        UnsupportedOperationException e = new UnsupportedOperationException("nope");

        assertThatThrownBy(() -> outer.throwInto(e)).isSameAs(e);
        assertThat(log).containsExactly("sub finally", "outer finally");
        assertThat(sub.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(outer.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void theDelegatorCatchesWhatTheSubGeneratorLetsEscape() {
        Generator<String, Void> sub = Generator.of(y -> {
            y.yield("sub");
            throw new IllegalStateException("sub failed");
        });
        Generator<String, Void> outer = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } catch (IllegalStateException e) {
                y.yield("outer caught " + e.getMessage());
            }
        });
        assertThat(outer.next()).isEqualTo("sub");
        assertThat(outer.next()).isEqualTo("outer caught sub failed");
    }

    @Test
    void aCheckedExceptionOfTheSubGeneratorIsSeenUnwrappedByTheDelegator() {
        IOException io = new IOException("io");
        Generator<String, Void> sub = Generator.of(y -> {
            y.yield("sub");
            throw io;
        });
        Generator<String, Void> outer = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } catch (Exception e) {
                y.yield(e == io ? "the same IOException" : "something else: " + e);
            }
        });
        Generator<String, Void> uncaught = Generator.of(y -> {
            y.yieldFrom(Generator.<String, Void>of(z -> {
                z.yield("sub");
                throw io;
            }));
        });

        outer.next();
        assertThat(outer.next()).isEqualTo("the same IOException");
        uncaught.next();
        Throwable t = catchThrowable(uncaught::next);
        assertThat(t).isInstanceOf(GeneratorFailedException.class).hasCause(io); // wrapped once
    }

    @Test
    void closingTheDelegatorClosesTheSubGeneratorFirst() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> sub = Generator.of(y -> {
            try {
                y.yield("sub");
            } catch (GeneratorExit e) {
                log.add("sub saw GeneratorExit");
                throw e;
            } finally {
                log.add("sub finally");
            }
        });
        Generator<String, Void> outer = Generator.of(y -> {
            try {
                y.yieldFrom(sub);
            } catch (GeneratorExit e) {
                log.add("outer saw GeneratorExit");
                throw e;
            } finally {
                log.add("outer finally");
            }
        });
        outer.next();

        outer.close();

        assertThat(log).containsExactly("sub saw GeneratorExit", "sub finally", "outer saw GeneratorExit", "outer finally");
        assertThat(sub.state()).isEqualTo(GeneratorState.CLOSED);
        assertThat(outer.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void aGeneratorExitThrownInIsAClose() {
        List<String> log = new ArrayList<>();
        Generator<String, Void> sub = Generator.of(y -> {
            try {
                y.yield("sub");
            } finally {
                log.add("sub finally");
            }
        });
        Generator<String, Void> outer = Generator.of(y -> y.yieldFrom(sub));
        outer.next();
        GeneratorExit exit = new GeneratorExit("by hand");

        assertThatThrownBy(() -> outer.throwInto(exit)).isSameAs(exit);
        assertThat(log).containsExactly("sub finally");
    }

    @Test
    void delegatesToASubGeneratorStartedAlready() {
        Generator<Integer, Void> sub = GeneratorTest.countdown(3);
        assertThat(sub.next()).isEqualTo(3);
        Generator<Integer, Void> outer = Generator.of(y -> y.yieldFrom(sub));
        assertThat(GeneratorTest.listOf(outer)).containsExactly(2, 1);
    }

    @Test
    void delegatingToAnExhaustedGeneratorReturnsAtOnce() {
        Generator<Integer, Void> sub = GeneratorTest.countdown(0);
        Generator<Integer, Void> outer = Generator.returning(y -> y.yieldFrom(sub));
        assertThat(outer.hasNext()).isFalse();
        assertThat(outer.returnValue()).isNull();
    }

    @Test
    void yieldsFromAPlainIterable() {
        Generator<String, String> g = Generator.of(y -> {
            y.yieldFrom(List.of("a", "b"));
            y.yield("c");
        });
        assertThat(g.next()).isEqualTo("a");
        assertThat(g.send(null)).isEqualTo("b");
        assertThat(g.next()).isEqualTo("c");
    }

    @Test
    void sendingAValueToAPlainIterableIsAnError() {
        Generator<String, String> g = Generator.of(y -> y.yieldFrom(List.of("a", "b")));
        g.next();
        assertThatThrownBy(() -> g.send("x"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("plain iterator");
    }

    @Test
    void aGeneratorPassedAsAnIterableIsDelegatedTo() {
        Iterable<Integer> sub = Generator.returning(y -> {
            y.yield(1);
            return "r";
        });
        Generator<Integer, Void> outer = Generator.returning(y -> y.yieldFrom(sub));
        assertThat(outer.next()).isEqualTo(1);
        assertThat(((StopIteration) catchThrowable(outer::next)).value()).isEqualTo("r");
    }

    /** A binary tree flattened by recursive delegation: Python's classic {@code yield from} use. */
    record Tree(Tree left, int value, Tree right) {
        static Tree of(int lo, int hi) {
            if (lo > hi) {
                return null;
            }
            int mid = (lo + hi) >>> 1;
            return new Tree(of(lo, mid - 1), mid, of(mid + 1, hi));
        }
    }

    static Generator<Integer, Void> inOrder(Tree t) {
        return Generator.returning(y -> {
            if (t == null) {
                return 0;
            }
            int n = (Integer) y.yieldFrom(inOrder(t.left()));
            y.yield(t.value());
            return n + 1 + (Integer) y.yieldFrom(inOrder(t.right()));
        });
    }

    @Test
    void recursiveDelegationFlattensATreeAndCountsIt() {
        Generator<Integer, Void> g = inOrder(Tree.of(1, 200));
        List<Integer> values = GeneratorTest.listOf(g);
        assertThat(values).hasSize(200).isSorted().startsWith(1).endsWith(200);
        assertThat(g.returnValue()).isEqualTo(200);
    }
}
