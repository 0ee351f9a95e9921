package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;
import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.process.AsyncResult;
import dev.weft.process.Connection;
import dev.weft.process.Pipe;
import dev.weft.process.Queue;
import java.io.EOFException;
import dev.weft.process.Pool;
import dev.weft.process.Process;
import dev.weft.process.WorkerDiedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/** Python's {@code multiprocessing}: child JVMs and pools of them, {@code dev.weft.process}. */
final class MultiprocessingChapter implements Chapter {
    /** Items of the throughput map: enough to see the per-item cost, little enough to finish at once. */
    static final int ITEMS = 20_000;

    @Override
    public String name() {
        return "multiprocessing";
    }

    @Override
    public String title() {
        return "child JVMs and pools of them: exit codes, parallel maps, workers that die or hang";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        processes(out);
        pipeAndQueue(out);
        try (Pool pool = Pool.builder().processes(2).taskTimeout(Duration.ofSeconds(1)).build()) {
            maps(out, pool);
            deaths(out, pool);
        }
        out.println("pool closed: every worker has exited");
    }

    private static void processes(PrintWriter out) throws InterruptedException {
        long t0 = System.nanoTime();
        Process ok = new Process(() -> { });
        ok.start();
        ok.join();
        long started = System.nanoTime() - t0;
        Process failing = new Process(() -> System.exit(3));
        failing.start();
        Process killed = new Process(() -> Thread.sleep(60_000));
        killed.start();
        killed.kill();
        failing.join();
        killed.join();
        out.printf("Process: exit codes %d (returned), %d (System.exit(3)), %d (killed by SIGKILL);"
                + " a cold start + join took %s%n", ok.exitCode().orElse(99), failing.exitCode().orElse(99),
                killed.exitCode().orElse(99), ms(started));
    }

    /** Python's idioms: a pipe end handed to a child, then closed in the parent; a queue filled by a child. */
    private static void pipeAndQueue(PrintWriter out) throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection childEnd = pipe.second();
            Queue<String> queue = new Queue<>();
            Process child = new Process(() -> {
                Object got = childEnd.recv();
                childEnd.send("echo: " + got);
                queue.put("from the child's queue.put");
            });
            child.start();
            childEnd.close(); // the child has its own copy since start()
            pipe.first().send("ping");
            String echo = (String) pipe.first().recv();
            String eof;
            try {
                pipe.first().recv();
                eof = "WRONG: no end-of-file";
            } catch (EOFException e) {
                eof = "EOFException once the child exited";
            }
            out.printf("Pipe: sent ping, got '%s', then %s; Queue: got '%s'%n", echo, eof,
                    queue.get(Duration.ofSeconds(30)));
            child.join();
        }
    }

    private static void maps(PrintWriter out, Pool pool) throws InterruptedException {
        out.println("Pool(2).map(x -> x * x, [1, 2, 3]) = " + pool.map((Integer x) -> x * x, List.of(1, 2, 3)));
        List<Integer> items = IntStream.range(0, ITEMS).boxed().toList();
        long t0 = System.nanoTime();
        List<Integer> doubled = pool.map(x -> x + x, items, 1);
        long nanos = System.nanoTime() - t0;
        boolean right = IntStream.range(0, ITEMS).allMatch(i -> doubled.get(i) == 2 * i);
        long me = ProcessHandle.current().pid();
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 100).boxed().toList(), 1)
                .stream().distinct().toList();
        out.printf("map of %d items, chunksize 1 (one task each): %s, results %s, in %d worker processes"
                + " (none of them this one: %s)%n", ITEMS, perSecond(ITEMS, nanos, "items"),
                right ? "in order and right" : "WRONG", pids.size(), pids.contains(me) ? "WRONG" : "right");
    }

    private static void deaths(PrintWriter out, Pool pool) throws InterruptedException {
        AsyncResult<Integer> doomed = pool.applyAsync((Integer x) -> {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
            return x;
        }, 1);
        AsyncResult<Integer> neighbour = pool.applyAsync((Integer x) -> x + 1, 41);
        try {
            doomed.get();
            out.println("WRONG: the killed worker's task succeeded");
        } catch (ExecutionException e) {
            String kind = e.getCause() instanceof WorkerDiedException ? "WorkerDiedException" : "WRONG " + e.getCause();
            out.println("a worker SIGKILLed mid-task: its task fails with " + kind + ": " + e.getCause().getMessage());
        }
        try {
            out.println("the task queued beside it still returns " + neighbour.get()
                    + "; the pool replaced the worker and goes on: map = " + pool.map((Integer x) -> -x, List.of(1, 2)));
        } catch (ExecutionException e) {
            out.println("WRONG: " + e.getCause());
        }
        long t0 = System.nanoTime();
        try {
            pool.apply((Integer x) -> {
                while (true) {
                    Thread.onSpinWait();
                }
            }, 0);
            out.println("WRONG: the endless task returned");
        } catch (CompletionException e) {
            out.printf("an endless task past the 1 s task timeout: %s after %s (its worker was killed and replaced)%n",
                    e.getCause() instanceof TimeoutException ? "TimeoutException" : "WRONG " + e.getCause(),
                    ms(System.nanoTime() - t0));
        }
    }
}
