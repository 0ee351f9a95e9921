package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.bench.workloads.FactorizeWorkload;
import dev.weft.sync.Barrier;
import dev.weft.sync.Event;
import dev.weft.sync.LockOrderRecorder;
import dev.weft.sync.Locks;
import dev.weft.sync.NamedLock;
import dev.weft.sync.PotentialDeadlock;
import dev.weft.sync.Timer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** Threads that run in parallel, and the synchronizers of {@code dev.weft.sync}. */
final class ThreadingChapter implements Chapter {

    @Override
    public String name() {
        return "threading";
    }

    @Override
    public String title() {
        return "threads that really run in parallel, locks, barriers, events, timers, lock ordering";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        factorize(out);
        racingCounter(out);
        barrier(out);
        eventAndTimer(out);
        lockOrder(out);
    }

    /** Effective Python item 37: on the JVM, threads speed up CPU-bound work. */
    private static void factorize(PrintWriter out) throws InterruptedException {
        int[] numbers = FactorizeWorkload.NUMBERS;
        int repeat = FactorizeWorkload.REPEAT; // long enough to measure threads, not the scheduler
        out.printf(Locale.ROOT, "factorize(2139079, 1214759, 1516637, 1852285) by trial division, each number %d"
                + " times (Effective Python, item 37):%n", repeat);
        long serial = Long.MAX_VALUE, threaded = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // best of three: the first warms the JIT
            long t0 = System.nanoTime();
            for (int n : numbers) {
                for (int r = 0; r < repeat; r++) {
                    FactorizeWorkload.factorize(n);
                }
            }
            serial = Math.min(serial, System.nanoTime() - t0);
            t0 = System.nanoTime();
            Thread[] threads = new Thread[numbers.length];
            for (int k = 0; k < numbers.length; k++) {
                int n = numbers[k];
                threads[k] = Thread.ofPlatform().start(() -> {
                    for (int r = 0; r < repeat; r++) {
                        FactorizeWorkload.factorize(n);
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            threaded = Math.min(threaded, System.nanoTime() - t0);
        }
        out.printf(Locale.ROOT, "  one after another  %s%n", ms(serial));
        out.printf(Locale.ROOT, "  4 threads          %s   speedup %.2f on %d cores (CPython's GIL keeps it near 1)%n",
                ms(threaded), (double) serial / threaded, Runtime.getRuntime().availableProcessors());
    }

    /** Effective Python item 38: without a lock, increments are lost; with one, none are. */
    private static void racingCounter(PrintWriter out) throws InterruptedException {
        int threads = 5, each = 200_000;
        out.printf(Locale.ROOT, "%d threads each add 1 to a shared counter %d times (item 38):%n", threads, each);
        // volatile makes every increment a real read and write (the JIT would otherwise fold the
        // loop), but not an atomic one: the race of the seed's Counter, on purpose.
        var unlocked = new Object() {
            volatile long count;
        };
        long t0 = System.nanoTime();
        runAll(threads, () -> {
            for (int i = 0; i < each; i++) {
                unlocked.count++;
            }
        });
        long racy = System.nanoTime() - t0;
        ReentrantLock lock = new ReentrantLock();
        long[] locked = {0};
        t0 = System.nanoTime();
        runAll(threads, () -> {
            for (int i = 0; i < each; i++) {
                try (var _ = Locks.hold(lock)) {
                    locked[0]++;
                }
            }
        });
        long safe = System.nanoTime() - t0;
        long lost = (long) threads * each - unlocked.count;
        out.printf(Locale.ROOT, "  no lock            %s   counter %d of %d (%s)%n", ms(racy), unlocked.count,
                (long) threads * each, lost == 0 ? "this time no increment was lost" : lost + " increments lost");
        out.printf(Locale.ROOT, "  Locks.hold(lock)   %s   counter %d of %d, %s%n", ms(safe), locked[0],
                (long) threads * each, perSecond((long) threads * each, safe, "increments"));
    }

    /** A Barrier: threads meet every round; each round's arrival indices are 0..n-1. */
    private static void barrier(PrintWriter out) throws InterruptedException {
        int parties = 4, rounds = 5_000;
        AtomicLong actions = new AtomicLong();
        Barrier barrier = new Barrier(parties, actions::incrementAndGet, Duration.ofSeconds(30));
        AtomicLong indexSum = new AtomicLong();
        long t0 = System.nanoTime();
        runAll(parties, () -> {
            try {
                for (int r = 0; r < rounds; r++) {
                    indexSum.addAndGet(barrier.await());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long took = System.nanoTime() - t0;
        boolean indicesRight = indexSum.get() == (long) rounds * (parties * (parties - 1) / 2);
        out.printf(Locale.ROOT, "Barrier(%d): %d rounds in %s (%s), action ran %d times, arrival indices %s%n",
                parties, rounds, ms(took), perSecond(rounds, took, "rounds"), actions.get(),
                indicesRight ? "0..3 every round" : "WRONG");
    }

    /** An Event releasing waiting threads, and a Timer's measured delay. */
    private static void eventAndTimer(PrintWriter out) throws InterruptedException {
        int waiters = 8;
        Event go = new Event();
        CountDownLatch ready = new CountDownLatch(waiters), released = new CountDownLatch(waiters);
        for (int i = 0; i < waiters; i++) {
            Thread.ofPlatform().start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                released.countDown();
            });
        }
        ready.await();
        long t0 = System.nanoTime();
        go.set();
        released.await();
        out.printf(Locale.ROOT, "Event.set() released %d waiting threads in %s%n", waiters, ms(System.nanoTime() - t0));

        CountDownLatch fired = new CountDownLatch(1);
        long[] at = new long[1];
        Timer timer = new Timer(Duration.ofMillis(50), () -> {
            at[0] = System.nanoTime();
            fired.countDown();
        });
        long started = System.nanoTime();
        timer.start();
        fired.await();
        timer.join();
        out.printf(Locale.ROOT, "Timer(50 ms) fired after %s; a cancelled Timer never fires: cancel() = %b%n",
                ms(at[0] - started), cancelledTimerNeverFires());
    }

    private static boolean cancelledTimerNeverFires() throws InterruptedException {
        Timer t = new Timer(Duration.ofHours(1), () -> {
            throw new AssertionError("a cancelled timer fired");
        });
        t.start();
        boolean cancelled = t.cancel();
        t.join();
        return cancelled;
    }

    /** Deadlock avoidance by ordering, and the recorder that finds a deadlock that did not happen. */
    private static void lockOrder(PrintWriter out) throws Exception {
        ReentrantLock x = new ReentrantLock(), y = new ReentrantLock();
        int each = 20_000;
        long t0 = System.nanoTime();
        Thread t1 = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < each; i++) {
                try (var _ = Locks.acquireAll(x, y)) {
                    // thread 1's work
                }
            }
        });
        Thread t2 = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < each; i++) {
                try (var _ = Locks.acquireAll(y, x)) {
                    // thread 2 asks in the other order; acquireAll takes them in the global one
                }
            }
        });
        t1.join();
        t2.join();
        out.printf(Locale.ROOT, "Locks.acquireAll: thread 1 asks for (x, y), thread 2 for (y, x), %d times each:"
                + " no deadlock, %s%n", each, ms(System.nanoTime() - t0));

        NamedLock accounts = new NamedLock("accounts"), audit = new NamedLock("audit");
        boolean wasRecording = LockOrderRecorder.isRecording();
        LockOrderRecorder.reset();
        LockOrderRecorder.onPotentialDeadlock(found -> { }); // collect, print below
        LockOrderRecorder.start();
        try {
            Thread a = Thread.ofPlatform().name("transfer").start(() -> {
                try (var _ = Locks.hold(accounts); var _ = Locks.hold(audit)) {
                    // accounts, then audit
                }
            });
            a.join();
            Thread b = Thread.ofPlatform().name("report").start(() -> {
                try (var _ = Locks.hold(audit); var _ = Locks.hold(accounts)) {
                    // audit, then accounts: the other order, at another time
                }
            });
            b.join();
        } finally {
            if (!wasRecording) {
                LockOrderRecorder.stop();
            }
            LockOrderRecorder.onPotentialDeadlock(null);
        }
        List<PotentialDeadlock> found = LockOrderRecorder.potentialDeadlocks();
        out.println("LockOrderRecorder: thread \"transfer\" took accounts then audit; later, thread \"report\""
                + " took audit then accounts. No deadlock happened, yet:");
        if (found.isEmpty()) {
            out.println("  (nothing found: WRONG)");
        } else {
            PotentialDeadlock d = found.getFirst();
            out.println("  potential deadlock: " + String.join(" -> ", d.lockNames()));
            for (PotentialDeadlock.Acquisition step : d.cycle()) {
                out.printf("    \"%s\" took %s while holding %s, at %s%n", step.thread(), step.taken(), step.held(),
                        step.stack().isEmpty() ? "?" : step.stack().getFirst());
            }
        }
        LockOrderRecorder.reset();
    }

    /** Runs {@code body} in {@code n} threads that start together (behind a gate) and joins them. */
    private static void runAll(int n, Runnable body) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = Thread.ofPlatform().start(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run();
            });
        }
        gate.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }
}
