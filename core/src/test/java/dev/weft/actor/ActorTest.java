package dev.weft.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.futures.WeftFuture;
import dev.weft.pubsub.Subscriber;
import dev.weft.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unit tests of {@link Actor}: the seed's PrintActor, order of messages, ActorExit after the
 * messages sent before close, join with and without a timeout, asks and replies (also to a stopped
 * actor), the actor as a {@link Subscriber}, bad input, and interrupts of the blocking calls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private final DeadLetters office = new DeadLetters();
    private final Mailbox mailbox = Mailbox.unbounded().deadLettersTo(office);

    @AfterEach
    void clearInterruptStatus() {
        Thread.interrupted();
    }

    /** The seed's PrintActor, printing to a list. */
    static final class Recorder extends Actor<String> {
        final List<String> got = new CopyOnWriteArrayList<>();
        volatile boolean sawExit;

        Recorder() {}

        Recorder(Mailbox mailbox) {
            super(mailbox);
        }

        @Override
        protected void run() throws InterruptedException {
            try {
                while (true) {
                    String msg = recv();
                    got.add("Got: " + msg);
                }
            } catch (ActorExit e) {
                sawExit = true;
                throw e;
            }
        }
    }

    @Test
    void theSeedsPrintActorGetsItsMessagesThenActorExit() throws InterruptedException {
        Recorder p = new Recorder();
        p.start();
        p.send("Hello");
        p.send("World");
        p.close();
        p.join();

        assertThat(p.got).containsExactly("Got: Hello", "Got: World");
        assertThat(p.sawExit).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.failure()).isNull();
    }

    @Test
    void messagesOfOneSenderArriveInOrderAndManySendersLoseNothing() throws InterruptedException {
        int senders = 4;
        int each = 20_000;
        List<List<Integer>> perSender = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            perSender.add(new ArrayList<>());
        }
        Actor<int[]> actor = Actor.spawn(mailbox, Supervisor.escalating(), m -> perSender.get(m[0]).add(m[1]));
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    actor.send(new int[] {id, i});
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        actor.close();
        assertThat(actor.join(TestThreads.LONG)).isTrue();

        for (List<Integer> got : perSender) {
            assertThat(got).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        }
        assertThat(office.count()).isZero();
    }

    @Test
    void messagesSentBeforeStartWaitInTheMailbox() throws InterruptedException {
        Recorder p = new Recorder();
        p.send("early");
        p.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.toString()).startsWith("Recorder@").endsWith("[new]");

        p.start();
        p.join();
        assertThat(p.got).containsExactly("Got: early");
    }

    @Test
    void recvAfterActorExitThrowsItAgain() throws InterruptedException {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Actor<String> a = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                try {
                    recv();
                } catch (ActorExit first) {
                    try {
                        recv(Duration.ofSeconds(30));
                    } catch (ActorExit again) {
                        second.set(again);
                    }
                }
            }
        };
        a.start();
        a.close();
        a.join();
        assertThat(second.get()).isInstanceOf(ActorExit.class);
        assertThat(second.get().getStackTrace()).isEmpty();
    }

    @Test
    void timedRecvReturnsNullWhenNothingComes() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<Object> got = new CopyOnWriteArrayList<>();
        Actor<String> a = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                got.add(String.valueOf(recv(Duration.ZERO)));
                got.add(String.valueOf(recv(SHORT)));
                done.countDown();
                got.add(recv(TestThreads.LONG));
            }
        };
        a.start();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        a.send("late");
        a.join();
        assertThat(got).containsExactly("null", "null", "late");
    }

    @Test
    void runReturningStopsTheActorAndLeftoversAreDeadLetters() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Actor<String> a = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                recv();
                release.await();
            }
        };
        a.start();
        a.send("one");
        a.send("two");
        a.send("three");
        release.countDown();
        a.join();

        assertThat(office.count()).isEqualTo(2);
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactly("two", "three");
        assertThat(office.recent()).extracting(DeadLetter::reason)
                .containsOnly(DeadLetter.Reason.STOPPED);
        assertThat(office.recent()).extracting(DeadLetter::recipient).containsOnly(a);
    }

    @Test
    void sendsAfterCloseAreDeadLetters() throws InterruptedException {
        Recorder p = new Recorder(mailbox);
        p.start();
        p.send("before");
        p.close();
        p.send("after close");
        p.join();
        p.send("after stop");

        assertThat(p.got).containsExactly("Got: before");
        assertThat(office.count()).isEqualTo(2);
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactly("after close", "after stop");
        assertThat(office.recent()).extracting(DeadLetter::reason).containsOnly(DeadLetter.Reason.CLOSED);
    }

    @Test
    void deadLetterSubscribersSeeEachLetterUntilClosed() throws InterruptedException {
        List<DeadLetter> seen = new CopyOnWriteArrayList<>();
        Actor<String> a = Actor.spawn(mailbox, Supervisor.escalating(), m -> {});
        a.close();
        a.join();
        try (dev.weft.pubsub.Subscription s = office.subscribe(seen::add)) {
            a.send("x");
        }
        a.send("y");
        assertThat(seen).extracting(DeadLetter::message).containsExactly("x");
        assertThat(office.count()).isEqualTo(2);
    }

    @Test
    void joinWithATimeoutReturnsFalseWhileAliveAndTrueOnceTerminated() throws InterruptedException {
        Recorder p = new Recorder(mailbox);
        p.start();
        long t0 = System.nanoTime();
        assertThat(p.join(SHORT)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(p.join(Duration.ZERO)).isFalse();
        assertThat(p.isAlive()).isTrue();

        p.close();
        assertThat(p.join(TestThreads.LONG)).isTrue();
        assertThat(p.join(Duration.ZERO)).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.toString()).endsWith("[terminated]");
    }

    @Test
    void askIsAnsweredByTheReturnValueOrByReply() throws Exception {
        Actor<Integer> squarer = Actor.spawnReplying(mailbox, Supervisor.escalating(), n -> n * n);
        assertThat(squarer.<Integer>ask(7).result(TestThreads.LONG)).isEqualTo(49);

        Actor<String> echo = Actor.spawn(mailbox, Supervisor.escalating(), m -> {
            if (m.startsWith("!")) {
                assertThat(Actor.replyException(new IllegalArgumentException(m))).isTrue();
            } else if (!m.equals("quiet")) {
                assertThat(Actor.reply("echo " + m)).isTrue();
                assertThat(Actor.reply("twice")).as("answered already").isFalse();
            }
        });
        assertThat(echo.<String>ask("hi").result(TestThreads.LONG)).isEqualTo("echo hi");
        assertThat(echo.ask("quiet").result(TestThreads.LONG)).as("no reply: null").isNull();
        assertThatThrownBy(() -> echo.ask("!bad").get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("!bad");
        assertThat(echo.isAlive()).as("a replied failure is not the actor's").isTrue();

        squarer.close();
        echo.close();
        squarer.join();
        echo.join();
    }

    @Test
    void askOfASubclassActorIsAnsweredByReplyOrNullAtItsNextRecv() throws Exception {
        Actor<String> a = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                while (true) {
                    String m = recv();
                    if (m.equals("ping")) {
                        reply("pong");
                    }
                }
            }
        };
        a.start();
        assertThat(a.<String>ask("ping").result(TestThreads.LONG)).isEqualTo("pong");
        assertThat(a.ask("other").result(TestThreads.LONG)).isNull();
        a.send("sent, not asked");
        a.close();
        a.join();
    }

    @Test
    void askOfAStoppedActorFailsAtOnceAndIsADeadLetter() throws InterruptedException {
        Actor<String> a = Actor.spawn(mailbox, Supervisor.escalating(), m -> {});
        a.close();
        a.join();

        WeftFuture<Object> f = a.ask("anyone?");
        assertThat(f.done()).isTrue();
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ActorStoppedException.class).hasMessageContaining("anyone?");
        assertThat(office.recent()).extracting(DeadLetter::message).containsExactly("anyone?");
    }

    @Test
    void askLeftInTheMailboxOfAnActorThatStopsFails() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Actor<String> a = Actor.spawn(mailbox, Supervisor.escalating(), m -> {
            inside.countDown();
            release.await();
        });
        a.send("first");
        assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
        a.close();
        WeftFuture<Object> f = a.ask("too late");
        assertThat(f.done()).as("sent after close").isTrue();
        release.countDown();
        a.join();
        assertThatThrownBy(f::get).cause().isInstanceOf(ActorStoppedException.class);
    }

    @Test
    void askOfAnActorThatFailsWhileHandlingItFailsWithTheFailure() throws InterruptedException {
        Actor<String> a = Actor.spawnReplying(mailbox, Supervisor.stopping(), m -> {
            throw new IllegalStateException("broken by " + m);
        });
        WeftFuture<Object> f = a.ask("q");
        WeftFuture<Object> queued = a.ask("r");
        assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("broken by q");
        a.join();
        assertThat(a.failure()).hasMessage("broken by q");
        assertThat(queued.done()).isTrue();
        if (queued.exceptionNow() instanceof ActorStoppedException) {
            assertThat(office.recent()).extracting(DeadLetter::message).contains("r");
        }
    }

    @Test
    void anActorIsASubscriber() throws InterruptedException {
        Recorder p = new Recorder(mailbox);
        p.start();
        // a tiny exchange: deliver each message to every attached subscriber
        List<Subscriber<String>> attached = new ArrayList<>();
        attached.add(p);
        List<String> other = new ArrayList<>();
        attached.add(other::add);
        for (String m : List.of("a", "b")) {
            for (Subscriber<String> s : attached) {
                s.send(m);
            }
        }
        p.close();
        p.join();
        assertThat(p.got).containsExactly("Got: a", "Got: b");
        assertThat(other).containsExactly("a", "b");
    }

    @Test
    void badInputIsRefused() throws InterruptedException {
        Recorder p = new Recorder(mailbox);
        assertThatThrownBy(() -> p.join(SHORT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it is started");
        assertThatThrownBy(() -> p.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.ask(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.start(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.recv()).as("not on the actor's thread").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Actor.reply("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Actor.spawn(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Mailbox.bounded(0, Overflow.BLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mailbox.bounded(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Supervisor.restarting(-1, SHORT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Supervisor.restarting(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadLetters(-1)).isInstanceOf(IllegalArgumentException.class);

        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        assertThatThrownBy(() -> p.join(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.send("x", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        p.close();
        p.close(); // idempotent
        p.join();
        assertThat(p.got).isEmpty();
    }

    @Test
    void negativeRecvTimeoutAndSelfJoinFailTheActorClearly() throws InterruptedException {
        AtomicReference<Throwable> joinSelf = new AtomicReference<>();
        Actor<String>[] self = new Actor[1];
        self[0] = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                try {
                    self[0].join();
                } catch (IllegalStateException e) {
                    joinSelf.set(e);
                }
                recv(Duration.ofSeconds(-1));
            }
        };
        self[0].start(Supervisor.stopping());
        self[0].join();
        assertThat(joinSelf.get()).hasMessageContaining("cannot join itself");
        assertThat(self[0].failure()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joinIsInterruptible() throws InterruptedException {
        Recorder p = new Recorder(mailbox);
        p.start();
        var joiner = TestThreads.start("joiner", () -> {
            assertThatThrownBy(p::join).isInstanceOf(InterruptedException.class);
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> p.join(TestThreads.LONG)).isInstanceOf(InterruptedException.class);
        }).awaitBlocked();
        joiner.thread().interrupt();
        joiner.joinSuccessfully();
        assertThat(p.isAlive()).isTrue();
        p.close();
        p.join();
    }

    @Test
    void anInterruptedRecvIsAFailureOfTheActor() throws InterruptedException {
        Actor<String> a = new Actor<>(mailbox) {
            @Override
            protected void run() throws InterruptedException {
                Thread.currentThread().interrupt();
                recv();
            }
        };
        a.start(Supervisor.stopping());
        a.join();
        assertThat(a.failure()).isInstanceOf(InterruptedException.class);
    }
}
