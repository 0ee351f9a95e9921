package dev.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side runner behind {@code weft bench}: runs every side of a workload, each in a
 * fresh process (a forked JVM with the same JDK and class path, or {@code python3} with the peer
 * script), interleaving the sides fork by fork so that a noisy neighbour hurts them alike; then
 * prints a table of medians and the result lines of DESIGN.md.
 *
 * <p>A side that fails or outlives its time limit fails the workload with a
 * {@link BenchException} naming the side; nothing is left running.
 */
public final class Bench {

    /** The longest a single side process may take before it is killed and the workload fails. */
    static final Duration SIDE_LIMIT = Duration.ofMinutes(10);

    /** JVM options of every forked JVM side, identical for Weft and its JVM peer. */
    static final List<String> FORK_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private final PrintWriter out;
    private final String python;
    private Path peersDir;
    private String pythonVersion;

    /**
     * A runner that prints to {@code out} and runs the CPython peers with {@code python}.
     *
     * @param out where the table and the lines go
     * @param python the CPython interpreter to run peers with ({@code python3}, or
     *     {@code $WEFT_PYTHON})
     */
    public Bench(PrintWriter out, String python) {
        this.out = out;
        this.python = python;
    }

    /**
     * A runner printing to {@code out} with {@code $WEFT_PYTHON} or {@code python3}.
     *
     * @param out where the table and the lines go
     * @return the runner
     */
    public static Bench create(PrintWriter out) {
        String python = System.getenv().getOrDefault("WEFT_PYTHON", "python3");
        return new Bench(out, python);
    }

    /**
     * Runs one workload and prints its table and result lines. Blocks until every side's processes
     * have finished, at most {@link #SIDE_LIMIT} each.
     *
     * @param w the workload
     * @param quick whether to run the short settings ({@code --quick}) instead of the full ones
     * @return one result per comparison of the workload, in the order their lines were printed
     * @throws BenchException if a side fails or overruns, or CPython is missing
     */
    public List<Result> run(Workload w, boolean quick) {
        Settings s = w.settings(quick);
        out.printf(Locale.ROOT, "== %s: %s%n", w.name(), w.describe(s.size()));
        out.printf(Locale.ROOT, "   %s; %s; %d cores; %s%n", System.getProperty("java.vm.name") + " "
                + Runtime.version(), pythonVersion(), Runtime.getRuntime().availableProcessors(),
                quick ? "quick run" : "full run");
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (Side side : w.sides()) {
            figures.put(side.id(), new ArrayList<>());
        }
        int forks = Math.max(s.jvm().forks(), s.cpython().forks());
        for (int fork = 0; fork < forks; fork++) {
            for (Side side : w.sides()) {
                Settings.Rounds r = s.roundsFor(side);
                if (fork < r.forks()) {
                    figures.get(side.id()).addAll(runSide(w, side, s.size(), r));
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        out.printf(Locale.ROOT, "   %-9s %-44s %14s %14s %14s %7s%n", "side", "runs", "median", "min", "max", "rounds");
        for (Side side : w.sides()) {
            Stats st = Stats.of(figures.get(side.id()));
            medians.put(side.id(), st.median());
            out.printf(Locale.ROOT, "   %-9s %-44s %14s %14s %14s %7d%n", side.peer(), side.label(),
                    Format.figure(st.median()), Format.figure(st.min()), Format.figure(st.max()), st.count());
        }
        out.printf(Locale.ROOT, "   unit: %s (%s is better); medians over every measured round of every process%n",
                w.unit(), w.higherIsBetter() ? "higher" : "lower");
        for (String note : w.notes(medians)) {
            out.println("   " + note);
        }
        List<Result> results = new ArrayList<>();
        for (Comparison c : w.comparisons()) {
            String peer = w.sides().stream().filter(x -> x.id().equals(c.peer())).findFirst()
                    .orElseThrow().peer();
            Result result = new Result(w.name(), w.unit(), w.higherIsBetter(), c.line(), peer,
                    medians.get(c.weft()), medians.get(c.peer()), c.target());
            results.add(result);
            out.println(result.text());
        }
        out.flush();
        return results;
    }

    private List<Double> runSide(Workload w, Side side, long size, Settings.Rounds r) {
        List<String> command = new ArrayList<>();
        if (side.isJvm()) {
            command.addAll(forkCommand(w, side, size, r));
        } else {
            command.add(python);
            command.add("-u");
            command.add(peers().resolve(side.script()).toString());
            command.add("--side");
            command.add(side.id());
            command.add("--size");
            command.add(Long.toString(size));
            command.add("--warmup");
            command.add(Integer.toString(r.warmup()));
            command.add("--rounds");
            command.add(Integer.toString(r.measured()));
        }
        return runProcess(w.name() + " side " + side.id(), command, r.measured());
    }

    /**
     * The command line of the forked JVM that measures JVM side {@code side}: the same JDK and
     * class path, {@link #FORK_JVM_OPTIONS}, then the workload's own
     * {@link Workload#jvmOptions(long)} (later options win, so a workload can raise the heap).
     */
    static List<String> forkCommand(Workload w, Side side, long size, Settings.Rounds r) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FORK_JVM_OPTIONS);
        command.addAll(w.jvmOptions(size));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkMain.class.getName());
        command.add(w.name());
        command.add(side.id());
        command.add(Long.toString(size));
        command.add(Integer.toString(r.warmup()));
        command.add(Integer.toString(r.measured()));
        return command;
    }

    /** Runs one side process and returns its figures; kills it if it overruns. */
    static List<Double> runProcess(String what, List<String> command, int expected) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new BenchException("cannot start " + what + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        try {
            // The child exits when its stdin closes, so it cannot outlive us; keep it open.
            CompletableFuture<List<String>> stdout = readLines(p.getInputStream());
            CompletableFuture<List<String>> stderr = readLines(p.getErrorStream());
            if (!p.waitFor(SIDE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BenchException(what + " did not finish within " + SIDE_LIMIT + "; killed it");
            }
            List<Double> figures = new ArrayList<>();
            for (String line : stdout.join()) {
                if (line.startsWith("result ")) {
                    figures.add(Double.parseDouble(line.substring("result ".length()).trim()));
                }
            }
            if (p.exitValue() != 0 || figures.size() != expected) {
                throw new BenchException(what + " failed (exit code " + p.exitValue() + ", "
                        + figures.size() + " of " + expected + " results):\n"
                        + String.join("\n", stderr.join()));
            }
            return figures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while running " + what, e);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static CompletableFuture<List<String>> readLines(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /**
     * The CPython interpreter's version, as in {@code CPython 3.11.7}; asked once per runner (a
     * process start, at most 30 seconds).
     *
     * @return the version
     * @throws BenchException if the interpreter cannot be run
     */
    public String pythonVersion() {
        if (pythonVersion == null) {
            pythonVersion = askPythonVersion();
        }
        return pythonVersion;
    }

    private String askPythonVersion() {
        try {
            Process p = new ProcessBuilder(python, "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchException("'" + python + " --version' failed: " + v);
            }
            return v.replace("Python", "CPython");
        } catch (IOException e) {
            throw new BenchException("the CPython peers need '" + python + "' on the PATH (or set "
                    + "WEFT_PYTHON to an interpreter): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** The peer scripts, copied out of the jar once per runner into a private temporary directory. */
    private Path peers() {
        if (peersDir == null) {
            try {
                Path dir = Files.createTempDirectory("weft-bench-peers");
                dir.toFile().deleteOnExit();
                for (String name : peerFiles()) {
                    try (InputStream in = Bench.class.getResourceAsStream("peers/python/" + name)) {
                        if (in == null) {
                            throw new BenchException("peer script missing from the jar: " + name);
                        }
                        Path file = dir.resolve(name);
                        Files.copy(in, file);
                        file.toFile().deleteOnExit();
                    }
                }
                peersDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return peersDir;
    }

    /** The shared harness of the CPython peers, which every peer script imports. */
    static final String PEER_HARNESS = "weft_peer.py";

    /** Every peer file a run may need: the harness and each workload's scripts. */
    static List<String> peerFiles() {
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        files.add(PEER_HARNESS);
        for (Workload w : Workloads.all()) {
            for (Side side : w.sides()) {
                if (!side.isJvm()) {
                    files.add(side.script());
                }
            }
        }
        return List.copyOf(files);
    }
}
