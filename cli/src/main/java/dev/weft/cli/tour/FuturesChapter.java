package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.cli.ProgressBar;
import dev.weft.futures.BrokenExecutorException;
import dev.weft.futures.DoneAndNotDone;
import dev.weft.futures.Futures;
import dev.weft.futures.MapOptions;
import dev.weft.futures.MapResults;
import dev.weft.futures.ReturnWhen;
import dev.weft.futures.ThreadPoolExecutor;
import dev.weft.futures.WeftFuture;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/** Executors and futures with Python's API: {@code dev.weft.futures}. */
final class FuturesChapter implements Chapter {

    @Override
    public String name() {
        return "futures";
    }

    @Override
    public String title() {
        return "thread pools and futures: submit, map, wait, asCompleted, cancel, broken pools";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        submitAndCollect(out);
        mapInOrder(out);
        asCompletedWithBar(out);
        firstException(out);
        cancelOnlyWhilePending(out);
        brokenInitializer(out);
        virtualThreads(out);
    }

    /** The benchmark's workload: submit every a + a, then collect every result. */
    private static void submitAndCollect(PrintWriter out) throws Exception {
        int n = 300_000;
        long best = Long.MAX_VALUE;
        long sum = 0;
        for (int round = 0; round < 3; round++) { // best of three: the first warms the JIT
            try (var executor = new ThreadPoolExecutor(2)) {
                long t0 = System.nanoTime();
                List<WeftFuture<Integer>> futures = new ArrayList<>(n);
                for (int a = 0; a < n; a++) {
                    futures.add(executor.submit(x -> x + x, a));
                }
                sum = 0;
                for (WeftFuture<Integer> f : futures) {
                    sum += f.result();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
        }
        out.printf(Locale.ROOT, "ThreadPoolExecutor(2): submit %d tasks of a + a, then result() of each: %s, %s,"
                + " sum %s%n", n, ms(best), perSecond(n, best, "tasks"), sum == (long) n * (n - 1) ? "right" : "WRONG");
    }

    /** map yields in input order whatever order tasks finish in; chunks make tiny tasks cheap. */
    private static void mapInOrder(PrintWriter out) throws InterruptedException {
        try (var executor = new ThreadPoolExecutor(4)) {
            List<Integer> delays = List.of(40, 10, 30, 0, 20);
            List<String> seen = new ArrayList<>();
            for (int d : executor.map(ms -> {
                Thread.sleep(ms);
                return ms;
            }, delays)) {
                seen.add(Integer.toString(d));
            }
            out.println("map over sleeps of 40, 10, 30, 0, 20 ms yields in input order: " + String.join(", ", seen));

            List<Integer> numbers = IntStream.range(0, 200_000).boxed().toList();
            long one = timeMap(executor, numbers, MapOptions.defaults());
            long chunked = timeMap(executor, numbers, MapOptions.defaults().withChunksize(1000));
            out.printf(Locale.ROOT, "map of x * x over %d numbers: chunksize 1 %s, chunksize 1000 %s (%.1fx)%n",
                    numbers.size(), ms(one), ms(chunked), (double) one / chunked);

            try (MapResults<Integer> r = executor.map(x -> 100 / (3 - x), List.of(0, 1, 2, 3, 4))) {
                List<Integer> got = new ArrayList<>();
                try {
                    r.forEachRemaining(got::add);
                } catch (CompletionException e) {
                    out.println("map of 100 / (3 - x) over 0..4: " + got + ", then at item 3: "
                            + e.getCause());
                }
            }
        }
    }

    private static long timeMap(ThreadPoolExecutor executor, List<Integer> numbers, MapOptions options) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            executor.map(x -> x * x, numbers, options).forEachRemaining(square -> {});
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /** asCompleted in completion order, with a progress bar. */
    private static void asCompletedWithBar(PrintWriter out) throws InterruptedException {
        try (var executor = new ThreadPoolExecutor(8)) {
            List<WeftFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int ms = (i * 7) % 25;
                futures.add(executor.submit(() -> {
                    Thread.sleep(ms);
                    return ms;
                }));
            }
            List<Integer> order = new ArrayList<>();
            for (WeftFuture<Integer> f : Futures.asCompleted(futures, Duration.ofSeconds(30),
                    new ProgressBar(out, "asCompleted, 40 sleeps of 0-24 ms on 8 workers"))) {
                order.add(f.resultNow());
            }
            out.println("  sleeps in the order they completed: " + order.subList(0, 8) + " ... "
                    + order.subList(32, 40));
        }
    }

    /** wait(FIRST_EXCEPTION) returns at the first failure, leaving the slow tasks not done. */
    private static void firstException(PrintWriter out) throws InterruptedException {
        try (var executor = new ThreadPoolExecutor(4)) {
            CountDownLatch release = new CountDownLatch(1);
            List<WeftFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(executor.submit(() -> {
                    release.await();
                    return "slow";
                }));
            }
            futures.add(executor.submit(() -> {
                throw new IllegalStateException("disk full");
            }));
            long t0 = System.nanoTime();
            DoneAndNotDone<WeftFuture<String>> r = Futures.wait(futures, Duration.ofSeconds(30),
                    ReturnWhen.FIRST_EXCEPTION);
            long took = System.nanoTime() - t0;
            release.countDown();
            out.printf(Locale.ROOT, "wait(FIRST_EXCEPTION): %d done, %d not done after %s; the failure: %s%n",
                    r.done().size(), r.notDone().size(), ms(took), r.done().iterator().next().exceptionNow());
        }
    }

    /** Python's cancel(): only a pending task; cancel(true) also interrupts a running one. */
    private static void cancelOnlyWhilePending(PrintWriter out) throws Exception {
        try (var executor = new ThreadPoolExecutor(1)) {
            CountDownLatch started = new CountDownLatch(1);
            WeftFuture<String> running = executor.submit(() -> {
                started.countDown();
                Thread.sleep(Duration.ofMinutes(1));
                return "finished";
            });
            WeftFuture<String> pending = executor.submit(() -> "never runs");
            started.await();
            boolean pendingCancelled = pending.cancel();
            boolean runningCancelled = running.cancel();
            boolean interrupted = running.cancel(true);
            out.printf(Locale.ROOT, "one worker: cancel() of the queued task = %s, of the running one = %s;"
                    + " cancel(true) of the running one = %s (interrupted), cancelled() = %s%n",
                    pendingCancelled, runningCancelled, interrupted, running.cancelled());
        }
    }

    /** A failing initializer breaks the pool, as Python's BrokenThreadPool. */
    private static void brokenInitializer(PrintWriter out) throws InterruptedException {
        var executor = ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix("db")
                .initializer(url -> {
                    throw new IllegalStateException("cannot connect to " + url);
                }, "db://localhost").build();
        WeftFuture<Integer> first = executor.submit(() -> 1);
        String firstOutcome;
        try {
            first.result(Duration.ofSeconds(30));
            firstOutcome = "ran";
        } catch (ExecutionException e) {
            firstOutcome = e.getCause().getClass().getSimpleName();
        } catch (java.util.concurrent.TimeoutException e) {
            firstOutcome = "not done";
        }
        executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        String later;
        try {
            executor.submit(() -> 2);
            later = "accepted";
        } catch (BrokenExecutorException e) {
            later = "BrokenExecutorException (" + e.getCause().getMessage() + ")";
        }
        out.println("initializer throws (logged, as Python logs it): the queued task fails with " + firstOutcome
                + ", a later submit throws " + later);
    }

    /** Virtual-thread workers: ten thousand blocking tasks at once. */
    private static void virtualThreads(PrintWriter out) throws InterruptedException {
        int n = 10_000;
        long t0 = System.nanoTime();
        try (var executor = ThreadPoolExecutor.builder().maxWorkers(n).virtualThreads().build()) {
            for (int i = 0; i < n; i++) {
                executor.submit(() -> {
                    Thread.sleep(50);
                    return null;
                });
            }
        }
        out.printf(Locale.ROOT, "virtual threads: %d tasks that each sleep 50 ms, on %d workers: %s in all%n", n, n,
                ms(System.nanoTime() - t0));
    }
}
