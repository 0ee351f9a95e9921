package dev.weft.bench.workloads;

import dev.weft.bench.Comparison;
import dev.weft.bench.Settings;
import dev.weft.bench.Side;
import dev.weft.bench.Workload;
import dev.weft.subprocess.CompletedProcess;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DESIGN.md's {@code subprocess} benchmark, second half: {@code communicate} of 1 GiB through
 * {@code cat}, the input written to its stdin while its stdout is read back; the figure is MB
 * (10<sup>6</sup> bytes) of input per second. See {@link SubprocessSpawnWorkload} for the first
 * half.
 *
 * <p>Sides: Weft's {@code Subprocess.run(["cat"], input=data, stdout=PIPE)} with the launch
 * mechanism it prefers ({@code posix_spawn} and one thread {@code poll(2)}ing the pipes on Linux)
 * and with {@link LaunchMechanism#JDK} (a thread per pipe); the JDK's {@link ProcessBuilder} with
 * what a careful user writes by hand, a thread writing stdin while the caller reads stdout with
 * {@code readAllBytes()}; and CPython's {@code subprocess.run(["cat"], input=data,
 * stdout=subprocess.PIPE)}. The data, and Weft's {@link Options} holding it, are made before the
 * clock starts; every side checks after it stops that {@code cat} returned 0 and gave back every
 * byte.
 *
 * <p>The forked JVMs get a fixed heap of five times the round's size plus 1 GiB (6 GiB for 1 GiB;
 * {@link #jvmOptions(long)}): a round holds the input, what is read back twice (gathered in
 * chunks, then joined into one array), and the last round's output not yet collected. The heap is
 * fixed ({@code -Xms} = {@code -Xmx}, as for every workload) and the warm-up rounds touch it, so
 * the measured rounds reuse memory the kernel has already handed over: a heap still growing would
 * make them measure the kernel zeroing fresh pages (five times slower here) instead of the pipes.
 */
public final class SubprocessCommunicateWorkload extends Workload {

    static final List<String> CAT = List.of("cat");

    /** The input and the options that carry it, made once per size and reused by every round. */
    private static byte[] data = new byte[0];

    private static Options<byte[]> weftOptions;
    private static Options<byte[]> weftJdkOptions;

    /** The {@code subprocess-communicate} workload. */
    public SubprocessCommunicateWorkload() {
        super("subprocess-communicate", "MB/s", true);
    }

    @Override
    public String describe(long size) {
        return "communicate " + size + " bytes (" + (size >> 20) + " MiB) through cat: write stdin while reading"
                + " stdout; MB of input per second";
    }

    @Override
    public List<Side> sides() {
        return List.of(
                Side.jvm("weft", "weft", "Subprocess.run, LaunchMechanism.preferred()"),
                Side.jvm("weft-jdk", "weft", "Subprocess.run, LaunchMechanism.JDK"),
                Side.jvm("jdk", "jdk", "ProcessBuilder, writer thread, readAllBytes"),
                Side.cpython("cpython", "run([\"cat\"], input=data, stdout=PIPE)",
                        "bench_subprocess_communicate.py"));
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(new Comparison("subprocess/communicate", "weft", "cpython"),
                new Comparison("subprocess/communicate", "weft", "jdk"));
    }

    @Override
    public Settings settings(boolean quick) {
        // Under a second a round for the JVM sides at 1 GiB, a few seconds for CPython.
        return quick
                ? new Settings(256L << 20, new Settings.Rounds(2, 3, 1), new Settings.Rounds(0, 2, 1))
                : new Settings(1L << 30, new Settings.Rounds(2, 5, 3), new Settings.Rounds(0, 3, 3));
    }

    @Override
    public List<String> jvmOptions(long size) {
        String heap = "-Xmx" + (5 * (size >> 20) + 1024) + "m";
        return List.of("--enable-native-access=ALL-UNNAMED", heap.replace("-Xmx", "-Xms"), heap);
    }

    /** The same bytes as the CPython peer's: 0, 1, ..., 255, over and over. */
    static synchronized byte[] data(long size) {
        int n = Math.toIntExact(size);
        if (data.length != n) {
            data = null; // let the old array go before making the new one
            weftOptions = null;
            weftJdkOptions = null;
            byte[] d = new byte[n];
            for (int i = 0; i < n; i++) {
                d[i] = (byte) i;
            }
            data = d;
        }
        return data;
    }

    @Override
    public double measure(String sideId, long size) throws InterruptedException, IOException {
        byte[] input = data(size);
        int returncode;
        byte[] output;
        long start;
        long took;
        switch (sideId) {
            case "weft", "weft-jdk" -> {
                Options<byte[]> options = options(sideId, input);
                start = System.nanoTime();
                CompletedProcess<byte[]> r = Subprocess.run(CAT, options);
                took = System.nanoTime() - start;
                returncode = r.returncode();
                output = r.stdout();
            }
            case "jdk" -> {
                start = System.nanoTime();
                Process p = new ProcessBuilder(CAT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                // Writing all of stdin before reading stdout would fill both pipes and hang: a thread writes.
                Thread writer = Thread.ofPlatform().name("cat-stdin").start(() -> {
                    try (OutputStream in = p.getOutputStream()) {
                        in.write(input);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try (InputStream out = p.getInputStream()) {
                    output = out.readAllBytes();
                }
                writer.join();
                returncode = p.waitFor();
                took = System.nanoTime() - start;
            }
            default -> throw new IllegalArgumentException("no JVM side " + sideId);
        }
        if (returncode != 0) {
            throw new AssertionError("cat returned " + returncode);
        }
        if (output.length != input.length || !Arrays.equals(input, output)) {
            throw new AssertionError("cat gave back " + output.length + " bytes of " + input.length
                    + (output.length == input.length ? ", not the same ones" : ""));
        }
        return size / 1e6 / (took / 1e9);
    }

    /** Weft's options with the input, made once: {@code Options.input} copies the array. */
    private static synchronized Options<byte[]> options(String sideId, byte[] input) {
        if (sideId.equals("weft")) {
            if (weftOptions == null) {
                weftOptions = Options.defaults().input(input).stdout(Redirect.PIPE);
            }
            return weftOptions;
        }
        if (weftJdkOptions == null) {
            weftJdkOptions = Options.defaults().input(input).stdout(Redirect.PIPE).launchMechanism(LaunchMechanism.JDK);
        }
        return weftJdkOptions;
    }

    @Override
    public List<String> notes(Map<String, Double> medians) {
        return List.of(String.format(Locale.ROOT, "Weft's JDK fallback: %.0f MB/s, %.2f times the hand-written"
                + " ProcessBuilder code", medians.get("weft-jdk"), medians.get("weft-jdk") / medians.get("jdk")));
    }
}
