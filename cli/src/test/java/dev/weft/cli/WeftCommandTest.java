package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The weft command line: help, version, the tour's chapters, and usage errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WeftCommandTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = new CommandLine(new Weft());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesWeftAndTheJava() {
        Result r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("(?s)weft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*Java 2[5-9].*");
    }

    @Test
    void helpListsTheCommandsAndTheTestCommand() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("tour", "bench", "./weft test");
    }

    @Test
    void tourRunsEveryChapterAndReportsRealResults() {
        Result r = run("tour");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== threading:", "== queue:")
                .contains("counter 1000000 of 1000000, ")       // the locked counter is exact
                .contains("action ran 5000 times, arrival indices 0..3 every round")
                .contains("cancel() = true")
                .contains("no deadlock")
                .contains("potential deadlock: ")
                .contains("sum right")
                .contains("1:page 1:alert 2:backup 2:report 2:index 3:cleanup")
                .contains("drained 30000 of 30000", "(3 of 3)")
                .contains("received 3000, 2000, 1000 items")
                .contains("tour done: 2 chapters")
                .doesNotContain("WRONG");
    }

    @Test
    void tourRunsOnlyTheNamedChapter() {
        Result r = run("tour", "queue");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("== queue:").doesNotContain("== threading:");
    }

    @Test
    void unknownChapterIsAUsageErrorThatListsTheChapters() {
        Result r = run("tour", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no chapter named 'nosuch'", "threading", "queue");
    }

    @Test
    void benchListsItsWorkloads() {
        Result r = run("bench", "--list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("factorize", "queue", "lock");
    }

    @Test
    void unknownWorkloadIsAUsageErrorThatListsTheWorkloads() {
        Result r = run("bench", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no workload named 'nosuch'", "factorize, queue, lock");
    }

    @Test
    void benchWithoutANameIsAUsageError() {
        Result r = run("bench");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("name a workload");
    }
}
