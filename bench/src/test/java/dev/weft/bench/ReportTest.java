package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run, from made-up results: its table, and how it rewrites performance.md. */
class ReportTest {

    static final Machine MACHINE = new Machine(2, "Test CPU 9000", 24, "Linux 6.8 amd64",
            "Eclipse Adoptium OpenJDK 64-Bit Server VM 25.0.3+9-LTS", "CPython 3.11.7");

    static final List<Result> RESULTS = List.of(
            new Result("queue", "items/s", true, "queue", "cpython", 48_576_262, 971_609,
                    Target.ratioAtLeast(50, "issue 2")),
            new Result("queue", "items/s", true, "queue", "jdk", 48_576_262, 19_626_650,
                    Target.ratioAtLeast(0.9, "issue 2")),
            new Result("process-start", "ms per start + join", false, "process-start", "cpython", 20.7, 1.8,
                    Target.ratioAtLeast(1, "issue 5")),
            new Result("factorize", "speedup (times)", true, "factorize/threads", "cpython", 1.777, 0.9917,
                    Target.weftAtLeast(1.8, "issue 2")),
            new Result("subprocess-spawn", "runs/s", true, "subprocess/spawn", "cpython", 1740, 1584, null));

    static Report report(List<String> failures) {
        return new Report(LocalDate.of(2026, 12, 7), "weft bench all", MACHINE, RESULTS, failures);
    }

    @Test
    void theTableHasOneRowPerComparisonWithUnitFiguresRatioAndTarget() {
        assertThat(report(List.of()).table()).isEqualTo("""
                | comparison | unit | Weft | peer | peer's figure | ratio | target | verdict |
                |---|---|--:|---|--:|--:|---|---|
                | `queue` | items/s | 48576262 | cpython | 971609 | 49.996 | ratio ≥ 50 (issue 2) | missed |
                | `queue` | items/s | 48576262 | jdk | 19626650 | 2.475 | ratio ≥ 0.9 (issue 2) | met |
                | `process-start` | ms per start + join | 20.7 | cpython | 1.8 | 0.087 | ratio ≥ 1 (issue 5) | missed |
                | `factorize/threads` | speedup (times) | 1.777 | cpython | 0.9917 | 1.792 | weft ≥ 1.8 (issue 2) | missed |
                | `subprocess/spawn` | runs/s | 1740 | cpython | 1584 | 1.098 |  |  |
                """);
    }

    @Test
    void theSectionStatesDateMachineChartAndTheExactLines() {
        String section = report(List.of("manager: the side cpython failed (exit code 1)\nTraceback...")).section();
        assertThat(section)
                .startsWith(Report.BEGIN + "\n")
                .endsWith(Report.END + "\n")
                .contains("- Run: `weft bench all`, 2026-12-07\n")
                .contains("- Machine: 2 cores (Test CPU 9000), 24.0 GiB; Linux 6.8 amd64; Eclipse Adoptium", "CPython 3.11.7")
                .contains("](performance.svg)")
                .contains("- manager: the side cpython failed (exit code 1)\n")
                .doesNotContain("Traceback");
        for (Result r : RESULTS) {
            assertThat(section).contains("\n    " + r.text() + "\n");
        }
        assertThat(section).contains("    queue weft=48576262 cpython=971609 ratio=49.996\n");
    }

    @Test
    void aRunReplacesOnlyWhatIsBetweenTheMarkers() {
        String before = "# Performance\n\nIntro.\n\n";
        String after = "\n## 2026-11-22: threading and queue (issue 2)\n\nHand-written analysis.\n";
        String document = before + Report.BEGIN + "\nold generated text\n" + Report.END + "\n" + after;

        String updated = Report.replaceSection(document, "NEW\n");

        assertThat(updated).isEqualTo(before + "NEW\n" + after);
        // and again: a second run finds the markers the first one wrote
        String section = report(List.of()).section();
        String twice = Report.replaceSection(Report.replaceSection(document, section), section);
        assertThat(twice).isEqualTo(before + section + after);
    }

    @Test
    void withoutMarkersTheSectionGoesBeforeTheFirstDatedSection() {
        String document = "# Performance\n\nIntro.\n\n## 2026-11-22: first\n\ntext\n\n## 2026-12-06: second\n";
        assertThat(Report.replaceSection(document, "NEW\n"))
                .isEqualTo("# Performance\n\nIntro.\n\nNEW\n\n## 2026-11-22: first\n\ntext\n\n## 2026-12-06: second\n");
        assertThat(Report.replaceSection("# Performance\n", "NEW\n")).isEqualTo("# Performance\n\nNEW\n");
    }

    @Test
    void aLoneOrMisplacedMarkerIsRefusedRatherThanGuessedAt() {
        assertThatThrownBy(() -> Report.replaceSection("a\n" + Report.BEGIN + "\nb\n", "NEW\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without the end one");
        assertThatThrownBy(() -> Report.replaceSection(Report.END + "\n" + Report.BEGIN + "\n", "NEW\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the begin one");
    }

    @Test
    void writingKeepsTheHandWrittenTextAndWritesTheChart(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        String handWritten = "# Performance\n\nHow to reproduce.\n\n## 2026-11-22: analysis\n\nKept | as is.\n";
        Files.writeString(docs.resolve("performance.md"), handWritten);

        Path written = report(List.of()).write(docs);
        Path again = report(List.of()).write(docs);

        assertThat(written).isEqualTo(again).isEqualTo(docs.resolve("performance.md"));
        String md = Files.readString(written);
        assertThat(md).startsWith("# Performance\n\nHow to reproduce.\n\n" + Report.BEGIN)
                .endsWith(Report.END + "\n\n## 2026-11-22: analysis\n\nKept | as is.\n");
        assertThat(md.split(java.util.regex.Pattern.quote(Report.BEGIN), -1)).hasSize(2);
        assertThat(docs.resolve("performance.svg")).content().startsWith("<?xml");
        try (var files = Files.list(docs)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "performance.md", "performance.svg"); // no temporary file left behind
        }
    }

    @Test
    void theDocsDirectoryIsTheCheckoutsWhereverInsideItTheRunStarts(@TempDir Path dir) throws Exception {
        Path checkout = dir.resolve("weft");
        Files.createDirectories(checkout.resolve("docs"));
        Files.createDirectories(checkout.resolve("bench/src"));
        Files.writeString(checkout.resolve("pom.xml"), "<project><artifactId>weft-parent</artifactId></project>");
        Files.writeString(checkout.resolve("bench/pom.xml"), "<project><parent><artifactId>weft-parent</artifactId>"
                + "</parent></project>");

        assertThat(Report.docsDirectory(checkout)).isEqualTo(checkout.resolve("docs").toAbsolutePath());
        assertThat(Report.docsDirectory(checkout.resolve("bench/src")))
                .isEqualTo(checkout.resolve("docs").toAbsolutePath());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(Report.docsDirectory(elsewhere)).isEqualTo(elsewhere);
    }
}
