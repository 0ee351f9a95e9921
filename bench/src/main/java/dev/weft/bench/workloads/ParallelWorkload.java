package dev.weft.bench.workloads;

import dev.weft.bench.BenchException;
import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Target;
import dev.weft.bench.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * DESIGN.md's {@code parallel} benchmark: what running one more job costs in {@code weft
 * parallel -j 2}, in {@code xargs -P 2} and in GNU parallel {@code -j 2}, the job being
 * {@code true} with one argument, the arguments coming on standard input, one per line.
 *
 * <p><b>Per-job overhead</b> is the slope of wall time against the number of jobs: one round
 * runs the tool once with {@code size} jobs and once with {@code 3 * size}, and its figure is
 * {@code (time(3 * size) - time(size)) / (2 * size)}, in microseconds. (Three times rather than
 * twice the jobs: a load spike on the shared machine during either run then moves the slope half
 * as much.) A tool's fixed costs (a JVM's
 * start, about a third of a second; Perl compiling GNU parallel) cancel out; what remains is
 * everything each extra job costs the tool, the machine's two cores and the kernel, the start
 * of {@code true} itself included (the same for every tool). So that nothing is hidden, three
 * more sides time one whole run of {@code size} jobs, start-up included, divided by
 * {@code size}; the notes give those runs' wall times.
 *
 * <p>Every side is an external command run from the forked JVM, as a user would run it: the
 * Weft side is the {@code weft} command itself ({@code java} with the launcher's options and
 * this JVM's class path, which holds the command when the bench runs from {@code ./weft}).
 * GNU parallel is installed from Debian's packages on first use when it is missing
 * ({@code apt-get install parallel}, which needs root); if that fails its sides fail, saying how
 * to install it.
 */
public final class ParallelWorkload extends Workload {

    /** How many jobs run at once on every side. */
    static final int JOBS = 2;

    private static final String WEFT_MAIN = "dev.weft.cli.Weft";

    /** The {@code parallel} workload. */
    public ParallelWorkload() {
        super("parallel", "us/job", false);
    }

    @Override
    public String describe(long size) {
        return String.format(Locale.ROOT, "per-job overhead of %d-way job runners over `true` jobs: (wall(%d jobs) - wall(%d jobs)) / %d,"
                + " in microseconds; '-whole' sides: wall(%d jobs) / %d, start-up included", JOBS, 3 * size, size, 2 * size, size, size);
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "weft parallel -j 2 true, slope"),
                Side.jvm("xargs", "xargs", "xargs -P 2 -n 1 true, slope"),
                Side.jvm("gnu-parallel", "gnu-parallel", "parallel -j 2 true, slope"),
                Side.jvm("weft-whole", "weft", "weft parallel, whole run / jobs"),
                Side.jvm("xargs-whole", "xargs", "xargs -P 2, whole run / jobs"),
                Side.jvm("gnu-parallel-whole", "gnu-parallel", "GNU parallel, whole run / jobs"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(
                new Comparison("parallel", "weft", "xargs").withTarget(Target.ratioAtLeast(1, "issue 10: lower than xargs -P 2's")),
                new Comparison("parallel", "weft", "gnu-parallel")
                        .withTarget(Target.ratioAtLeast(5, "issue 10: at most a fifth of GNU parallel's")));
    }

    @Override
    public Settings settings(boolean quick) {
        // A slope round runs 4 x size jobs: about 4 s for weft and xargs, 25 s for GNU parallel.
        return quick
                ? new Settings(300, new Settings.Rounds(0, 2, 1), new Settings.Rounds(0, 1, 1))
                : new Settings(1000, new Settings.Rounds(0, 3, 2), new Settings.Rounds(0, 1, 1));
    }

    @Override
    public double measure(String sideId, long size) throws IOException, InterruptedException {
        boolean whole = sideId.endsWith("-whole");
        String tool = whole ? sideId.substring(0, sideId.length() - "-whole".length()) : sideId;
        List<String> command = command(tool);
        Path small = arguments(size);
        double oneRun = wallNanos(command, small, size);
        if (whole) {
            return oneRun / 1e3 / size;
        }
        Path large = arguments(3 * size);
        double threeTimes = wallNanos(command, large, 3 * size);
        return (threeTimes - oneRun) / 1e3 / (2 * size);
    }

    /** The command line of {@code tool}, which then reads its arguments from standard input. */
    static List<String> command(String tool) {
        return switch (tool) {
            case "weft" -> weftCommand();
            case "xargs" -> List.of("xargs", "-P", Integer.toString(JOBS), "-n", "1", "true");
            case "gnu-parallel" -> {
                GnuParallel.ensureInstalled();
                yield List.of("parallel", "--will-cite", "-j", Integer.toString(JOBS), "true");
            }
            default -> throw new IllegalArgumentException("no side " + tool);
        };
    }

    /** The weft command as ./weft starts it: the same java, its options, this class path. */
    private static List<String> weftCommand() {
        try {
            Class.forName(WEFT_MAIN, false, ParallelWorkload.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BenchException("the weft side runs the weft command, which is not on this class path:"
                    + " run the benchmark with ./weft bench parallel");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), WEFT_MAIN, "parallel", "-j", Integer.toString(JOBS), "true");
    }

    /** A file of the arguments 1 to {@code n}, one per line, made once per size. */
    private static Path arguments(long n) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "weft-bench-parallel-" + ProcessHandle.current().pid() + "-" + n);
        if (!Files.exists(file)) {
            Files.writeString(file, LongStream.rangeClosed(1, n).mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n")),
                    StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
        }
        return file;
    }

    /** Runs {@code command} over {@code input} and returns its wall time; fails unless it exits 0. */
    static double wallNanos(List<String> command, Path input, long jobs) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("weft-bench-parallel", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(input.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new BenchException(command.getFirst() + " did not run " + jobs + " jobs within 10 minutes");
            }
            long elapsed = System.nanoTime() - start;
            if (p.exitValue() != 0) {
                throw new BenchException(String.join(" ", command) + " exited with " + p.exitValue() + " over " + jobs + " jobs: "
                        + Files.readString(errors).strip());
            }
            return elapsed;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    @Override
    public List<String> notes(Map<String, Double> medians) {
        List<String> notes = new ArrayList<>();
        notes.add("slope sides: (wall time of 3N jobs - wall time of N jobs) / 2N, so start-up cancels out; `true` itself costs"
                + " the same on every side");
        Double weft = medians.get("weft-whole");
        Double xargs = medians.get("xargs-whole");
        Double gnu = medians.get("gnu-parallel-whole");
        if (weft != null && xargs != null && gnu != null) {
            notes.add(String.format(Locale.ROOT, "whole runs of N jobs, start-up included (-whole sides, times N for seconds):"
                    + " weft takes %.2f times xargs's time and %.2f times GNU parallel's", weft / xargs, weft / gnu));
        }
        return notes;
    }
}
