package dev.weft.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.weft.bench.BenchException;
import dev.weft.bench.Comparison;
import dev.weft.bench.Side;
import dev.weft.bench.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code parallel} workload: its contract lines, and a real side measured at a small size. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelWorkloadTest {

    private final ParallelWorkload w = new ParallelWorkload();

    @Test
    void itEndsWithTheTwoLinesDesignMdNames() {
        assertThat(Workloads.named("parallel")).containsInstanceOf(ParallelWorkload.class);
        assertThat(w.comparisons()).extracting(Comparison::line, Comparison::weft, Comparison::peer)
                .containsExactly(tuple("parallel", "weft", "xargs"), tuple("parallel", "weft", "gnu-parallel"));
        assertThat(w.comparisons()).extracting(c -> c.target().bound()).containsExactly(1.0, 5.0);
        assertThat(w.sides()).extracting(Side::peer).containsExactly("weft", "xargs", "gnu-parallel", "weft", "xargs", "gnu-parallel");
        assertThat(w.higherIsBetter()).isFalse();
        assertThat(w.describe(1000)).contains("(wall(3000 jobs) - wall(1000 jobs)) / 2000", "microseconds");
    }

    @Test
    void theXargsSideMeasuresARealSlopeAndAWholeRun() throws Exception {
        assertThat(w.measure("xargs", 20)).isFinite();
        assertThat(w.measure("xargs-whole", 20)).isPositive();
    }

    @Test
    void theWeftSideNeedsTheWeftCommandOnTheClassPath() {
        // The bench module's own tests do not have the cli module: the message says what to run.
        assertThatThrownBy(() -> ParallelWorkload.command("weft")).isInstanceOf(BenchException.class)
                .hasMessageContaining("./weft bench parallel");
    }

    @Test
    void aToolThatFailsIsABenchExceptionWithItsErrorOutput(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in"), "1\n");
        assertThatThrownBy(() -> ParallelWorkload.wallNanos(List.of("sh", "-c", "echo broken >&2; exit 4"), input, 1))
                .isInstanceOf(BenchException.class).hasMessageContaining("exited with 4").hasMessageContaining("broken");
    }

    @Test
    void theNotesCompareTheWholeRuns() {
        List<String> notes = w.notes(Map.of("weft", 500.0, "xargs", 800.0, "gnu-parallel", 4000.0,
                "weft-whole", 1000.0, "xargs-whole", 800.0, "gnu-parallel-whole", 5000.0));
        assertThat(String.join("\n", notes)).contains("weft takes 1.25 times xargs's time and 0.20 times GNU parallel's");
    }
}
