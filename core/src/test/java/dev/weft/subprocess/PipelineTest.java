package dev.weft.subprocess;

import static dev.weft.subprocess.Mechanisms.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Pipeline#run}: stages joined by pipes, one timeout, every returncode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipelineTest {
    private static final String ALL = "dev.weft.subprocess.Mechanisms#available";

    @ParameterizedTest
    @MethodSource(ALL)
    void inputFlowsThroughEveryStage(LaunchMechanism m) throws Exception {
        CompletedPipeline<String> r = Pipeline.run(
                List.of(List.of("sort"), List.of("uniq", "-c"), List.of("sort", "-rn"), List.of("head", "-n", "1")),
                with(m).input("b\na\nb\nc\nb\n").stdout(Redirect.PIPE).text());

        assertThat(r.stdout().trim()).isEqualTo("3 b");
        assertThat(r.returncodes()).containsExactly(0, 0, 0, 0);
        assertThat(r.stages()).hasSize(4);
        assertThat(r.stages().getFirst().stdout()).isNull();
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void eachStageReportsItsOwnReturncodeAndStderr(LaunchMechanism m) throws Exception {
        CompletedPipeline<String> r = Pipeline.run(
                List.of(List.of("sh", "-c", "echo data; echo first >&2; exit 4"), List.of("sh", "-c", "cat; echo second >&2")),
                with(m).captureOutput().text());

        assertThat(r.returncodes()).containsExactly(4, 0);
        assertThat(r.returncode()).isZero();
        assertThat(r.stdout()).isEqualTo("data\n");
        assertThat(r.stages().get(0).stderr()).isEqualTo("first\n");
        assertThat(r.stages().get(1).stderr()).isEqualTo("second\n");
        assertThatThrownBy(r::checkReturncodes).isInstanceOfSatisfying(CalledProcessException.class,
                e -> assertThat(e.returncode()).isEqualTo(4));
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void checkFailsThePipelineOnAnyStage(LaunchMechanism m) {
        assertThatThrownBy(() -> Pipeline.run(List.of(List.of("false"), List.of("cat")), with(m).stdout(Redirect.DEVNULL).check()))
                .isInstanceOfSatisfying(CalledProcessException.class, e -> assertThat(e.args()).containsExactly("false"));
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aStageThatStopsReadingEndsTheOneBeforeItWithSigpipe(LaunchMechanism m) throws Exception {
        CompletedPipeline<String> r = Pipeline.run(List.of(List.of("yes"), List.of("head", "-n", "3")), with(m).stdout(Redirect.PIPE).text());

        assertThat(r.stdout()).isEqualTo("y\ny\ny\n");
        // posix_spawn joins the stages directly; the JDK pump thread closing the pipe gives the same signal.
        assertThat(r.returncodes().getFirst()).isIn(-13, 141);
        assertThat(r.returncodes().getLast()).isZero();
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void oneTimeoutCoversTheWholePipeline(LaunchMechanism m) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Pipeline.run(List.of(List.of("sleep", "300"), List.of("cat")),
                with(m).stdout(Redirect.PIPE).timeout(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(SubprocessTimeoutException.class, e -> {
                    assertThat(e.args()).containsExactly("sleep", "300", "|", "cat");
                    assertThat(e.stdout()).isEmpty();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void aStageThatCannotStartStopsTheOthers(LaunchMechanism m) {
        assertThatThrownBy(() -> Pipeline.run(List.of(List.of("sleep", "300"), List.of("weft-no-such-program")), with(m)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("weft-no-such-program");
    }

    @Test
    void anEmptyPipelineIsRejected() {
        assertThatThrownBy(() -> Pipeline.run(List.of(), Options.defaults())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pipeline.run(List.of(List.of("true"), List.of()), Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
