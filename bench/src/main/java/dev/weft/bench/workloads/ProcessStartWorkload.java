package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import dev.weft.function.ThrowingRunnable;
import dev.weft.process.ChildJvm;
import dev.weft.process.Process;
import dev.weft.process.internal.worker.Spares;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start and join of a child process whose task is empty; the figure is milliseconds per start and
 * join (lower is better), the mean over a round's starts. Weft's {@link Process} against CPython's
 * {@code multiprocessing.get_context("fork").Process(target=empty)}.
 *
 * <p>Weft's children are JVMs, so its sides differ in where the JVM comes from:
 * <ul>
 *   <li>{@code weft}: with {@code ChildJvm.defaults().keepWarm(1)}, and a spare ready when the
 *       clock starts (the round waits, off the clock, until the replacement of the last one taken
 *       has connected): the cost of a start when a spare is there, the figure of the
 *       {@code process-start} line;
 *   <li>{@code weft-sustained}: {@code keepWarm(1)}, starts back to back: a start finds the spare
 *       only if it has been refilled since the last one, so this is the rate that can be sustained;
 *   <li>{@code weft-cold}: no spares: every start launches a JVM (with the class-data-sharing
 *       archive Weft keeps per class path);
 *   <li>{@code weft-rss} and {@code cpython-rss}: not times but the resident memory (VmRSS, MiB) of
 *       an idle child: a connected spare JVM, and a forked CPython child blocked on an event.
 * </ul>
 */
public final class ProcessStartWorkload extends Workload {

    private static final ThrowingRunnable EMPTY = () -> {};
    private static final ChildJvm SPEC = ChildJvm.defaults();
    private static final long SPARE_WAIT_MILLIS = 120_000;

    /** The {@code process-start} workload. */
    public ProcessStartWorkload() {
        super("process-start", "ms per start + join (weft-rss, cpython-rss: MiB)", false);
    }

    @Override
    public String describe(long size) {
        return size + " children a round, each started and joined before the next; the child runs an empty task";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Process.start+join, a warm spare ready"),
                Side.jvm("weft-sustained", "weft", "Process.start+join, keepWarm(1), back to back"),
                Side.jvm("weft-cold", "weft", "Process.start+join, no spare (cold JVM)"),
                Side.jvm("weft-rss", "weft", "idle worker JVM: VmRSS in MiB, not ms"),
                Side.cpython("cpython", "fork Process(target=empty).start+join", "bench_process_start.py"),
                Side.cpython("cpython-rss", "idle fork child: VmRSS in MiB, not ms", "bench_process_start.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("process-start", "weft", "cpython")
                .withTarget(Target.ratioAtLeast(1, "issue 5: no slower than CPython's fork")));
    }

    @Override
    public Settings settings(boolean quick) {
        // A start with a ready spare waits off the clock for the refill (a JVM start, about half a
        // second on 2 busy cores), so a round of 5 starts takes a few seconds on every JVM side.
        return quick
                ? new Settings(4, new Settings.Rounds(1, 4, 1), new Settings.Rounds(2, 10, 1))
                : new Settings(5, new Settings.Rounds(2, 10, 2), new Settings.Rounds(3, 20, 2));
    }

    @Override
    public double measure(String sideId, long size) throws Exception {
        int n = Math.toIntExact(size);
        switch (sideId) {
            case "weft" -> {
                SPEC.keepWarm(1);
                long total = 0;
                for (int i = 0; i < n; i++) {
                    awaitSpare();
                    long start = System.nanoTime();
                    startAndJoin();
                    total += System.nanoTime() - start;
                }
                return total / 1e6 / n;
            }
            case "weft-sustained" -> {
                SPEC.keepWarm(1);
                awaitSpare(); // the first of the round as ready as the rest of a long run
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    startAndJoin();
                }
                return (System.nanoTime() - start) / 1e6 / n;
            }
            case "weft-cold" -> {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    startAndJoin();
                }
                return (System.nanoTime() - start) / 1e6 / n;
            }
            case "weft-rss" -> {
                SPEC.keepWarm(1);
                long pid = awaitSpare();
                Thread.sleep(500); // let its start-up settle
                return rssMiB(pid);
            }
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        }
    }

    private static void startAndJoin() throws InterruptedException {
        Process p = new Process(EMPTY);
        p.start();
        p.join();
        if (p.exitCode().orElse(-1) != 0) {
            throw new AssertionError("the child ended with " + p.exitCode());
        }
    }

    /** Waits until a spare of {@link #SPEC} is connected; returns its pid. */
    private static long awaitSpare() throws InterruptedException {
        long deadline = System.nanoTime() + SPARE_WAIT_MILLIS * 1_000_000;
        while (true) {
            List<Long> ready = Spares.readyPids(SPEC);
            if (!ready.isEmpty()) {
                return ready.getFirst();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no warm spare ready after " + SPARE_WAIT_MILLIS + " ms");
            }
            Thread.sleep(1);
        }
    }

    /** VmRSS of process {@code pid}, in MiB. */
    static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    @Override
    public List<String> notes(Map<String, Double> medians) {
        return List.of(String.format(Locale.ROOT,
                "start + join: %.1f ms with a spare ready, %.1f ms back to back with keepWarm(1), %.1f ms cold;"
                        + " CPython fork %.2f ms", medians.get("weft"), medians.get("weft-sustained"),
                medians.get("weft-cold"), medians.get("cpython")),
                String.format(Locale.ROOT, "idle child, resident memory: worker JVM %.1f MiB, CPython fork child %.1f MiB",
                        medians.get("weft-rss"), medians.get("cpython-rss")));
    }
}
