package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests of {@link ActorScheduler}: the Cookbook's printer and counter, messages for unknown names and
 * for finished actors, a failing actor, a long chain of messages.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorSchedulerTest {

    private final List<String> out = new ArrayList<>();

    private Generator<Void, Integer> printer() {
        return Generator.of(y -> {
            while (true) {
                Integer msg = y.yield();
                out.add("Got: " + msg);
            }
        });
    }

    private static Generator<Void, Integer> counter(ActorScheduler<Integer> sched) {
        return Generator.of(y -> {
            while (true) {
                int n = y.yield();
                if (n == 0) {
                    break;
                }
                sched.send("printer", n);
                // Send the next count to the counter task (recursive)
                sched.send("counter", n - 1);
            }
        });
    }

    @Test
    void theCookbooksPrinterAndCounter() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        sched.newActor("printer", printer());
        Generator<Void, Integer> counter = counter(sched);
        sched.newActor("counter", counter);

        assertThat(sched.send("counter", 7)).isTrue();
        sched.run();

        assertThat(out).containsExactly("Got: 7", "Got: 6", "Got: 5", "Got: 4", "Got: 3", "Got: 2", "Got: 1");
        assertThat(sched.pending()).isZero();
        assertThat(counter.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void aMessageForAnUnknownNameIsDropped() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        assertThat(sched.send("nobody", 1)).isFalse();
        assertThat(sched.pending()).isZero();
        assertThatThrownBy(() -> sched.send(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sched.newActor(null, printer())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sched.newActor("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void messagesForAFinishedActorAreDroppedWhenDelivered() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        sched.newActor("once", Generator.of(y -> out.add("once got " + y.yield())));
        sched.send("once", 1);
        sched.send("once", 2);
        sched.send("once", 3);
        assertThat(sched.pending()).isEqualTo(4);

        sched.run();

        assertThat(out).containsExactly("once got 1");
        assertThat(sched.pending()).isZero();
    }

    @Test
    void aFailingActorEndsRunAndLeavesTheRestQueued() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        sched.newActor("printer", printer());
        sched.newActor("fussy", Generator.of(y -> {
            y.yield();
            throw new IllegalArgumentException("no thanks");
        }));
        sched.send("fussy", 1);
        sched.send("printer", 2);

        assertThatThrownBy(sched::run).isInstanceOf(IllegalArgumentException.class).hasMessage("no thanks");
        assertThat(sched.pending()).isEqualTo(1);
        sched.run();
        assertThat(out).containsExactly("Got: 2");
    }

    @Test
    void aLongChainOfMessagesNeedsNoDeepStack() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        int[] printed = new int[1];
        sched.newActor("printer", Generator.<Void, Integer>of(y -> {
            while (true) {
                y.yield();
                printed[0]++;
            }
        }));
        sched.newActor("counter", counter(sched));
        sched.send("counter", 20_000);
        sched.run();
        assertThat(printed[0]).isEqualTo(20_000);
        assertThat(sched).hasToString("ActorScheduler[2 actors, 0 messages]");
    }

    @Test
    void registeringANameAgainReplacesTheActor() {
        ActorScheduler<Integer> sched = new ActorScheduler<>();
        sched.newActor("a", Generator.of(y -> out.add("first " + y.yield())));
        sched.newActor("a", Generator.of(y -> out.add("second " + y.yield())));
        sched.send("a", 1);
        sched.run();
        assertThat(out).containsExactly("second 1");
    }
}
