package dev.weft.subprocess;

import static dev.weft.subprocess.Mechanisms.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets a clear exception that names the problem, and starts nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadInputTest {
    private static final String ALL = "dev.weft.subprocess.Mechanisms#available";

    @Test
    void emptyArgsAreRejected() {
        assertThatThrownBy(() -> Subprocess.run(List.of(), Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("args must name a program");
        assertThatThrownBy(() -> Subprocess.run())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Popen.start(List.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("program name is empty");
    }

    @Test
    void aNulInAnArgumentIsRejected() {
        assertThatThrownBy(() -> Subprocess.run("echo", "a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 1 contains a NUL");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aMissingProgramIsNamed(LaunchMechanism m) {
        assertThatThrownBy(() -> Subprocess.run(List.of("weft-no-such-program", "x"), with(m)))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e).hasMessageContaining("'weft-no-such-program'").hasMessageContaining("No such file or directory");
                    assertThat(e.args()).containsExactly("weft-no-such-program", "x");
                });
        assertThatThrownBy(() -> Subprocess.run(List.of("/no/such/dir/prog"), with(m)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("/no/such/dir/prog");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aProgramThatIsNotExecutableIsNamed(LaunchMechanism m, @TempDir Path dir) throws Exception {
        Path script = java.nio.file.Files.writeString(dir.resolve("not-executable.sh"), "echo hi\n");

        assertThatThrownBy(() -> Subprocess.run(List.of(script.toString()), with(m)))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("not-executable.sh")
                .hasMessageContaining("Permission denied");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aMissingWorkingDirectoryIsNamed(LaunchMechanism m, @TempDir Path dir) {
        Path missing = dir.resolve("gone");

        assertThatThrownBy(() -> Subprocess.run(List.of("true"), with(m).cwd(missing)))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.cwd()).isEqualTo(missing);
                    assertThat(e).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
                });
    }

    @Test
    void aNulOrEqualsSignInTheEnvironmentIsRejected() {
        Options<byte[]> o = Options.defaults();

        assertThatThrownBy(() -> o.putEnv("KEY", "va\0lue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'KEY' has a NUL character");
        assertThatThrownBy(() -> o.env(Map.of("K\0EY", "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("illegal environment variable name");
        assertThatThrownBy(() -> o.putEnv("A=B", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A=B'");
        assertThatThrownBy(() -> o.putEnv("", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void negativeTimeoutsAreRejected(LaunchMechanism m) throws Exception {
        Duration negative = Duration.ofMillis(-1);

        assertThatThrownBy(() -> Options.defaults().timeout(negative))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        try (Popen<byte[]> p = new Popen<>(List.of("true"), with(m))) {
            assertThatThrownBy(() -> p.waitFor(negative)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.communicate(negative)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void redirectsThatMakeNoSenseAreRejected(@TempDir Path dir) {
        Options<byte[]> o = Options.defaults();

        assertThatThrownBy(() -> o.stdin(Redirect.STDOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.stdin(Redirect.to(dir.resolve("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.stdout(Redirect.STDOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.stdout(Redirect.from(dir.resolve("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.stderr(Redirect.from(dir.resolve("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.input("x").stdin(Redirect.PIPE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stdin and input");
        assertThatThrownBy(() -> o.stdin(Redirect.DEVNULL).input("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void popenRefusesTheSettingsThatBelongToRun(LaunchMechanism m) {
        assertThatThrownBy(() -> new Popen<>(List.of("true"), with(m).timeout(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("communicate() and waitFor()");
        assertThatThrownBy(() -> new Popen<>(List.of("true"), with(m).check()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Popen<>(List.of("cat"), with(m).input("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void inputToAChildWhoseStdinIsNotAPipeIsRejected(LaunchMechanism m) throws Exception {
        try (Popen<String> p = new Popen<>(List.of("true"), with(m).stdin(Redirect.DEVNULL).text())) {
            assertThatThrownBy(() -> p.communicate("x", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stdin of [true] is not a pipe");
            assertThatThrownBy(p::stdin).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(p::stdout).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a pipe");
        }
    }
}
