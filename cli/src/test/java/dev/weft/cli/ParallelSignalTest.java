package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.subprocess.internal.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM or SIGINT to a real {@code weft parallel} (a child JVM, as a user runs it): every
 * job's process tree goes with it, grandchildren included.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelSignalTest {

    @TempDir
    Path dir;

    /** SIGTERM (what kill and service managers send) and SIGINT (what Ctrl-C sends). */
    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalToTheRunnerKillsEveryJobsTree(String signal, int exitCode) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Weft.class.getName(),
                "parallel", "-j", "2",
                // Each job: a background sleep (its pid in one file), then itself as a sleep (pid in another).
                "sh", "-c", "sleep 60 & echo $! > \"$2/child-$1\"; echo $$ > \"$2/job-$1\"; wait", "sh", "{}", dir.toString(),
                ":::", "1", "2", "3"));
        Process weft = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("weft-stderr").toFile()).start();
        try {
            List<Path> pidFiles = List.of(dir.resolve("job-1"), dir.resolve("job-2"), dir.resolve("child-1"), dir.resolve("child-2"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (!pidFiles.stream().allMatch(ParallelSignalTest::written)) {
                assertThat(weft.isAlive()).as("weft parallel still runs; its stderr: %s", Files.readString(dir.resolve("weft-stderr"))).isTrue();
                assertThat(System.nanoTime() - deadline).as("both jobs started").isNegative();
                Thread.sleep(20);
            }
            List<Long> pids = new ArrayList<>();
            for (Path f : pidFiles) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
            pids.forEach(pid -> assertThat(ProcessTable.isRunning(pid)).as("pid %d before", pid).isTrue());

            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(weft.pid())).start().waitFor()).isZero();

            assertThat(weft.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(weft.exitValue()).isEqualTo(exitCode);
            for (long pid : pids) {
                assertThat(ProcessTable.awaitGone(pid, Duration.ofSeconds(10))).as("pid %d after SIG%s", pid, signal).isTrue();
            }
            if (written(dir.resolve("job-3"))) { // started in the instant before the JVM stopped dispatching
                assertThat(ProcessTable.awaitGone(Long.parseLong(Files.readString(dir.resolve("job-3")).trim()), Duration.ofSeconds(10))).isTrue();
            }
        } finally {
            weft.descendants().forEach(ProcessHandle::destroyForcibly);
            weft.destroyForcibly();
        }
    }

    private static boolean written(Path f) {
        try {
            return Files.exists(f) && !Files.readString(f).isBlank() && Files.readString(f).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }

}
