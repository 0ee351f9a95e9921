package dev.weft.subprocess;

import static dev.weft.subprocess.Mechanisms.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.subprocess.internal.ProcessTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Subprocess#run} and its relatives, against every available launch mechanism. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunTest {
    private static final String ALL = "dev.weft.subprocess.Mechanisms#available";

    @ParameterizedTest
    @MethodSource(ALL)
    void returnsTheExitStatusAndNoOutputWhenNothingIsCaptured(LaunchMechanism m) throws Exception {
        CompletedProcess<byte[]> ok = Subprocess.run(List.of("true"), with(m));
        CompletedProcess<byte[]> three = Subprocess.run(List.of("sh", "-c", "exit 3"), with(m).stdout(Redirect.DEVNULL));

        assertThat(ok.returncode()).isZero();
        assertThat(ok.stdout()).isNull();
        assertThat(ok.stderr()).isNull();
        assertThat(three.returncode()).isEqualTo(3);
        assertThat(three.args()).containsExactly("sh", "-c", "exit 3");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void capturesBothStreamsAsTextOrBytes(LaunchMechanism m) throws Exception {
        List<String> cmd = List.of("sh", "-c", "printf out; printf err >&2");

        CompletedProcess<String> text = Subprocess.run(cmd, with(m).captureOutput().text());
        CompletedProcess<byte[]> bytes = Subprocess.run(cmd, with(m).captureOutput());

        assertThat(text.stdout()).isEqualTo("out");
        assertThat(text.stderr()).isEqualTo("err");
        assertThat(bytes.stdout()).isEqualTo("out".getBytes(StandardCharsets.US_ASCII));
        assertThat(bytes.stderr()).isEqualTo("err".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void feedsInputAsBytesOrTextInTheChosenEncoding(LaunchMechanism m) throws Exception {
        CompletedProcess<byte[]> bytes = Subprocess.run(List.of("cat"), with(m).input(new byte[] {1, 2, 3}).stdout(Redirect.PIPE));
        CompletedProcess<String> latin = Subprocess.run(List.of("od", "-An", "-tx1"),
                with(m).encoding(StandardCharsets.ISO_8859_1).input("é").stdout(Redirect.PIPE));

        assertThat(bytes.stdout()).containsExactly(1, 2, 3);
        assertThat(latin.stdout().trim()).isEqualTo("e9");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void mergesStderrIntoStdout(LaunchMechanism m) throws Exception {
        CompletedProcess<String> r = Subprocess.run(List.of("sh", "-c", "echo one; echo two >&2; echo three"),
                with(m).stdout(Redirect.PIPE).stderr(Redirect.STDOUT).text());

        assertThat(r.stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(r.stderr()).isNull();
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void redirectsToAndFromFiles(LaunchMechanism m, @TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "from a file\n");
        Path out = dir.resolve("out.txt");

        Subprocess.run(List.of("cat"), with(m).stdin(Redirect.from(in)).stdout(Redirect.to(out)));
        Subprocess.run(List.of("echo", "appended"), with(m).stdout(Redirect.appendTo(out)));
        Subprocess.run(List.of("sh", "-c", "echo to stderr >&2"), with(m).stderr(Redirect.appendTo(out)));

        assertThat(Files.readString(out)).isEqualTo("from a file\nappended\nto stderr\n");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void runsInTheGivenDirectoryWithTheGivenEnvironment(LaunchMechanism m, @TempDir Path dir) throws Exception {
        String pwd = Subprocess.checkOutput(List.of("pwd"), with(m).cwd(dir).text()).trim();
        String replaced = Subprocess.checkOutput(List.of("/usr/bin/env"), with(m).env(Map.of("ONLY", "this")).text());
        String extended = Subprocess.checkOutput(List.of("sh", "-c", "echo \"$WEFT_EXTRA:$HOME\""),
                with(m).putEnv("WEFT_EXTRA", "added").text()).trim();

        assertThat(Path.of(pwd).toRealPath()).isEqualTo(dir.toRealPath());
        assertThat(replaced).isEqualTo("ONLY=this\n");
        assertThat(extended).isEqualTo("added:" + System.getenv("HOME"));
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void checkThrowsCalledProcessExceptionWithTheOutput(LaunchMechanism m) throws Exception {
        List<String> failing = List.of("sh", "-c", "echo partial; echo why >&2; exit 7");

        assertThatThrownBy(() -> Subprocess.run(failing, with(m).captureOutput().text().check()))
                .isInstanceOfSatisfying(CalledProcessException.class, e -> {
                    assertThat(e.returncode()).isEqualTo(7);
                    assertThat(e.args()).isEqualTo(failing);
                    assertThat(e.stdoutText()).isEqualTo("partial\n");
                    assertThat(e.stderrText()).isEqualTo("why\n");
                    assertThat(e).hasMessageContaining("returned non-zero exit status 7");
                });
        assertThatThrownBy(() -> Subprocess.checkCall(failing, with(m).stdout(Redirect.DEVNULL).stderr(Redirect.DEVNULL)))
                .isInstanceOf(CalledProcessException.class);
        assertThatThrownBy(() -> Subprocess.checkOutput(failing, with(m).stderr(Redirect.DEVNULL)))
                .isInstanceOfSatisfying(CalledProcessException.class, e -> assertThat(e.stdout()).asString().isEqualTo("partial\n"));
        assertThat(Subprocess.checkCall(List.of("true"), with(m))).isZero();
        assertThat(Subprocess.call(failing, with(m).captureOutput())).isEqualTo(7);
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void theShellIsUsedOnlyWhenAskedFor(LaunchMechanism m) throws Exception {
        String literal = Subprocess.checkOutput(List.of("echo", "$((1+2)); echo hacked"), with(m).text());
        String shell = Subprocess.checkOutput(Subprocess.shell("echo $((1+2))"), with(m).text());

        assertThat(literal).isEqualTo("$((1+2)); echo hacked\n");
        assertThat(shell).isEqualTo("3\n");
    }

    /** More than 10 MB on each of the three streams at once: stdin, stdout and stderr. */
    @ParameterizedTest
    @MethodSource(ALL)
    void movesTensOfMegabytesThroughAllThreeStreamsAtOnceWithoutDeadlock(LaunchMechanism m) throws Exception {
        int size = 11 * 1024 * 1024;
        byte[] input = new byte[size];
        new Random(36).nextBytes(input);
        // stderr is written by a background job while cat copies stdin to stdout.
        List<String> cmd = List.of("sh", "-c", "head -c " + size + " /dev/zero >&2 & cat; wait");

        CompletedProcess<byte[]> r = Subprocess.run(cmd, with(m).input(input).captureOutput());

        assertThat(r.returncode()).isZero();
        assertThat(r.stdout()).isEqualTo(input);
        assertThat(r.stderr()).hasSize(size).containsOnly(0);
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aTimeoutKillsTheTreeAndCarriesTheOutputSoFar(LaunchMechanism m) throws Exception {
        // The child prints its grandchild's pid, then waits for it: both must die.
        List<String> cmd = List.of("sh", "-c", "sleep 300 & echo $!; wait");
        long start = System.nanoTime();

        SubprocessTimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(SubprocessTimeoutException.class,
                () -> Subprocess.run(cmd, with(m).captureOutput().text().timeout(Duration.ofMillis(500))));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(e).hasMessageContaining("timed out after 500 ms");
        long grandchild = Long.parseLong(e.stdoutText().trim());
        assertThat(ProcessTable.awaitGone(grandchild, Duration.ofSeconds(10))).as("grandchild %d killed", grandchild).isTrue();
    }

    /** A grandchild that keeps stdout open after the child exits cannot make run hang. */
    @ParameterizedTest
    @MethodSource(ALL)
    void anOrphanHoldingThePipeCannotMakeRunHang(LaunchMechanism m) throws Exception {
        CompletedProcess<String> r = Subprocess.run(List.of("sh", "-c", "sleep 300 & echo $!"), with(m).captureOutput().text());

        assertThat(r.returncode()).isZero();
        long orphan = Long.parseLong(r.stdout().trim());
        if (m == LaunchMechanism.POSIX_SPAWN && !dev.weft.subprocess.internal.posix.PosixSpawnLauncher.jvmIsForegroundJob()) {
            // Found through the child's process group, which the JDK launcher cannot use (nor
            // posix_spawn while the JVM is a terminal's foreground job).
            assertThat(ProcessTable.awaitGone(orphan, Duration.ofSeconds(10))).as("orphan %d killed", orphan).isTrue();
        } else {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** An interrupted run leaves nothing behind: the child is killed and reaped before it throws. */
    @ParameterizedTest
    @MethodSource(ALL)
    void anInterruptedRunKillsItsChildFirst(LaunchMechanism m, @TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Subprocess.run(List.of("sh", "-c", "echo $$ > \"$0.tmp\" && mv \"$0.tmp\" \"$0\" && exec sleep 300", pidFile.toString()),
                        with(m).captureOutput());
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(pidFile) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5); // a bounded wait for the child to announce itself
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());

        runner.interrupt();

        assertThat(thrown.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(ProcessTable.isRunning(pid)).as("child %d", pid).isFalse();
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aChildKilledByASignalHasANegativeReturncode(LaunchMechanism m) throws Exception {
        CompletedProcess<byte[]> r = Subprocess.run(List.of("sh", "-c", "kill -KILL $$"), with(m));

        // The JDK reports 128 + 9 and cannot tell it from exit(137); posix_spawn knows.
        assertThat(r.returncode()).isEqualTo(m == LaunchMechanism.POSIX_SPAWN ? -9 : 137);
    }
}
