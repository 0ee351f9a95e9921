package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner's own logic: the line format of DESIGN.md, medians, and failing sides. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BenchRunnerTest {

    @Test
    void linesHaveTheContractFormWithRatioAboveOneWhenWeftIsAhead() {
        assertThat(Format.line("queue", "cpython", 48_211_000.4, 1_021_478.9, true))
                .isEqualTo("queue weft=48211000 cpython=1021479 ratio=47.197");
        assertThat(Format.line("process-start", "cpython", 20, 40, false))
                .isEqualTo("process-start weft=20 cpython=40 ratio=2.000");
        assertThat(Format.line("factorize/threads", "cpython", 1.9345, 0.97, true))
                .isEqualTo("factorize/threads weft=1.934 cpython=0.97 ratio=1.994"); // half-even
    }

    @Test
    void aNameSelectsAllOneWorkloadOrAFamily() {
        assertThat(Workloads.selected("all")).isEqualTo(Workloads.all());
        assertThat(Workloads.selected("queue")).extracting(Workload::name).containsExactly("queue");
        assertThat(Workloads.selected("subprocess")).extracting(Workload::name)
                .containsExactly("subprocess-spawn", "subprocess-communicate");
        assertThat(Workloads.selected("subproc")).isEmpty();
        assertThat(Workloads.selected("process")).extracting(Workload::name)
                .containsExactly("process-executor", "process-start");
        assertThat(Workloads.families()).containsExactly("process", "subprocess");
    }

    @Test
    void figuresArePlainDecimals() {
        assertThat(Format.figure(1e12)).isEqualTo("1000000000000");
        assertThat(Format.figure(0.000012345)).isEqualTo("0.00001234");
        assertThat(Format.figure(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void statsTakeTheMedian() {
        assertThat(Stats.of(List.of(5.0, 1.0, 3.0))).isEqualTo(new Stats(3.0, 1.0, 5.0, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSideThatFailsNamesItselfAndShowsItsErrorOutput() {
        assertThatThrownBy(() -> Bench.runProcess("demo side x",
                List.of("sh", "-c", "echo 'result 1.0'; echo 'boom: it broke' >&2; exit 3"), 1))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("demo side x failed (exit code 3")
                .hasMessageContaining("boom: it broke");
    }

    @Test
    void aSideThatPrintsTooFewResultsFails() {
        assertThatThrownBy(() -> Bench.runProcess("short side", List.of("sh", "-c", "echo 'result 2.5'"), 3))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("1 of 3 results");
    }

    @Test
    void aSideReportsItsFigures() {
        assertThat(Bench.runProcess("ok side", List.of("sh", "-c", "echo noise; echo 'result 2.5'; echo 'result 4'"), 2))
                .containsExactly(2.5, 4.0);
    }

    @Test
    void aMissingInterpreterIsAClearError() {
        Bench bench = new Bench(new PrintWriter(new StringWriter()), "/nonexistent/python3");
        assertThatThrownBy(() -> bench.run(Workloads.named("factorize").orElseThrow(), true))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("'/nonexistent/python3'");
    }

    @Test
    void everyPeerScriptIsInTheJar() {
        for (String name : Bench.peerFiles()) {
            assertThat(Bench.class.getResource("peers/python/" + name)).as(name).isNotNull();
        }
    }

    @Test
    void aForkedJvmSideMeasuresTheRealWorkload() {
        // One round of the real JVM side in a real fork: the protocol end to end, without timing it.
        List<Double> figures = Bench.runProcess("factorize threads", List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForkMain.class.getName(),
                "factorize", "threads", "1", "0", "1"), 1);
        assertThat(figures).singleElement().satisfies(speedup -> assertThat(speedup).isPositive());
    }

    @Test
    void aForkedJvmGetsItsWorkloadsOwnOptionsAfterTheCommonOnes() {
        Workload w = Workloads.named("subprocess-communicate").orElseThrow();
        List<String> command = Bench.forkCommand(w, w.sides().getFirst(), 1L << 30, new Settings.Rounds(0, 1, 1));
        // The last -Xms and -Xmx win: the workload's 6 GiB for rounds of 1 GiB over the common 1 GiB.
        assertThat(command).containsSubsequence("-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-Xms6144m", "-Xmx6144m", "-cp", ForkMain.class.getName(), "subprocess-communicate", "weft",
                Long.toString(1L << 30), "0", "1");
    }

    @Test
    void everyJvmSideOfTheSubprocessWorkloadsMeasuresInARealFork() {
        // One small round of each JVM side, forked as the runner forks it: the real work, not its speed.
        everyJvmSideMeasures(java.util.Map.of("subprocess-spawn", 3L, "subprocess-communicate", 1L << 20));
    }

    /** Runs one round of every JVM side of each named workload (at the given size) in a real fork. */
    private static void everyJvmSideMeasures(java.util.Map<String, Long> sizes) {
        for (var entry : sizes.entrySet()) {
            Workload w = Workloads.named(entry.getKey()).orElseThrow();
            for (Side side : w.sides()) {
                if (side.isJvm()) {
                    List<Double> figures = Bench.runProcess(w.name() + " side " + side.id(),
                            Bench.forkCommand(w, side, entry.getValue(), new Settings.Rounds(0, 1, 1)), 1);
                    assertThat(figures).as(w.name() + " " + side.id()).singleElement()
                            .satisfies(f -> assertThat(f).isPositive());
                }
            }
        }
    }

    @Test
    void theSubprocessPeerScriptsRunInCPython() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pythonIsInstalled(), "no python3 on the PATH");
        for (var entry : java.util.Map.of("bench_subprocess_spawn.py", 3L, "bench_subprocess_communicate.py", 1L << 20).entrySet()) {
            String script = java.nio.file.Path.of(Bench.class.getResource("peers/python/" + entry.getKey()).toURI()).toString();
            List<Double> figures = Bench.runProcess(entry.getKey(), List.of("python3", "-u", script, "--side", "cpython",
                    "--size", Long.toString(entry.getValue()), "--warmup", "0", "--rounds", "1"), 1);
            assertThat(figures).as(entry.getKey()).singleElement().satisfies(f -> assertThat(f).isPositive());
        }
    }

    @Test
    void everyJvmSideOfTheProcessWorkloadsMeasuresInARealFork() {
        // One tiny round of each JVM side of the multiprocessing workloads, forked as the runner
        // forks it (worker JVMs and all): the real work, not its speed.
        everyJvmSideMeasures(java.util.Map.of("pool-map", 200L, "process-executor", 50L, "process-start", 1L,
                "factorize", 1L));
    }

    @Test
    void theMultiprocessingPeerScriptsRunInCPython() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pythonIsInstalled(), "no python3 on the PATH");
        for (Workload w : List.of(Workloads.named("pool-map").orElseThrow(), Workloads.named("process-executor").orElseThrow(),
                Workloads.named("process-start").orElseThrow(), Workloads.named("factorize").orElseThrow())) {
            for (Side side : w.sides()) {
                if (!side.isJvm()) {
                    String script = java.nio.file.Path.of(Bench.class.getResource("peers/python/" + side.script()).toURI())
                            .toString();
                    List<Double> figures = Bench.runProcess(side.id(), List.of("python3", "-u", script, "--side",
                            side.id(), "--size", w.name().equals("process-start") || w.name().equals("factorize") ? "1" : "100", "--warmup", "0",
                            "--rounds", "1"), 1);
                    assertThat(figures).as(w.name() + " " + side.id()).singleElement()
                            .satisfies(f -> assertThat(f).isPositive());
                }
            }
        }
    }

    private static boolean pythonIsInstalled() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
