package dev.weft.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.futures.WeftFuture;
import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded mailboxes: a full BLOCK mailbox makes its sender wait (and a timed send give up, an
 * interrupt end the wait), FAIL throws, DROP_OLDEST turns the oldest message into a dead letter;
 * close never waits, and a sender blocked on an actor that stops is released with a dead letter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorMailboxTest {

    private final DeadLetters office = new DeadLetters();

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    /** An actor whose handler waits at a gate (for its first message), recording what it got. */
    private final class Gated {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> got = new CopyOnWriteArrayList<>();
        final Actor<String> actor;

        Gated(int capacity, Overflow overflow) throws InterruptedException {
            actor = Actor.spawn(Mailbox.bounded(capacity, overflow).deadLettersTo(office), Supervisor.escalating(), m -> {
                inside.countDown();
                gate.await();
                got.add(m);
            });
            actor.send("busy"); // taken at once: the handler now holds the actor at the gate
            assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
        }

        void finish() throws InterruptedException {
            gate.countDown();
            actor.close();
            assertThat(actor.join(TestThreads.LONG)).isTrue();
        }
    }

    @Test
    void blockMakesTheSenderWaitForRoom() throws InterruptedException {
        Gated g = new Gated(2, Overflow.BLOCK);
        g.actor.send("1");
        g.actor.send("2");
        var sender = TestThreads.start("sender", () -> g.actor.send("3")).awaitBlocked();
        assertThat(sender.thread().isAlive()).isTrue();

        g.gate.countDown(); // the actor takes "1", which makes room
        sender.joinSuccessfully();
        g.finish();
        assertThat(g.got).containsExactly("busy", "1", "2", "3");
        assertThat(office.count()).isZero();
    }

    @Test
    void aTimedSendGivesUpWhenNoRoomComes() throws InterruptedException {
        Gated g = new Gated(1, Overflow.BLOCK);
        g.actor.send("1");
        long t0 = System.nanoTime();
        assertThat(g.actor.send("2", Duration.ofMillis(50))).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(g.actor.send("2", Duration.ZERO)).isFalse();
        g.gate.countDown();
        assertThat(g.actor.send("3", TestThreads.LONG)).isTrue();
        g.finish();
        assertThat(g.got).containsExactly("busy", "1", "3");
        assertThat(office.count()).as("a refused message is the sender's, not a dead letter").isZero();
    }

    @Test
    void anInterruptEndsTheWaitForRoom() throws InterruptedException {
        Gated g = new Gated(1, Overflow.BLOCK);
        g.actor.send("1");
        var sender = TestThreads.start("sender", () -> {
            assertThatThrownBy(() -> g.actor.send("never"))
                    .isInstanceOf(SendInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status set again").isTrue();
            Thread.interrupted();
            var timed = Thread.currentThread();
            timed.interrupt();
            assertThatThrownBy(() -> g.actor.send("never", TestThreads.LONG)).isInstanceOf(InterruptedException.class);
        }).awaitBlocked();
        sender.thread().interrupt();
        sender.joinSuccessfully();
        g.finish();
        assertThat(g.got).containsExactly("busy", "1");
        assertThat(office.count()).isZero();
    }

    @Test
    void failThrowsMailboxFullAndKeepsWhatItHas() throws InterruptedException {
        Gated g = new Gated(2, Overflow.FAIL);
        g.actor.send("1");
        g.actor.send("2");
        assertThatThrownBy(() -> g.actor.send("3")).isInstanceOf(MailboxFullException.class)
                .isInstanceOf(dev.weft.queue.QueueFullException.class)
                .hasMessageContaining("capacity 2");
        assertThatThrownBy(() -> g.actor.ask("4")).isInstanceOf(MailboxFullException.class);
        g.actor.close(); // the end marker does not count: close never fails or waits
        g.finish();
        assertThat(g.got).containsExactly("busy", "1", "2");
        assertThat(office.count()).isZero();
    }

    @Test
    void dropOldestTurnsTheOldestIntoADeadLetter() throws InterruptedException {
        Gated g = new Gated(2, Overflow.DROP_OLDEST);
        WeftFuture<Object> asked = g.actor.ask("1");
        g.actor.send("2");
        g.actor.send("3"); // drops "1"
        g.actor.send("4"); // drops "2"
        assertThat(office.count()).isEqualTo(2);
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactly("1", "2");
        assertThat(office.recent()).extracting(DeadLetter::reason).containsOnly(DeadLetter.Reason.DROPPED);
        assertThatThrownBy(asked::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MailboxFullException.class).hasMessageContaining("DROP_OLDEST");
        g.finish();
        assertThat(g.got).containsExactly("busy", "3", "4");
    }

    @Test
    void aSenderBlockedOnAnActorThatStopsIsReleasedWithADeadLetter() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Actor<String> a = Actor.spawn(Mailbox.bounded(1, Overflow.BLOCK).deadLettersTo(office), Supervisor.stopping(), m -> {
            inside.countDown();
            gate.await();
            throw new IllegalStateException("stop here");
        });
        a.send("busy");
        assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
        a.send("waiting");
        var sender = TestThreads.start("sender", () -> a.send("blocked")).awaitBlocked();
        gate.countDown();
        sender.joinSuccessfully();
        a.join();
        assertThat(a.failure()).hasMessage("stop here");
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactlyInAnyOrder("waiting", "blocked");
    }

    @Test
    void boundedMailboxesKeepOrderUnderManySenders() throws InterruptedException {
        List<Integer> got = new CopyOnWriteArrayList<>();
        Actor<Integer> a = Actor.spawn(Mailbox.bounded(8, Overflow.BLOCK).deadLettersTo(office), Supervisor.escalating(), got::add);
        Thread[] senders = new Thread[3];
        for (int s = 0; s < senders.length; s++) {
            int base = s * 100_000;
            senders[s] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    a.send(base + i);
                }
            });
        }
        for (Thread t : senders) {
            t.join();
        }
        a.close();
        a.join();
        assertThat(got).hasSize(15_000);
        for (int s = 0; s < senders.length; s++) {
            int base = s * 100_000;
            assertThat(got.stream().filter(x -> x / 100_000 == base / 100_000).toList())
                    .isSorted().hasSize(5_000);
        }
        assertThat(office.count()).isZero();
    }
}
