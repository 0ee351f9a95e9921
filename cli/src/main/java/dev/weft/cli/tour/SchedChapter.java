package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.sched.Scheduler;
import dev.weft.sched.VirtualClock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** Python's event scheduler: {@code dev.weft.sched}. */
final class SchedChapter implements Chapter {

    @Override
    public String name() {
        return "sched";
    }

    @Override
    public String title() {
        return "the event scheduler: time, then priority, then insertion; real and virtual time";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        realTime(out);
        earlierEventWakesTheRunner(out);
        virtualTime(out);
    }

    /** Events at 30 ms, and two at 10 ms with different priorities: the order, and when each ran. */
    private static void realTime(PrintWriter out) throws InterruptedException {
        Scheduler s = new Scheduler();
        long start = s.time();
        List<String> ran = new ArrayList<>();
        s.enterabs(start + 30_000_000L, 1, name -> ran.add(name + " at " + late(s, start)), "C");
        s.enterabs(start + 10_000_000L, 2, name -> ran.add(name + " at " + late(s, start)), "B");
        s.enterabs(start + 10_000_000L, 1, name -> ran.add(name + " at " + late(s, start)), "A");
        s.run();
        out.println("enterabs(+30 ms, C), enterabs(+10 ms, priority 2, B), enterabs(+10 ms, priority 1, A) ran: "
                + String.join(", ", ran));
    }

    private static String late(Scheduler s, long start) {
        return String.format(Locale.ROOT, "%.1f ms", (s.time() - start) / 1e6);
    }

    /** Another thread enters an earlier event while run() waits for a later one. */
    private static void earlierEventWakesTheRunner(PrintWriter out) throws InterruptedException {
        Scheduler s = new Scheduler();
        List<String> ran = new ArrayList<>();
        s.enter(Duration.ofMillis(300), 1, () -> ran.add("late"));
        CountDownLatch runnerStarted = new CountDownLatch(1);
        long t0 = System.nanoTime();
        long[] earlyAt = new long[1];
        Thread runner = Thread.ofPlatform().start(() -> {
            runnerStarted.countDown();
            try {
                s.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runnerStarted.await();
        s.enter(Duration.ofMillis(5), 1, () -> {
            earlyAt[0] = System.nanoTime() - t0;
            ran.add("early");
        });
        runner.join();
        out.printf(Locale.ROOT, "run() waiting for a 300 ms event; another thread enters one at 5 ms: ran %s,"
                + " the early one after %s%n", String.join(" then ", ran), ms(earlyAt[0]));
    }

    /** A day of events in virtual time: no waiting at all. */
    private static void virtualTime(PrintWriter out) throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        Scheduler s = new Scheduler(clock::time, clock::delay);
        int n = 100_000;
        long[] sum = {0};
        for (int i = 0; i < n; i++) {
            s.enter(Duration.ofSeconds(i % 86_400), i % 3, k -> sum[0] += k, i);
        }
        long t0 = System.nanoTime();
        s.run();
        long took = System.nanoTime() - t0;
        out.printf(Locale.ROOT, "virtual time: %d events spread over a day ran in %s (%s), the clock now reads %s,"
                + " sum %s%n", n, ms(took), perSecond(n, took, "events"), Duration.ofNanos(clock.time()),
                sum[0] == (long) n * (n - 1) / 2 ? "right" : "WRONG");
    }
}
