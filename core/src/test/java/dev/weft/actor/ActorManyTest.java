package dev.weft.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many actors at once: 100,000 alive, each with a thread parked in recv, then all closed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActorManyTest {

    @Test
    void aHundredThousandActorsAliveAtOnce() throws InterruptedException {
        int n = 100_000;
        DeadLetters office = new DeadLetters();
        Mailbox mailbox = Mailbox.unbounded().deadLettersTo(office);
        LongAdder sum = new LongAdder();
        CountDownLatch firstMessages = new CountDownLatch(n);
        @SuppressWarnings("unchecked")
        Actor<Integer>[] actors = new Actor[n];
        for (int i = 0; i < n; i++) {
            actors[i] = Actor.spawn(mailbox, Supervisor.escalating(), m -> {
                sum.add(m);
                firstMessages.countDown();
            });
        }
        for (int i = 0; i < n; i++) {
            actors[i].send(i); // starts each actor's thread
        }
        assertThat(firstMessages.await(60, TimeUnit.SECONDS)).isTrue();
        for (Actor<Integer> a : actors) {
            assertThat(a.isAlive()).isTrue();
        }
        // a chain through all of them: each forwards to the next
        CountDownLatch chainDone = new CountDownLatch(1);
        @SuppressWarnings("unchecked")
        Actor<Integer>[] chain = new Actor[1000];
        for (int i = chain.length - 1; i >= 0; i--) {
            Actor<Integer> next = i + 1 < chain.length ? chain[i + 1] : null;
            chain[i] = Actor.spawn(mailbox, Supervisor.escalating(), m -> {
                if (next == null) {
                    chainDone.countDown();
                } else {
                    next.send(m + 1);
                }
            });
        }
        chain[0].send(0);
        assertThat(chainDone.await(20, TimeUnit.SECONDS)).isTrue();

        for (Actor<Integer> a : actors) {
            a.close();
        }
        for (Actor<Integer> a : chain) {
            a.close();
        }
        for (Actor<Integer> a : actors) {
            assertThat(a.join(TestThreads.LONG)).isTrue();
        }
        assertThat(sum.sum()).isEqualTo((long) n * (n - 1) / 2);
        assertThat(office.count()).isZero();
    }
}
