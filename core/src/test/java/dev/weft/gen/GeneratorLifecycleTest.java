package dev.weft.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads behind generators: a generator dropped while suspended is closed by the cleaner (its
 * body sees {@link GeneratorExit}, its {@code finally} runs, its thread ends); many generators alive
 * at once; every body thread ends once its generator is finished.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorLifecycleTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    /**
     * Starts {@code n} generators, takes one value from each and drops them; returns nothing that
     * refers to them. Each body records what ended it and its thread, and counts {@code done} down.
     */
    private static void startAndDrop(int n, CountDownLatch done, ConcurrentLinkedQueue<Throwable> endings,
            ConcurrentLinkedQueue<Thread> threads) {
        for (int i = 0; i < n; i++) {
            Generator<Integer, Void> g = Generator.of(y -> {
                threads.add(Thread.currentThread());
                try {
                    y.yield(1);
                    y.yield(2);
                } catch (Throwable t) {
                    endings.add(t);
                    throw t;
                } finally {
                    done.countDown();
                }
            });
            assertThat(g.next()).isEqualTo(1);
        }
    }

    /** Collects garbage until {@code latch} reaches zero or {@link #LONG} passes. */
    private static boolean gcUntil(CountDownLatch latch) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            if (latch.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aDroppedSuspendedGeneratorIsClosedAndItsThreadEnds() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        var endings = new ConcurrentLinkedQueue<Throwable>();
        var threads = new ConcurrentLinkedQueue<Thread>();
        startAndDrop(1, done, endings, threads);

        assertThat(gcUntil(done)).as("the dropped generator's finally ran").isTrue();
        assertThat(endings).singleElement().isInstanceOf(GeneratorExit.class);
        assertThat(threads.peek().join(LONG)).as("its thread ended").isTrue();
    }

    @Test
    void manyDroppedGeneratorsAreAllClosed() throws Exception {
        int n = 500;
        CountDownLatch done = new CountDownLatch(n);
        var endings = new ConcurrentLinkedQueue<Throwable>();
        var threads = new ConcurrentLinkedQueue<Thread>();
        startAndDrop(n, done, endings, threads);

        assertThat(gcUntil(done)).as("every dropped generator's finally ran; left: %s", done.getCount()).isTrue();
        assertThat(endings).hasSize(n).allMatch(t -> t instanceof GeneratorExit);
        for (Thread t : threads) {
            assertThat(t.join(LONG)).isTrue();
        }
    }

    @Test
    void aGeneratorNeverStartedHasNoThreadToClean() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            Generator.of(y -> {
                ran.incrementAndGet();
                y.yield(1);
            });
        }
        System.gc();
        assertThat(ran.get()).isZero();
    }

    @Test
    void tenThousandGeneratorsAliveAtOnceTakeTurns() throws Exception {
        int n = 10_000;
        int rounds = 5;
        CountDownLatch ended = new CountDownLatch(n);
        List<Generator<Integer, Void>> gens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            gens.add(Generator.of(y -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        y.yield(id * rounds + r);
                    }
                } finally {
                    ended.countDown();
                }
            }));
        }
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            for (Generator<Integer, Void> g : gens) {
                sum += g.next();
            }
        }
        assertThat(gens).allMatch(g -> g.state() == GeneratorState.SUSPENDED);
        // Half run to their end, half are closed while suspended.
        for (int i = 0; i < n; i++) {
            Generator<Integer, Void> g = gens.get(i);
            if (i % 2 == 0) {
                assertThat(g.hasNext()).isFalse();
            } else {
                g.close();
            }
        }
        long total = (long) n * rounds;
        assertThat(sum).isEqualTo(total * (total - 1) / 2);
        assertThat(ended.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(gens).allMatch(g -> g.state() == GeneratorState.CLOSED);
    }

    @Test
    void tenThousandGeneratorsResumedFromAVirtualThread() throws Exception {
        int n = 10_000;
        AtomicInteger finished = new AtomicInteger();
        Thread t = Thread.ofVirtual().start(() -> {
            List<Generator<Integer, Void>> gens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                gens.add(GeneratorTest.countdown(3));
            }
            for (int r = 0; r < 3; r++) {
                for (var g : gens) {
                    g.next();
                }
            }
            for (var g : gens) {
                if (!g.hasNext()) {
                    finished.incrementAndGet();
                }
            }
        });
        assertThat(t.join(LONG)).isTrue();
        assertThat(finished.get()).isEqualTo(n);
    }

    @Test
    void aFinishedGeneratorsThreadEnds() throws Exception {
        var threads = new ConcurrentLinkedQueue<Thread>();
        Generator<Integer, Void> ran = Generator.of(y -> {
            threads.add(Thread.currentThread());
            y.yield(1);
        });
        Generator<Integer, Void> failed = Generator.of(y -> {
            threads.add(Thread.currentThread());
            throw new IllegalStateException("x");
        });
        Generator<Integer, Void> closed = Generator.of(y -> {
            threads.add(Thread.currentThread());
            y.yield(1);
        });
        assertThat(GeneratorTest.listOf(ran)).containsExactly(1);
        assertThatThrownBy(failed::next).hasMessage("x");
        closed.next();
        closed.close();
        assertThat(threads).hasSize(3);
        for (Thread t : threads) {
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.join(LONG)).isTrue();
        }
    }

    private static void startAndDropOneWhoseFinallyThrows(RuntimeException failure) {
        Generator<Integer, Void> g = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                throw failure; // as a failing finally block would
            }
        });
        g.next();
    }

    @Test
    void whatADroppedGeneratorThrowsWhileClosingIsLogged() throws Exception {
        RuntimeException failure = new IllegalStateException("cleanup failed");
        CountDownLatch logged = new CountDownLatch(1);
        var records = new ConcurrentLinkedQueue<LogRecord>();
        Logger logger = Logger.getLogger("dev.weft.gen");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
                logged.countDown();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean useParent = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false); // keep the expected warning out of the test's output
        try {
            startAndDropOneWhoseFinallyThrows(failure);
            assertThat(gcUntil(logged)).as("the failure was logged").isTrue();
            assertThat(records.peek().getThrown()).isSameAs(failure);
            assertThat(records.peek().getMessage()).contains("exception ignored");
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(useParent);
        }
    }
}
