package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads race to resume one generator: every value is delivered exactly once, and every
 * call that loses the race fails with "generator already executing" and nothing else. Bounded by
 * the number of values, a few seconds at most.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorRaceTest {

    /**
     * What a racer does after losing: parks for a microsecond. Virtual racers that retried at once,
     * even calling {@code Thread.yield()}, kept both carriers of a 2-CPU machine busy, and the
     * generator's body (a virtual thread too, unparked and runnable) never got a carrier (seen on
     * JDK 25): a busy loop of virtual threads starves other virtual threads.
     */
    private static void backOff() {
        LockSupport.parkNanos(1_000);
    }

    @Test
    void racingCallersGetEachValueOnceOrGeneratorAlreadyExecuting() throws Exception {
        int values = 20_000;
        Generator<Integer, Void> g = Generator.of(y -> {
            for (int i = 0; i < values; i++) {
                y.yield(i);
            }
        });
        var got = new ConcurrentLinkedQueue<Integer>();
        var unexpected = new ConcurrentLinkedQueue<Throwable>();
        AtomicInteger busy = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Runnable racer = () -> {
            try {
                start.await();
                while (true) {
                    try {
                        got.add(g.next());
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().equals("generator already executing")) {
                            unexpected.add(e);
                        }
                        busy.incrementAndGet();
                        backOff();
                    } catch (StopIteration e) {
                        return;
                    }
                }
            } catch (Throwable t) {
                unexpected.add(t);
            }
        };
        List<Thread> threads = List.of(
                Thread.ofPlatform().start(racer), Thread.ofPlatform().start(racer),
                Thread.ofVirtual().start(racer), Thread.ofVirtual().start(racer));
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(unexpected).isEmpty();
        assertThat(got).hasSize(values).doesNotHaveDuplicates();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    @Test
    void racingHasNextAndNextNeitherLoseNorRepeatAValue() throws Exception {
        int values = 10_000;
        Generator<Integer, Void> g = Generator.of(y -> {
            for (int i = 0; i < values; i++) {
                y.yield(i);
            }
        });
        var got = new ConcurrentLinkedQueue<Integer>();
        var unexpected = new ConcurrentLinkedQueue<Throwable>();
        Runnable racer = () -> {
            while (true) {
                try {
                    if (g.hasNext()) {
                        got.add(g.next());
                    } else {
                        return;
                    }
                } catch (IllegalStateException e) {
                    backOff(); // lost a race: try again
                } catch (StopIteration e) {
                    // another thread took the last value between hasNext and next
                } catch (Throwable t) {
                    unexpected.add(t);
                    return;
                }
            }
        };
        Thread a = Thread.ofPlatform().start(racer);
        Thread b = Thread.ofVirtual().start(racer);
        a.join();
        b.join();

        assertThat(unexpected).isEmpty();
        assertThat(got).hasSize(values).doesNotHaveDuplicates();
    }
}
