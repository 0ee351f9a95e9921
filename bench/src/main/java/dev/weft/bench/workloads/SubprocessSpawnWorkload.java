package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Workload;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Subprocess;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DESIGN.md's {@code subprocess} benchmark, first half: {@code run(["true"])} one after the other
 * (start the child, wait for it, reap it); the figure is runs per second. The second half, the
 * throughput of {@code communicate}, is {@link SubprocessCommunicateWorkload}: a workload has one
 * unit, and the two halves have different ones.
 *
 * <p>Sides: Weft's {@code Subprocess.run} with the launch mechanism it prefers
 * ({@code posix_spawn} through the FFM API on Linux, given {@code --enable-native-access}, which
 * {@link #jvmOptions(long)} gives the forked JVMs); Weft with {@link LaunchMechanism#JDK}, its
 * portable fallback over {@link ProcessBuilder}; the JDK's {@code ProcessBuilder} itself; and
 * CPython's {@code subprocess.run(["true"])}. The child's streams are the parent's on every side
 * (Python's and Weft's default; {@code inheritIO()} for the JDK, whose default would make three
 * pipes), so every side does the same work.
 */
public final class SubprocessSpawnWorkload extends Workload {

    /** The command every side runs: the cheapest program there is. */
    static final List<String> TRUE = List.of("true");

    /** The {@code subprocess-spawn} workload. */
    public SubprocessSpawnWorkload() {
        super("subprocess-spawn", "runs/s", true);
    }

    @Override
    public String describe(long size) {
        return "run([\"true\"]) " + size + " times, one after the other: start, wait, reap";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Subprocess.run, LaunchMechanism.preferred()"),
                Side.jvm("weft-jdk", "weft", "Subprocess.run, LaunchMechanism.JDK"),
                Side.jvm("jdk", "jdk", "new ProcessBuilder(\"true\").inheritIO()"),
                Side.cpython("cpython", "subprocess.run([\"true\"])", "bench_subprocess_spawn.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("subprocess/spawn", "weft", "cpython"),
                new Comparison("subprocess/spawn", "weft", "jdk"));
    }

    @Override
    public Settings settings(boolean quick) {
        // A run takes about a millisecond on every side: 1,000 runs make a round of about a second.
        return quick
                ? new Settings(200, new Settings.Rounds(2, 5, 1), new Settings.Rounds(1, 3, 1))
                : new Settings(1000, new Settings.Rounds(3, 10, 3), new Settings.Rounds(1, 5, 3));
    }

    @Override
    public List<String> jvmOptions(long size) {
        return List.of("--enable-native-access=ALL-UNNAMED");
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException, IOException {
        int n = Math.toIntExact(size);
        Options<byte[]> options = sideId.equals("weft-jdk") ? Options.defaults().launchMechanism(LaunchMechanism.JDK)
                : Options.defaults();
        long start = System.nanoTime();
        switch (sideId) {
            case "weft", "weft-jdk" -> {
                for (int i = 0; i < n; i++) {
                    check(Subprocess.run(TRUE, options).returncode());
                }
            }
            case "jdk" -> {
                for (int i = 0; i < n; i++) {
                    check(new ProcessBuilder(TRUE).inheritIO().start().waitFor());
                }
            }
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(int returncode) {
        if (returncode != 0) {
            throw new AssertionError("true returned " + returncode);
        }
    }

    @Override
    public List<String> notes(Map<String, Double> medians) {
        double weft = medians.get("weft");
        double fallback = medians.get("weft-jdk");
        double jdk = medians.get("jdk");
        return List.of(String.format(Locale.ROOT,
                "Weft's preferred launch: %.2f times ProcessBuilder's rate; Weft's JDK fallback: %.1f%% %s"
                        + " ProcessBuilder's (Weft's layer over it)",
                weft / jdk, Math.abs(percentLess(fallback, jdk)), fallback <= jdk ? "below" : "above"));
    }
}
