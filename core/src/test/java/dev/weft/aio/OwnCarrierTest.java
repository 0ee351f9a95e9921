package dev.weft.aio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop with its own carrier ({@link EventLoop#withOwnCarrier()}; the tests run with
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}): the same guarantees as the shared
 * scheduler's, blocking calls beside the loop, work started with {@code toThread} off the carrier,
 * and the carrier thread gone once the loop is closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OwnCarrierTest {

    private static <T> T run(java.util.concurrent.Callable<T> main) {
        return Aio.run(main, EventLoop::withOwnCarrier);
    }

    @Test
    void isAvailableWhenJavaLangIsOpen() {
        assertThat(EventLoop.ownCarrierAvailable()).isTrue();
        try (EventLoop loop = EventLoop.withOwnCarrier()) {
            assertThat(loop.hasOwnCarrier()).isTrue();
        }
        try (EventLoop loop = new EventLoop()) {
            assertThat(loop.hasOwnCarrier()).isFalse();
        }
    }

    /** A plain field changed by tasks between await points. */
    private int counter;

    @Test
    void tasksRunOneAtATimeAndStateChangedBetweenAwaitPointsIsExact() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        counter = 0;
        run(() -> {
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                tasks.add(Aio.createTask(() -> {
                    for (int s = 0; s < 20; s++) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        int read = counter;
                        counter = read + 1;
                        inside.decrementAndGet();
                        Aio.sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            Aio.gather(tasks);
            return null;
        });
        assertThat(counter).isEqualTo(40_000);
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void blockingCallsRunBesideTheLoopAndACancelInterruptsThem() {
        CountDownLatch together = new CountDownLatch(3);
        List<String> seen = new ArrayList<>();
        run(() -> {
            List<Task<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(Aio.createTask(() -> Aio.blocking(() -> {
                    together.countDown();
                    return together.await(30, TimeUnit.SECONDS); // only if all three are off the loop at once
                })));
            }
            assertThat(Aio.gather(calls)).containsOnly(true);

            CountDownLatch sleeping = new CountDownLatch(1);
            Task<?> sleeper = Aio.createTask(() -> Aio.blocking(() -> {
                sleeping.countDown();
                try {
                    Thread.sleep(Duration.ofDays(1));
                } catch (InterruptedException e) {
                    seen.add("interrupted");
                    throw e;
                }
                return null;
            }));
            Aio.blocking(() -> {
                sleeping.await();
                return null;
            });
            sleeper.cancel();
            assertThatThrownBy(() -> Aio.await(sleeper)).isInstanceOf(CancellationException.class);
            assertThat(Aio.blocking(() -> "value")).isEqualTo("value");
            assertThatThrownBy(() -> Aio.blocking(() -> {
                throw new java.io.IOException("checked");
            })).hasCauseInstanceOf(java.io.IOException.class);
            return null;
        });
        assertThat(seen).containsExactly("interrupted");
    }

    @Test
    void toThreadRunsOffTheCarrierAndStreamsWork() {
        String echoed = run(() -> {
            Thread carrierTask = Thread.currentThread();
            Thread worker = Aio.toThread(Thread::currentThread);
            assertThat(worker).isNotSameAs(carrierTask);
            try (Server server = Streams.startServer((reader, writer) -> {
                writer.write(reader.readline());
                writer.drain();
            }, 0); Streams.Connection c = Streams.openConnection("127.0.0.1", server.port())) {
                c.writer().write("ping\n".getBytes(StandardCharsets.UTF_8));
                c.writer().drain();
                return new String(c.reader().readline(), StandardCharsets.UTF_8);
            }
        });
        assertThat(echoed).isEqualTo("ping\n");
    }

    @Test
    void theCarrierThreadEndsWhenTheLoopCloses() throws Exception {
        java.util.Set<Thread> before = carriers();
        EventLoop loop = EventLoop.withOwnCarrier();
        java.util.Set<Thread> mine = carriers();
        mine.removeAll(before);
        assertThat(mine).hasSize(1);
        loop.runUntilComplete(() -> {
            Aio.sleep(Duration.ofMillis(1));
            return null;
        });
        loop.close();
        Thread carrier = mine.iterator().next();
        carrier.join(Duration.ofSeconds(30));
        assertThat(carrier.isAlive()).isFalse();
    }

    private static java.util.Set<Thread> carriers() {
        java.util.Set<Thread> all = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("weft-aio-carrier-") && t.isAlive()) {
                all.add(t);
            }
        }
        return all;
    }
}
