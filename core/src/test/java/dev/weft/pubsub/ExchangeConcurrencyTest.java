package dev.weft.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Exchange} under concurrent sends, attaches and detaches. A global tick counter orders the
 * events: each sender takes a tick before and after each {@code send}, each churner takes one after
 * attaching and one before detaching. A subscriber whose attached window (attach returned .. detach
 * called) contains a send's whole window (send called .. send returned) must get that message
 * exactly once; every subscriber gets each message at most once, and a sender's messages in the
 * order sent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExchangeConcurrencyTest {

    private static final int SENDERS = 3;
    private static final int MESSAGES = 20_000;
    private static final int CHURNERS = 2;
    private static final int STABLE = 4;

    record Msg(int sender, int seq) {}

    /**
     * Records what it gets, one list per sender: each list is written only by that sender's thread,
     * and read by the test after joining the threads.
     */
    static final class Recorder implements Subscriber<Msg> {
        final int[][] seqs = new int[SENDERS][4];
        final int[] counts = new int[SENDERS];
        volatile long attachedTick = -1;
        volatile long detachTick = Long.MAX_VALUE;

        @Override
        public void send(Msg m) {
            int s = m.sender();
            int c = counts[s];
            if (c == seqs[s].length) {
                seqs[s] = java.util.Arrays.copyOf(seqs[s], 2 * c);
            }
            seqs[s][c] = m.seq();
            counts[s] = c + 1;
        }

        /** Asserts order (strictly increasing, so no duplicate) and completeness per window. */
        void check(long[][] start, long[][] end, boolean mustHaveAll) {
            for (int s = 0; s < SENDERS; s++) {
                int c = counts[s];
                assertThat(c).as("messages of sender %d", s).isLessThanOrEqualTo(MESSAGES);
                boolean[] got = new boolean[MESSAGES];
                int last = -1;
                for (int i = 0; i < c; i++) {
                    int seq = seqs[s][i];
                    assertThat(seq).as("order of sender %d's messages", s).isGreaterThan(last);
                    last = seq;
                    got[seq] = true;
                }
                for (int seq = 0; seq < MESSAGES; seq++) {
                    boolean inWindow = mustHaveAll || (attachedTick < start[s][seq] && end[s][seq] < detachTick);
                    if (inWindow) {
                        assertThat(got[seq]).as("message %d of sender %d, sent while attached", seq, s).isTrue();
                    }
                }
            }
        }

        /** How many messages came within its window: proof that the test exercised something. */
        int fullWindowMessages(long[][] start, long[][] end) {
            int n = 0;
            for (int s = 0; s < SENDERS; s++) {
                for (int seq = 0; seq < MESSAGES; seq++) {
                    if (attachedTick < start[s][seq] && end[s][seq] < detachTick) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    @Test
    void attachAndDetachRacingSends() throws Exception {
        Exchange<Msg> exc = new Exchange<>();
        AtomicLong clock = new AtomicLong();
        long[][] start = new long[SENDERS][MESSAGES];
        long[][] end = new long[SENDERS][MESSAGES];
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sendersLeft = new AtomicInteger(SENDERS);

        List<Recorder> stable = new ArrayList<>();
        for (int i = 0; i < STABLE; i++) {
            Recorder r = new Recorder();
            exc.attach(r);
            stable.add(r);
        }

        CyclicBarrier go = new CyclicBarrier(SENDERS + CHURNERS);
        List<List<Recorder>> churned = new ArrayList<>();
        List<TestThreads.Checked> threads = new ArrayList<>();
        for (int c = 0; c < CHURNERS; c++) {
            List<Recorder> mine = new ArrayList<>();
            churned.add(mine);
            boolean useSubscriptions = c % 2 == 1;
            threads.add(TestThreads.start("churner-" + c, () -> {
                go.await();
                while (sendersLeft.get() > 0) {
                    Recorder r = new Recorder();
                    Subscription sub = null;
                    if (useSubscriptions) {
                        sub = exc.subscribe(r);
                    } else {
                        exc.attach(r);
                    }
                    r.attachedTick = clock.incrementAndGet();
                    // stay attached while a few messages go out (or until the senders are done)
                    int until = sent.get() + 1 + mine.size() % 7;
                    while (sent.get() < until && sendersLeft.get() > 0) {
                        Thread.yield();
                    }
                    r.detachTick = clock.incrementAndGet();
                    if (useSubscriptions) {
                        sub.close();
                    } else {
                        exc.detach(r);
                    }
                    mine.add(r);
                }
            }));
        }
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            threads.add(TestThreads.start("sender-" + s, () -> {
                go.await();
                for (int seq = 0; seq < MESSAGES; seq++) {
                    Msg m = new Msg(sender, seq);
                    start[sender][seq] = clock.incrementAndGet();
                    exc.send(m);
                    end[sender][seq] = clock.incrementAndGet();
                    sent.incrementAndGet();
                }
                sendersLeft.decrementAndGet();
            }));
        }
        for (TestThreads.Checked t : threads) {
            t.joinSuccessfully();
        }

        assertThat(exc.subscribers()).containsExactlyElementsOf(stable);
        assertThat(exc.errorCount()).isZero();
        for (Recorder r : stable) {
            r.check(start, end, true);
            for (int s = 0; s < SENDERS; s++) {
                assertThat(r.counts[s]).isEqualTo(MESSAGES);
            }
        }
        int churns = 0;
        int fullWindows = 0;
        for (List<Recorder> mine : churned) {
            for (Recorder r : mine) {
                r.check(start, end, false);
                churns++;
                fullWindows += r.fullWindowMessages(start, end) > 0 ? 1 : 0;
            }
        }
        assertThat(churns).isPositive();
        assertThat(fullWindows).as("churned subscribers that were attached for a whole send").isPositive();
    }

    @Test
    void subscribeAndCloseAreAllOrNothingForAConcurrentSend() throws Exception {
        // A send delivers to a subscription's two subscribers both or neither: once every thread
        // has ended, each pair has got the same number of messages.
        Exchange<Integer> exc = new Exchange<>();
        int rounds = 2_000;
        AtomicInteger[] a = new AtomicInteger[rounds];
        AtomicInteger[] b = new AtomicInteger[rounds];
        for (int i = 0; i < rounds; i++) {
            a[i] = new AtomicInteger();
            b[i] = new AtomicInteger();
        }
        AtomicInteger done = new AtomicInteger();
        TestThreads.Checked sender = TestThreads.start("sender", () -> {
            int k = 0;
            while (done.get() == 0) {
                exc.send(k++);
            }
        });
        TestThreads.Checked subscriber = TestThreads.start("subscriber", () -> {
            for (int i = 0; i < rounds; i++) {
                AtomicInteger ai = a[i];
                AtomicInteger bi = b[i];
                try (Subscription s = exc.subscribe(m -> ai.incrementAndGet(), m -> bi.incrementAndGet())) {
                    int until = 1 + i % 3;
                    while (ai.get() < until) {
                        Thread.yield();
                    }
                }
            }
            done.set(1);
        });
        subscriber.joinSuccessfully();
        sender.joinSuccessfully();
        for (int i = 0; i < rounds; i++) {
            assertThat(a[i].get()).as("round %d", i).isPositive();
            assertThat(b[i].get()).as("round %d", i).isEqualTo(a[i].get());
        }
        assertThat(exc.subscriberCount()).isZero();
    }
}
