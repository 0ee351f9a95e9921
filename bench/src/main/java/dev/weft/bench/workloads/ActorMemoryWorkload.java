package dev.weft.bench.workloads;

import dev.weft.actor.Actor;
import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle actor (lower is better): {@code size} actors, each waiting for its next message.
 * Weft: growth of the used heap after full collections, for a million actors in a 3 GiB heap (the
 * issue asks that a million fit in 2 GiB), of two kinds:
 * <ul>
 *   <li>{@code weft}: each actor has handled one message, so its virtual thread exists and is
 *       parked in its mailbox, as an idle Python actor's thread is blocked in {@code get()};
 *   <li>{@code weft-never-sent}: actors that were never sent anything, which have no thread yet.
 * </ul>
 * CPython ({@code cpython-memory}): growth of resident memory per started Cookbook {@code Actor}
 * (a thread blocked in {@code Queue.get}), over 10,000 of them, since a million threads cannot be
 * started.
 */
public final class ActorMemoryWorkload extends Workload {

    /** The {@code actor-memory} workload. */
    public ActorMemoryWorkload() {
        super("actor-memory", "bytes per idle actor", false);
    }

    @Override
    public String describe(long size) {
        return size + " idle actors (CPython: 10,000 idle actor threads)";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Actor.spawn, one message handled each: used heap after GC"),
                Side.jvm("weft-never-sent", "weft", "Actor.spawn, never sent anything: used heap after GC"),
                Side.cpython("cpython-memory", "Cookbook Actors started and idle: VmRSS", "bench_actor.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("actor-memory", "weft", "cpython-memory")
                .withTarget(Target.weftAtMost(2147, "issue 8: a million idle actors in 2 GiB of heap")));
    }

    @Override
    public Settings settings(boolean quick) {
        // One CPython round per process: a second round in the same process reuses the memory the
        // first freed (resident memory does not shrink), and measured a fifth of the first.
        return quick
                ? new Settings(1_000_000, new Settings.Rounds(0, 1, 1), new Settings.Rounds(0, 1, 1))
                : new Settings(1_000_000, new Settings.Rounds(1, 2, 1), new Settings.Rounds(0, 1, 3));
    }

    @Override
    public List<String> jvmOptions(long size) {
        return List.of("-Xms3g", "-Xmx3g");
    }

    @Override
    public double measure(String sideId, long size) throws Exception {
        boolean sendOne = switch (sideId) {
            case "weft" -> true;
            case "weft-never-sent" -> false;
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        };
        int n = Math.toIntExact(size);
        CountDownLatch handled = new CountDownLatch(sendOne ? n : 0);
        long before = usedHeapAfterGc();
        List<Actor<Boolean>> actors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Actor<Boolean> a = Actor.spawn(m -> handled.countDown());
            if (sendOne) {
                a.send(Boolean.TRUE);
            }
            actors.add(a);
        }
        if (!handled.await(5, TimeUnit.MINUTES)) {
            throw new AssertionError("actors did not handle their message");
        }
        double perActor = (double) (usedHeapAfterGc() - before) / n;
        for (Actor<Boolean> a : actors) {
            a.close();
        }
        for (Actor<Boolean> a : actors) {
            a.join(Duration.ofMinutes(1));
        }
        return perActor;
    }
}
