package dev.weft.actor;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * A quick measurement, not a test: messages per second through one actor and between two actors
 * (ping-pong), and heap bytes per idle actor. Run with the core's classes and test classes:
 *
 * <pre>
 * java -Xmx2g -cp core/target/classes:core/target/test-classes dev.weft.actor.ActorMeasureMain [all|speed|memory] [actors]
 * </pre>
 *
 * The CPython peer is {@code bench/peers/python/bench_actor.py}.
 */
public final class ActorMeasureMain {
    private ActorMeasureMain() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int actors = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (what.equals("all") || what.equals("speed")) {
            speed();
        }
        if (what.equals("all") || what.equals("memory")) {
            memory(actors);
        }
    }

    // ---------------------------------------------------------------- speed

    static void speed() throws Exception {
        int n = 5_000_000;
        for (String side : new String[] {"one/platform-sender", "one/virtual-sender", "pingpong"}) {
            double[] rates = new double[7];
            for (int round = -2; round < rates.length; round++) { // two warm-up rounds
                double r = switch (side) {
                    case "one/platform-sender" -> one(n, false);
                    case "one/virtual-sender" -> one(n, true);
                    default -> pingpong(n / 5);
                };
                if (round >= 0) {
                    rates[round] = r;
                }
            }
            Arrays.sort(rates);
            System.out.printf("%-22s median %,12.0f msgs/s   (min %,.0f, max %,.0f)%n",
                    side, rates[rates.length / 2], rates[0], rates[rates.length - 1]);
        }
    }

    /** One actor counts n messages sent by one thread; the rate covers close() and join(). */
    static double one(int n, boolean virtualSender) throws Exception {
        long[] total = new long[1];
        Actor<Integer> counter = Actor.spawn(m -> total[0] += m);
        double[] rate = new double[1];
        Runnable sender = () -> {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                counter.send(i & 1023);
            }
            counter.close();
            try {
                counter.join();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            rate[0] = n / ((System.nanoTime() - start) / 1e9);
        };
        Thread t = virtualSender ? Thread.ofVirtual().start(sender) : Thread.ofPlatform().start(sender);
        t.join();
        long expect = 0;
        for (int i = 0; i < n; i++) {
            expect += i & 1023;
        }
        if (total[0] != expect) {
            throw new AssertionError("lost messages");
        }
        return rate[0];
    }

    static final class Pinger extends Actor<Integer> {
        final int hops;
        final CountDownLatch done;
        Pinger peer;

        Pinger(int hops, CountDownLatch done) {
            this.hops = hops;
            this.done = done;
        }

        @Override
        protected void run() throws InterruptedException {
            while (true) {
                int hop = recv();
                if (hop >= hops) {
                    done.countDown();
                    continue;
                }
                peer.send(hop + 1);
            }
        }
    }

    /** Two actors pass one message back and forth until it has made {@code hops} hops. */
    static double pingpong(int hops) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Pinger a = new Pinger(hops, done);
        Pinger b = new Pinger(hops, done);
        a.peer = b;
        b.peer = a;
        a.start();
        b.start();
        long start = System.nanoTime();
        a.send(1);
        done.await();
        double rate = hops / ((System.nanoTime() - start) / 1e9);
        a.close();
        b.close();
        a.join();
        b.join();
        return rate;
    }

    // ---------------------------------------------------------------- memory

    static final class Idle extends Actor<Object> {
        @Override
        protected void run() throws InterruptedException {
            while (true) {
                recv();
            }
        }
    }

    static void memory(int n) throws Exception {
        System.out.printf("heap max %,d MiB; %,d actors per kind%n", Runtime.getRuntime().maxMemory() >> 20, n);
        for (String kind : new String[] {"spawned, never sent", "spawned, one message", "subclass, started"}) {
            long before = usedAfterGc();
            Actor<?>[] all = new Actor<?>[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                switch (kind) {
                    case "spawned, never sent" -> all[i] = Actor.spawn(m -> {});
                    case "spawned, one message" -> {
                        Actor<Object> a = Actor.spawn(m -> {});
                        a.send("hi");
                        all[i] = a;
                    }
                    default -> all[i] = new Idle().start();
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            // wait until every started thread has parked in recv (its stack is then in the heap)
            if (!kind.equals("spawned, never sent")) {
                awaitQuiet();
            }
            long after = usedAfterGc();
            long perActor = (after - before - 16L * n /* the array */) / n;
            System.out.printf("%-22s %,6d bytes per idle actor (%,d MiB for %,d; created in %.2f s)%n",
                    kind, perActor, (after - before) >> 20, n, secs);
            for (Actor<?> a : all) {
                a.close();
            }
            for (Actor<?> a : all) {
                if (!a.join(Duration.ofSeconds(60))) {
                    throw new AssertionError("actor did not end: " + a);
                }
            }
            Arrays.fill(all, null);
        }
    }

    /** Waits until the virtual-thread scheduler has had nothing to do for a while. */
    static void awaitQuiet() throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        long last = -1;
        for (int stable = 0; stable < 2; ) {
            Thread.sleep(200);
            long used = usedAfterGc();
            stable = (Math.abs(used - last) < (1 << 20)) ? stable + 1 : 0;
            last = used;
        }
        threads.getThreadCount();
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
