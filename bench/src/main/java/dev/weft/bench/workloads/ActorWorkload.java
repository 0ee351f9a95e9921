package dev.weft.bench.workloads;

import dev.weft.actor.Actor;
import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Messages through actors; the figure is messages per second. Weft's {@link Actor#spawn} (a
 * virtual thread per actor, an unbounded mailbox) against the Python Cookbook's {@code Actor}
 * (recipe 12.10: a {@code queue.Queue} mailbox read by a thread) in CPython.
 *
 * <ul>
 *   <li>{@code weft} / {@code cpython}: this thread sends {@code size} messages to one actor that
 *       counts them, then closes it and joins it; the clock runs from the first send to the join.
 *   <li>{@code weft-pingpong} / {@code cpython-pingpong}: two actors pass one message back and
 *       forth, {@code size} hops in all, each hop a send to the other actor and a wake-up of it.
 * </ul>
 */
public final class ActorWorkload extends Workload {

    /** The {@code actor} workload. */
    public ActorWorkload() {
        super("actor", "messages/s", true);
    }

    @Override
    public String describe(long size) {
        return size + " messages to one counting actor; " + size / 10 + " ping-pong hops between two actors";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Actor.spawn, send x n, close, join"),
                Side.jvm("weft-pingpong", "weft", "two Actor.spawn actors, ping-pong"),
                Side.cpython("cpython", "the Cookbook's Actor (Queue + thread)", "bench_actor.py"),
                Side.cpython("cpython-pingpong", "two Cookbook Actors, ping-pong", "bench_actor.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("actor", "weft", "cpython").withTarget(Target.ratioAtLeast(20, "issue 8")),
                new Comparison("actor/pingpong", "weft-pingpong", "cpython-pingpong")
                        .withTarget(Target.ratioAtLeast(20, "issue 8")));
    }

    @Override
    public Settings settings(boolean quick) {
        // CPython passes about 400,000 messages a second to one actor, and 40,000 ping-pong hops.
        return quick
                ? new Settings(1_000_000, new Settings.Rounds(2, 3, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(1_000_000, new Settings.Rounds(3, 10, 2), new Settings.Rounds(1, 5, 2));
    }

    @Override
    public double measure(String sideId, long size) throws Exception {
        return switch (sideId) {
            case "weft" -> throughput(Math.toIntExact(size));
            case "weft-pingpong" -> pingPong(Math.toIntExact(size / 10));
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
    }

    private static double throughput(int n) throws InterruptedException {
        long[] count = {0};
        Actor<Integer> actor = Actor.spawn(m -> count[0]++);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            actor.send(i);
        }
        actor.close();
        if (!actor.join(Duration.ofMinutes(2))) {
            throw new AssertionError("actor did not finish");
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        if (count[0] != n) { // the join makes the actor's writes visible here
            throw new AssertionError("lost messages: " + count[0] + " of " + n);
        }
        return rate;
    }

    @SuppressWarnings("unchecked")
    private static double pingPong(int hops) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Actor<Integer>[] pair = new Actor[2];
        for (int side = 0; side < 2; side++) {
            int other = 1 - side;
            pair[side] = Actor.spawn(n -> {
                if (n >= hops) {
                    done.countDown();
                } else {
                    pair[other].send(n + 1);
                }
            });
        }
        long t0 = System.nanoTime();
        pair[0].send(1);
        if (!done.await(2, TimeUnit.MINUTES)) {
            throw new AssertionError("ping-pong did not finish");
        }
        double rate = hops / ((System.nanoTime() - t0) / 1e9);
        for (Actor<Integer> a : pair) {
            a.close();
            a.join(Duration.ofMinutes(1));
        }
        return rate;
    }
}
