package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.parallel.JobLog;
import dev.weft.subprocess.internal.ProcessTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code weft parallel} end to end, in this JVM: the jobs are real processes. Where order or
 * timing matters, jobs wait for files that other jobs or the test create, never for time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelCommandTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err, long millis) {}

    /** Runs {@code weft parallel ARGS} with {@code stdin} as its standard input. */
    static Result run(String stdin, String... args) {
        return run(stdin, new ByteArrayOutputStream(), args);
    }

    static Result run(String stdin, ByteArrayOutputStream err, String... args) {
        CommandLine cmd = new CommandLine(new Weft());
        StringWriter usage = new StringWriter();
        cmd.setOut(new PrintWriter(usage, true));
        cmd.setErr(new PrintWriter(usage, true));
        ParallelCommand parallel = cmd.getSubcommands().get("parallel").getCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parallel.streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        List<String> all = new ArrayList<>(List.of("parallel"));
        all.addAll(List.of(args));
        long start = System.nanoTime();
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + usage,
                (System.nanoTime() - start) / 1_000_000);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    // ---------------------------------------------------------------- arguments and commands

    @Test
    void argumentsComeFromStandardInputOnePerLine() {
        Result r = run("a\nb c\nd\n", "-k", "echo", "<{}>");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("<a>\n<b c>\n<d>\n");
    }

    @Test
    void everyReplacementStringReachesTheJob() {
        Result r = run("", "-k", "-j", "1", "echo", "{}|{.}|{/}|{//}|{/.}|{#}|{%}", ":::", "d/f.txt", "g.tar.gz");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("d/f.txt|d/f|f.txt|d|f|1|1\ng.tar.gz|g.tar|g.tar.gz|.|g.tar|2|1\n");
    }

    @Test
    void severalGroupsMakeEveryCombinationWithPositionalReplacementStrings() {
        Result r = run("", "-k", "echo", "{2}-{1}", ":::", "a", "b", ":::", "1", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("1-a\n2-a\n1-b\n2-b\n");
    }

    @Test
    void inputFilesGiveOneArgumentPerLine() throws IOException {
        Files.writeString(dir.resolve("args"), "x\ny\n");
        Result r = run("", "-k", "echo", ":::", "1", "::::", p("args"));
        assertThat(r.out()).isEqualTo("1 x\n1 y\n");
    }

    @Test
    void aShellCommandGetsItsArgumentsQuotedSoTheyStayData() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "keep me");
        Result r = run("", "-k", "echo {} | tr a-z A-Z", ":::", "hello; rm " + victim, "$(rm " + victim + ")");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(("HELLO; RM " + victim + "\n$(RM " + victim + ")\n").toUpperCase());
        assertThat(victim).exists();
    }

    @Test
    void dryRunPrintsTheCommandsAndRunsNothing() {
        Result r = run("", "--dry-run", "touch", p("ran-{}"), ":::", "1", "it's");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("touch " + p("ran-1") + "\ntouch '" + p("ran-it") + "'\\''s'\n");
        assertThat(dir.resolve("ran-1")).doesNotExist();
    }

    @Test
    void aProgramThatDoesNotExistIsAFailedJobThatSaysWhy() {
        Result r = run("", "no-such-program-weft", ":::", "a");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("weft parallel: job 1: ", "no-such-program-weft");
    }

    @Test
    void aProgressBarEndsFullOnStandardError() {
        Result r = run("a\nb\nc\n", "--bar", "true");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("weft parallel [##############################] 3/3");
    }

    // ---------------------------------------------------------------- output

    /** Many jobs writing many lines at once: each job's lines still come out as one block. */
    @Test
    void outputsAreNeverInterleaved() {
        String job = "for i in $(seq 1 400); do echo \"$1 line $i\"; echo \"$1 err $i\" >&2; done";
        Result r = run("", "-j", "4", "sh", "-c", job, "sh", ":::", "j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertBlocks(r.out(), "line", 8);
        assertBlocks(r.err(), "err", 8);
    }

    /** Splits lines into runs of the same job; each job must be one run of its 400 lines, in order. */
    private static void assertBlocks(String text, String kind, int jobs) {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        String previous = null;
        for (String line : text.split("\n")) {
            if (!line.contains(" " + kind + " ")) {
                continue;
            }
            String job = line.substring(0, line.indexOf(' '));
            if (!job.equals(previous)) {
                assertThat(runs).as("job %s appears in two blocks", job).doesNotContainKey(job);
                runs.put(job, new ArrayList<>());
            }
            runs.get(job).add(line);
            previous = job;
        }
        assertThat(runs).hasSize(jobs);
        runs.forEach((job, lines) -> assertThat(lines)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 400).mapToObj(i -> job + " " + kind + " " + i).toList()));
    }

    /** Job 1 cannot finish before job 2 has: completion order puts 2 first, --keep-order puts 1 first. */
    @Test
    void outputFollowsCompletionOrderUnlessKeepOrderIsGiven() {
        String job = "if [ $1 = one ]; then while [ ! -e \"$2\" ]; do sleep 0.01; done; fi; echo $1 a; echo $1 b;"
                + " if [ $1 = two ]; then touch \"$2\"; fi";
        Result unordered = run("", "-j", "2", "sh", "-c", job, "sh", "{}", p("two-done"), ":::", "one", "two");
        assertThat(unordered.out()).isEqualTo("two a\ntwo b\none a\none b\n");

        Result ordered = run("", "-j", "2", "--keep-order", "sh", "-c", job, "sh", "{}", p("two-done-k"), ":::", "one", "two");
        assertThat(ordered.out()).isEqualTo("one a\none b\ntwo a\ntwo b\n");
    }

    // ---------------------------------------------------------------- exit status

    @Test
    void theExitStatusIsTheNumberOfFailedJobs() {
        Result r = run("", "sh", "-c", "exit $1", "sh", ":::", "0", "1", "2", "0", "3");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void theExitStatusStopsAt101() {
        List<String> args = new ArrayList<>(List.of("false", ":::"));
        IntStream.rangeClosed(1, 103).forEach(i -> args.add(Integer.toString(i)));
        assertThat(run("", args.toArray(String[]::new)).exitCode()).isEqualTo(101);
        assertThat(run("", "false", ":::", "1", "2").exitCode()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- ending jobs

    /** A job past its timeout has its whole tree ended, and fails; the run does not wait for it. */
    @Test
    void aJobPastItsTimeoutIsEndedWithItsTreeAndFails() throws Exception {
        Path log = dir.resolve("log");
        Result r = run("", "--timeout", "500ms", "--joblog", log.toString(), "sh", "-c",
                "sleep 60 & echo $! > \"$1\"; echo started; wait", "sh", p("pid-{}"), ":::", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("started\n");
        assertThat(r.millis()).isLessThan(20_000);
        long grandchild = Long.parseLong(Files.readString(dir.resolve("pid-1")).trim());
        assertThat(ProcessTable.awaitGone(grandchild, Duration.ofSeconds(10))).as("the sleep 60 of the job").isTrue();
        String[] line = Files.readAllLines(log).get(1).split("\t");
        assertThat(line[6]).as("Exitval").isEqualTo("-1");
        assertThat(line[7]).as("Signal").isEqualTo("15");
    }

    /** A job that ignores SIGTERM gets SIGKILL after the grace period. */
    @Test
    void aJobThatIgnoresTermIsKilled() throws Exception {
        Path log = dir.resolve("log");
        Result r = run("", "--timeout", "0.3", "--joblog", log.toString(), "sh", "-c", "trap '' TERM; sleep 60; echo survived", "sh", ":::", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("survived");
        assertThat(r.millis()).isLessThan(20_000);
        assertThat(Files.readAllLines(log).get(1).split("\t")[7]).as("Signal").isEqualTo("9");
    }

    /**
     * The job's own process exits at once, but a background process it started keeps the
     * output pipe open for 60 s: the run does not wait for it, and the orphan is killed.
     */
    @Test
    void aGrandchildHoldingThePipeDoesNotHangTheRun() throws Exception {
        Result r = run("", "sh", "-c", "sleep 60 & echo $!", ":::", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.millis()).isLessThan(20_000);
        long orphan = Long.parseLong(r.out().trim());
        assertThat(ProcessTable.awaitGone(orphan, Duration.ofSeconds(10))).as("the orphaned sleep 60").isTrue();
    }

    @Test
    void retriesRunAFailingJobUpToNTimesInAll() throws Exception {
        // Fails on its first two runs, succeeds on the third; counts its runs in a file.
        String job = "n=$(cat \"$1\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$1\"; echo run $n; [ $n -ge 3 ]";
        Result three = run("", "--retries", "3", "sh", "-c", job, "sh", ":::", p("count-a"));
        assertThat(three.exitCode()).isZero();
        assertThat(three.out()).isEqualTo("run 3\n"); // only the last attempt's output
        assertThat(Files.readString(dir.resolve("count-a")).trim()).isEqualTo("3");

        Result two = run("", "--retries", "2", "sh", "-c", job, "sh", ":::", p("count-b"));
        assertThat(two.exitCode()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("count-b")).trim()).isEqualTo("2");

        Result none = run("", "sh", "-c", job, "sh", ":::", p("count-c"));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("count-c")).trim()).isEqualTo("1");
    }

    /**
     * --halt now,fail=1: job 1 fails once job 2 (sleep 60 with a child) is running; job 2's tree
     * is ended at once and jobs 3 to 5 never start.
     */
    @Test
    void haltNowEndsTheRunningJobsAndStartsNoMore() throws Exception {
        Path log = dir.resolve("log");
        String job = "case $1 in"
                + " fail) while [ ! -e \"$2/long-started\" ]; do sleep 0.01; done; exit 1;;"
                + " long) sleep 60 & echo $! > \"$2/long-pid\"; touch \"$2/long-started\"; wait;;"
                + " *) touch \"$2/ran-$1\";; esac";
        Result r = run("", "-j", "2", "--halt", "now,fail=1", "--joblog", log.toString(),
                "sh", "-c", job, "sh", "{}", dir.toString(), ":::", "fail", "long", "x", "y", "z");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.millis()).isLessThan(20_000);
        assertThat(r.err()).contains("halting now: 1 failed (--halt now,fail=1); ending 1 running job");
        long sleep = Long.parseLong(Files.readString(dir.resolve("long-pid")).trim());
        assertThat(ProcessTable.awaitGone(sleep, Duration.ofSeconds(10))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("ran-"));
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        String[] halted = lines.stream().filter(l -> l.startsWith("2\t")).findFirst().orElseThrow().split("\t");
        assertThat(halted[6]).isEqualTo("-1");
        assertThat(halted[7]).isEqualTo("15");
    }

    /**
     * --halt soon,fail=1: once job 1 has failed no job starts, but job 2, already running, is
     * waited for; the test lets it finish only after the halt has been announced.
     */
    @Test
    void haltSoonWaitsForTheRunningJobsAndStartsNoMore() throws Exception {
        String job = "case $1 in"
                + " fail) while [ ! -e \"$2/long-started\" ]; do sleep 0.01; done; exit 1;;"
                + " long) touch \"$2/long-started\"; while [ ! -e \"$2/release\" ]; do sleep 0.01; done; echo long finished;;"
                + " *) touch \"$2/ran-$1\";; esac";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> run("", err, "-j", "2", "--halt", "soon,fail=1",
                "sh", "-c", job, "sh", "{}", dir.toString(), ":::", "fail", "long", "x", "y"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!err.toString(StandardCharsets.UTF_8).contains("halting: 1 failed (--halt soon,fail=1); starting no more jobs,"
                + " waiting for 1 running job")) {
            assertThat(System.nanoTime() - deadline).as("the halt message; err so far: %s", err).isNegative();
            Thread.sleep(10);
        }
        Files.createFile(dir.resolve("release"));
        Result r = running.get(30, TimeUnit.SECONDS);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("long finished\n");
        assertThat(dir.resolve("ran-x")).doesNotExist();
        assertThat(dir.resolve("ran-y")).doesNotExist();
    }

    // ---------------------------------------------------------------- job log and resume

    @Test
    void theJobLogHasGnuParallelsColumnsAndALinePerJob() throws Exception {
        Path log = dir.resolve("log");
        Result r = run("", "-k", "--joblog", log.toString(), "sh", "-c", "echo out-$1; exit $1", "sh", ":::", "0", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.getFirst()).isEqualTo("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand");
        assertThat(lines).hasSize(3);
        Map<String, String[]> bySeq = new LinkedHashMap<>();
        for (String line : lines.subList(1, 3)) {
            assertThat(line).matches("\\d+\t:\t\\d{10}\\.\\d{3}\t\\d+\\.\\d{3}\t0\t\\d+\t-?\\d+\t\\d+\t.+");
            String[] f = line.split("\t");
            bySeq.put(f[0], f);
        }
        assertThat(bySeq.get("1")[5]).as("Receive").isEqualTo("6");
        assertThat(bySeq.get("1")[6]).isEqualTo("0");
        assertThat(bySeq.get("2")[6]).isEqualTo("3");
        assertThat(bySeq.get("2")[7]).isEqualTo("0");
        assertThat(bySeq.get("2")[8]).isEqualTo("sh -c 'echo out-$1; exit $1' sh 3");
    }

    @Test
    void resumeSkipsTheJobsTheLogHasAndResumeFailedRerunsTheFailedOnes() throws Exception {
        Path log = dir.resolve("log");
        Path ran = dir.resolve("ran");
        String job = "echo $1 >> \"$2\"; [ $1 != 2 ]";
        Result first = run("", "-j", "1", "--joblog", log.toString(), "sh", "-c", job, "sh", "{}", ran.toString(), ":::", "1", "2", "3");
        assertThat(first.exitCode()).isEqualTo(1);

        Result resumed = run("", "-j", "1", "--joblog", log.toString(), "--resume",
                "sh", "-c", job, "sh", "{}", ran.toString(), ":::", "1", "2", "3", "4", "5");
        assertThat(resumed.exitCode()).isZero();
        assertThat(Files.readAllLines(ran)).containsExactly("1", "2", "3", "4", "5");

        Result again = run("", "-j", "1", "--joblog", log.toString(), "--resume-failed",
                "sh", "-c", job, "sh", "{}", ran.toString(), ":::", "1", "2", "3", "4", "5");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(ran)).containsExactly("1", "2", "3", "4", "5", "2");
        assertThat(JobLog.done(log, false)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(JobLog.done(log, true)).containsExactlyInAnyOrder(1L, 3L, 4L, 5L);
        assertThat(Files.readAllLines(log).stream().filter(l -> l.startsWith("Seq\t")).count()).as("one header").isEqualTo(1);
    }

    /** With --keep-order, a job the log already has leaves no gap that later jobs wait behind. */
    @Test
    void keepOrderSkipsOverResumedJobs() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, JobLog.HEADER + "\n2\t:\t1765058463.123\t0.001\t0\t0\t0\t0\techo b\n");
        Result r = run("", "-j", "2", "-k", "--joblog", log.toString(), "--resume", "echo", ":::", "a", "b", "c", "d");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("a\nc\nd\n");
        assertThat(JobLog.done(log, false)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void haltOnSuccessStopsAfterThatManySucceeded() {
        Result r = run("", "-j", "1", "--halt", "soon,success=2", "sh", "-c", "echo $1; [ $1 != bad ]", "sh", ":::", "bad", "ok1", "ok2", "ok3");
        assertThat(r.exitCode()).isEqualTo(1); // the one failure
        assertThat(r.out()).isEqualTo("bad\nok1\nok2\n");
        assertThat(r.err()).contains("halting: 2 succeeded (--halt soon,success=2)");
    }

    @Test
    void withoutACommandEachArgumentIsAShellCommand() {
        Result r = run("", "-k", ":::", "echo one | tr a-z A-Z", "exit 3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("ONE\n");
    }

    // ---------------------------------------------------------------- bad usage

    @Test
    void badUsageSaysWhatIsWrongAndExitsWith255() {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("-j", "-1", "true", ":::", "a"), "-j must be at least 1, not -1");
        cases.put(List.of("-j", "0", "true", ":::", "a"), "-j must be at least 1, not 0");
        cases.put(List.of("--nosuch", "true", ":::", "a"), "Unknown option: '--nosuch'");
        cases.put(List.of("--halt", "now,fail=0", "true", ":::", "a"), "invalid --halt 'now,fail=0'");
        cases.put(List.of("--timeout", "-5", "true", ":::", "a"), "--timeout must be above zero, not '-5'");
        cases.put(List.of("--retries", "-2", "true", ":::", "a"), "--retries must be 0 or more, not -2");
        cases.put(List.of("--resume", "true", ":::", "a"), "--resume needs --joblog FILE");
        cases.put(List.of("echo", "{2}", ":::", "a"), "the command uses input source 2 ({2}), but there is 1");
        cases.put(List.of("echo", "::::", "/no/such/file"), "cannot read the input file /no/such/file");
        cases.forEach((args, message) -> {
            Result r = run("", args.toArray(String[]::new));
            assertThat(r.exitCode()).as("%s", args).isEqualTo(255);
            assertThat(r.err()).as("%s", args).contains(message);
        });
    }

    @Test
    void aJobLogThatCannotBeWrittenIsAnErrorOfTheRunnerItself() {
        Result r = run("", "--joblog", dir.toString(), "true", ":::", "a");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.err()).startsWith("weft parallel: job log " + dir).doesNotContain("\tat ");
    }

    @Test
    void optionsAfterTheCommandBelongToTheCommand() {
        Result r = run("", "-k", "echo", "-j", "--nosuch", ":::", "x");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("-j --nosuch x\n");
    }

    @Test
    void noArgumentsNoJobs() {
        Result r = run("", "echo");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }
}
