package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscriber;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries of one exchange to {@value #SUBSCRIBERS} subscribers that count what they receive;
 * the figure is deliveries per second (messages sent times subscribers), all sent from one thread.
 * Weft's {@link Exchange#send} against the Python Cookbook's {@code Exchange.send} (recipe 12.11)
 * in CPython.
 *
 * <p>Two Weft sides: {@code weft}, whose subscribers are instances of one class, as the CPython
 * peer's are (so the JVM can inline the call); and {@code weft-10-classes}, whose ten subscribers
 * are ten different classes, so the call through {@link Subscriber} cannot be inlined: the cost of
 * an exchange whose subscribers are all different, against CPython's with ten classes too.
 */
public final class PubSubWorkload extends Workload {
    static final int SUBSCRIBERS = 10;

    /** The {@code pubsub} workload. */
    public PubSubWorkload() {
        super("pubsub", "deliveries/s", true);
    }

    @Override
    public String describe(long size) {
        return size + " messages sent to one exchange with " + SUBSCRIBERS + " counting subscribers";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Exchange.send, 10 subscribers of one class"),
                Side.jvm("weft-10-classes", "weft", "Exchange.send, 10 subscribers of 10 classes"),
                Side.cpython("cpython", "the Cookbook's Exchange.send, 10 subscribers of one class", "bench_pubsub.py"),
                Side.cpython("cpython-10-classes", "the same, 10 subscribers of 10 classes", "bench_pubsub.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("pubsub", "weft", "cpython").withTarget(Target.ratioAtLeast(20, "issue 8")),
                new Comparison("pubsub/10-classes", "weft-10-classes", "cpython-10-classes")
                        .withTarget(Target.ratioAtLeast(20, "issue 8")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython delivers about 12 million a second: 1,000,000 messages (10 million deliveries) take it under a second.
        return quick
                ? new Settings(1_000_000, new Settings.Rounds(2, 3, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(1_000_000, new Settings.Rounds(3, 10, 2), new Settings.Rounds(1, 5, 2));
    }

    /** A subscriber that counts. */
    static final class Counter implements Subscriber<Integer> {
        long count;

        @Override
        public void send(Integer message) {
            count++;
        }
    }

    @Override
    public double measure(String sideId, long size) {
        int n = Math.toIntExact(size);
        long[] counts = new long[SUBSCRIBERS];
        Exchange<Integer> exchange = new Exchange<>();
        List<Counter> counters = new ArrayList<>();
        switch (sideId) {
            case "weft" -> {
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    Counter c = new Counter();
                    counters.add(c);
                    exchange.attach(c);
                }
            }
            case "weft-10-classes" -> {
                // Ten lambdas: ten classes, so the call site sees ten receiver types.
                exchange.attach(m -> counts[0]++);
                exchange.attach(m -> counts[1]++);
                exchange.attach(m -> counts[2]++);
                exchange.attach(m -> counts[3]++);
                exchange.attach(m -> counts[4]++);
                exchange.attach(m -> counts[5]++);
                exchange.attach(m -> counts[6]++);
                exchange.attach(m -> counts[7]++);
                exchange.attach(m -> counts[8]++);
                exchange.attach(m -> counts[9]++);
            }
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            exchange.send(i);
        }
        double rate = (double) n * SUBSCRIBERS / ((System.nanoTime() - t0) / 1e9);
        for (Counter c : counters) {
            counts[counters.indexOf(c)] = c.count;
        }
        for (long c : counts) {
            if (c != n) {
                throw new AssertionError("lost deliveries: " + c + " of " + n);
            }
        }
        return rate;
    }
}
