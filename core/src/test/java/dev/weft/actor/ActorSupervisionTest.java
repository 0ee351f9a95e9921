package dev.weft.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.actor.Supervisor.Directive;
import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Supervision: restart on the same mailbox within the limit, then stop and escalate; stop;
 * escalation to a parent actor (and from it to its own supervisor); a decider that throws;
 * failures always visible.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorSupervisionTest {

    private final DeadLetters office = new DeadLetters();
    private final Mailbox mailbox = Mailbox.unbounded().deadLettersTo(office);

    /** Fails on "bad", records the rest; counts its runs. */
    static final class Fragile extends Actor<String> {
        final List<String> got = new CopyOnWriteArrayList<>();
        final AtomicInteger runs = new AtomicInteger();

        Fragile(Mailbox mailbox) {
            super(mailbox);
        }

        @Override
        protected void run() throws InterruptedException {
            runs.incrementAndGet();
            while (true) {
                String m = recv();
                if (m.startsWith("bad")) {
                    throw new IllegalArgumentException(m);
                }
                got.add(m);
            }
        }
    }

    @Test
    void aRestartedActorKeepsItsMailbox() throws InterruptedException {
        List<ActorFailure> seen = new CopyOnWriteArrayList<>();
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.restarting(3, Duration.ofMinutes(1)).deciding(x -> {
            seen.add(x);
            return Directive.RESTART;
        }));
        f.send("a");
        f.send("bad 1");
        f.send("b");
        f.send("bad 2");
        f.send("c");
        f.close();
        f.join();

        assertThat(f.got).containsExactly("a", "b", "c");
        assertThat(f.runs).hasValue(3);
        assertThat(f.failure()).isNull();
        assertThat(seen).extracting(x -> x.cause().getMessage()).containsExactly("bad 1", "bad 2");
        assertThat(seen).extracting(ActorFailure::restarts).containsExactly(0, 1);
        assertThat(office.count()).isZero();
    }

    @Test
    void beyondTheRestartLimitTheActorStopsAndTheFailureIsEscalated() throws InterruptedException {
        List<ActorFailure> escalated = new CopyOnWriteArrayList<>();
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.restarting(3, Duration.ofMinutes(1)).escalatingTo(escalated::add));
        for (int i = 1; i <= 4; i++) {
            f.send("bad " + i);
        }
        f.send("left over");
        f.join();

        assertThat(f.runs).as("the first run and three restarts").hasValue(4);
        assertThat(f.failure()).hasMessage("bad 4");
        assertThat(escalated).hasSize(1);
        assertThat(escalated.getFirst().actor()).isSameAs(f);
        assertThat(escalated.getFirst().cause()).hasMessage("bad 4");
        assertThat(escalated.getFirst().restarts()).isEqualTo(3);
        assertThat(escalated.getFirst().toString()).contains("failed after 3 restarts");
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactly("left over");
        f.send("after");
        assertThat(office.count()).isEqualTo(2);
    }

    @Test
    void restartsOutsideTheWindowDoNotCount() throws InterruptedException {
        // a zero window: every earlier restart is already outside it, so restarts never run out
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.restarting(1, Duration.ZERO));
        for (int i = 0; i < 5; i++) {
            f.send("bad " + i);
        }
        f.send("ok");
        f.close();
        f.join();
        assertThat(f.runs).hasValue(6);
        assertThat(f.got).containsExactly("ok");
        assertThat(f.failure()).isNull();
    }

    @Test
    void zeroRestartsStopsAtTheFirstFailure() throws InterruptedException {
        List<ActorFailure> escalated = new CopyOnWriteArrayList<>();
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.restarting(0, Duration.ofSeconds(1)).escalatingTo(escalated::add));
        f.send("bad");
        f.join();
        assertThat(f.runs).hasValue(1);
        assertThat(escalated).hasSize(1);
    }

    @Test
    void stopStopsWithoutEscalating() throws InterruptedException {
        List<ActorFailure> escalated = new CopyOnWriteArrayList<>();
        Fragile f = new Fragile(mailbox);
        f.send("bad"); // both wait in the mailbox until the start: the second is left in it
        f.send("never handled");
        f.start(Supervisor.stopping().escalatingTo(escalated::add));
        f.join();
        assertThat(f.failure()).isInstanceOf(IllegalArgumentException.class);
        assertThat(escalated).isEmpty();
        assertThat(office.recent()).extracting(DeadLetter::reason).containsExactly(DeadLetter.Reason.STOPPED);
    }

    @Test
    void aParentActorHandlesEscalatedFailuresAndMayFailInTurn() throws InterruptedException {
        List<ActorFailure> top = new CopyOnWriteArrayList<>();
        List<String> parentSaw = new CopyOnWriteArrayList<>();
        Actor<ActorFailure> parent = Actor.spawn(mailbox, Supervisor.escalating().escalatingTo(top::add), failure -> {
            parentSaw.add(failure.cause().getMessage());
            throw new IllegalStateException("child died", failure.cause());
        });
        Fragile child = new Fragile(mailbox);
        child.start(Supervisor.escalating().escalatingTo(parent));
        child.send("bad news");
        child.join();
        parent.join();

        assertThat(parentSaw).containsExactly("bad news");
        assertThat(top).hasSize(1);
        assertThat(top.getFirst().actor()).isSameAs(parent);
        assertThat(top.getFirst().cause()).hasMessage("child died").hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeciderThatThrowsEscalates() throws InterruptedException {
        List<ActorFailure> escalated = new CopyOnWriteArrayList<>();
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.restarting().deciding(x -> {
            throw new UnsupportedOperationException("decider bug");
        }).escalatingTo(escalated::add));
        f.send("bad");
        f.join();
        assertThat(escalated).hasSize(1);
        assertThat(f.failure().getSuppressed()).singleElement().isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEscalationTargetThatThrowsDoesNotKeepTheActorAlive() throws InterruptedException {
        Fragile f = new Fragile(mailbox);
        f.start(Supervisor.escalating().escalatingTo(x -> {
            throw new IllegalStateException("parent broken");
        }));
        f.send("bad");
        assertThat(f.join(TestThreads.LONG)).isTrue();
        assertThat(f.failure()).hasMessage("bad");
    }

    @Test
    void errorsAreFailuresToo() throws InterruptedException {
        List<ActorFailure> escalated = new CopyOnWriteArrayList<>();
        Actor<String> a = Actor.spawn(mailbox, Supervisor.escalating().escalatingTo(escalated::add), m -> {
            throw new AssertionError("an error, not an exception");
        });
        a.send("x");
        a.join();
        assertThat(a.failure()).isInstanceOf(AssertionError.class);
        assertThat(escalated).hasSize(1);
    }

    @Test
    void aFunctionalActorIsRestartedOnItsMailbox() throws InterruptedException {
        List<Integer> got = new CopyOnWriteArrayList<>();
        Actor<Integer> a = Actor.spawn(mailbox, Supervisor.restarting(10, Duration.ofMinutes(1)), n -> {
            if (n % 3 == 0) {
                throw new IllegalArgumentException("multiple of 3: " + n);
            }
            got.add(n);
        });
        for (int i = 1; i <= 10; i++) {
            a.send(i);
        }
        a.close();
        a.join();
        assertThat(got).containsExactly(1, 2, 4, 5, 7, 8, 10);
        assertThat(a.failure()).isNull();
    }
}
