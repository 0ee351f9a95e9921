package dev.weft.aio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Output;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AsyncSubprocess} and {@link AsyncProcess}, with each launch mechanism this JVM has. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncSubprocessTest {
    private static final Duration MARGIN = Duration.ofSeconds(20);

    static Stream<LaunchMechanism> mechanisms() {
        return Arrays.stream(LaunchMechanism.values()).filter(LaunchMechanism::isAvailable);
    }

    private static Options<byte[]> with(LaunchMechanism m) {
        return Options.defaults().launchMechanism(m);
    }

    private static Options<byte[]> pipes(LaunchMechanism m) {
        return with(m).stdin(Redirect.PIPE).stdout(Redirect.PIPE).stderr(Redirect.PIPE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void communicateRoundTripsThroughCatAndEcho(LaunchMechanism m) {
        Aio.run(() -> {
            AsyncProcess cat = AsyncSubprocess.createSubprocessExec(List.of("cat"), pipes(m));
            assertThat(cat.pid()).isPositive();
            Output<byte[]> out = cat.communicate(bytes("hello, cat\n"));
            assertThat(text(out.stdout())).isEqualTo("hello, cat\n");
            assertThat(out.stderr()).isEmpty();
            assertThat(cat.returncode()).hasValue(0);

            AsyncProcess echo = AsyncSubprocess.createSubprocessExec(List.of("echo", "hi"), with(m).stdout(Redirect.PIPE));
            Output<byte[]> said = echo.communicate();
            assertThat(text(said.stdout())).isEqualTo("hi\n");
            assertThat(said.stderr()).isNull();
            assertThat(echo.waitFor()).isZero();
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void largeInputAndOutputsDoNotDeadlock(LaunchMechanism m) {
        int size = 3 * 1024 * 1024 / 2; // 1.5 MiB, far beyond a pipe's buffer
        byte[] input = new byte[size];
        for (int i = 0; i < size; i++) {
            input[i] = (byte) ('a' + i % 26);
        }
        Aio.run(() -> {
            // cat writes its whole input to stdout and, through tee, to stderr, while we still write
            AsyncProcess p = AsyncSubprocess.createSubprocessShell("tee /dev/stderr", pipes(m));
            Output<byte[]> out = p.communicate(input);
            assertThat(out.stdout()).isEqualTo(input);
            assertThat(out.stderr()).isEqualTo(input);
            assertThat(p.waitFor()).isZero();

            AsyncProcess head = AsyncSubprocess.createSubprocessExec(List.of("head", "-c", "2000000", "/dev/zero"), with(m).stdout(Redirect.PIPE));
            assertThat(head.communicate().stdout()).hasSize(2_000_000);
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void waitForGivesExitCodesAndMinusTheSignalOfAKilledChild(LaunchMechanism m) {
        Aio.run(() -> {
            AsyncProcess three = AsyncSubprocess.createSubprocessShell("exit 3", with(m));
            assertThat(three.waitFor()).isEqualTo(3);
            assertThat(three.returncode()).hasValue(3);

            AsyncProcess sleeper = AsyncSubprocess.createSubprocessExec(List.of("sleep", "60"), with(m));
            assertThat(sleeper.returncode()).isEmpty();
            sleeper.kill();
            assertThat(sleeper.waitFor()).isEqualTo(-9);

            AsyncProcess terminated = AsyncSubprocess.createSubprocessExec(List.of("sleep", "60"), with(m));
            terminated.terminate();
            assertThat(terminated.waitFor()).isEqualTo(-15);

            AsyncProcess signalled = AsyncSubprocess.createSubprocessExec(List.of("sleep", "60"), with(m));
            signalled.sendSignal(Signal.INT);
            assertThat(signalled.waitFor()).isEqualTo(-2);
            return null;
        });
    }

    /**
     * Four children block until the loop writes to them, which it does only after a ticker task
     * has ticked 20 times: so the ticker ran while four tasks waited on pipes.
     */
    @ParameterizedTest
    @MethodSource("mechanisms")
    void concurrentChildrenOnOneLoopLeaveTheLoopFreeWhileTheyWait(LaunchMechanism m) {
        Aio.run(() -> {
            AtomicInteger ticks = new AtomicInteger();
            List<AsyncProcess> cats = new ArrayList<>();
            List<Task<String>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AsyncProcess cat = AsyncSubprocess.createSubprocessExec(List.of("cat"), with(m).stdin(Redirect.PIPE).stdout(Redirect.PIPE));
                cats.add(cat);
                readers.add(Aio.createTask(() -> {
                    int before = ticks.get();
                    String line = text(cat.stdout().readline());
                    return line.strip() + " after " + (ticks.get() - before) + " ticks";
                }));
            }
            while (ticks.get() < 20) {
                Aio.sleep(Duration.ofMillis(1));
                ticks.incrementAndGet();
            }
            for (int i = 0; i < cats.size(); i++) {
                cats.get(i).stdin().write(bytes("child " + i + "\n"));
                cats.get(i).stdin().drain();
                cats.get(i).stdin().close();
            }
            List<String> lines = Aio.timeout(MARGIN, () -> Aio.gather(readers));
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).isEqualTo("child " + i + " after 20 ticks");
            }
            for (AsyncProcess cat : cats) {
                assertThat(cat.waitFor()).isZero();
            }
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void theStreamsOfAChildAreReadAndWrittenLineByLine(LaunchMechanism m) {
        Aio.run(() -> {
            AsyncProcess p = AsyncSubprocess.createSubprocessShell(
                    "while read x; do echo \"out $x\"; echo \"err $x\" >&2; done", pipes(m));
            for (String word : List.of("one", "two")) {
                p.stdin().write(bytes(word + "\n"));
                p.stdin().drain();
                assertThat(text(p.stdout().readline())).isEqualTo("out " + word + "\n");
                assertThat(text(p.stderr().readline())).isEqualTo("err " + word + "\n");
            }
            p.stdin().writeEof();
            assertThat(p.stdout().read(-1)).isEmpty();
            assertThat(p.stdout().atEof()).isTrue();
            assertThat(p.waitFor()).isZero();
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void communicateAfterAReadReturnsTheRestIncludingWhatWasBuffered(LaunchMechanism m) {
        Aio.run(() -> {
            AsyncProcess p = AsyncSubprocess.createSubprocessExec(List.of("printf", "a\\nb\\nc\\n"), with(m).stdout(Redirect.PIPE));
            assertThat(text(p.stdout().readline())).isEqualTo("a\n");
            assertThat(text(p.communicate().stdout())).isEqualTo("b\nc\n");
            assertThat(p.stdout().atEof()).isTrue();
            return null;
        });
    }

    /** A cancelled read of a pipe loses nothing: what arrives afterwards is read next. */
    @ParameterizedTest
    @MethodSource("mechanisms")
    void cancellingATaskReadingAPipeLeavesThePipeUsable(LaunchMechanism m) {
        Aio.run(() -> {
            AsyncProcess cat = AsyncSubprocess.createSubprocessExec(List.of("cat"), with(m).stdin(Redirect.PIPE).stdout(Redirect.PIPE));
            Task<byte[]> reader = Aio.createTask(() -> cat.stdout().readline());
            Aio.sleep(Duration.ZERO);
            reader.cancel();
            cat.stdin().write(bytes("still here\n"));
            cat.stdin().drain();
            assertThatThrownBy(() -> Aio.waitFor(reader, MARGIN)).isInstanceOf(CancellationException.class);

            assertThat(text(cat.stdout().readline())).isEqualTo("still here\n");
            cat.stdin().close();
            cat.stdin().waitClosed();
            assertThat(cat.waitFor()).isZero();
            return null;
        });
    }

    @Test
    void aMissingProgramIsALaunchExceptionAndStreamsThatAreNotPipesAreRefused() {
        Aio.run(() -> {
            assertThatThrownBy(() -> AsyncSubprocess.createSubprocessExec(List.of("/no/such/program-weft")))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageContaining("/no/such/program-weft");
            AsyncProcess p = AsyncSubprocess.createSubprocessExec(List.of("true"), Options.defaults().stdout(Redirect.DEVNULL));
            assertThatThrownBy(p::stdin).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(p::stdout).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> p.communicate(bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(p.waitFor()).isZero();
            return null;
        });
        assertThatThrownBy(() -> AsyncSubprocess.createSubprocessExec(List.of("true")))
                .isInstanceOf(IllegalStateException.class);
    }
}
