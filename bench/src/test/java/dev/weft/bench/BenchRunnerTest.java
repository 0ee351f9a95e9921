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
}
