package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTest {

    @Test
    void runsTheTargetInAChildJvmAndReportsExitCodeZero() throws Exception {
        long parent = ProcessHandle.current().pid();
        Process p = new Process(() -> {
            if (ProcessHandle.current().pid() == parent) {
                throw new IllegalStateException("ran in the parent");
            }
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(p.isAlive()).isFalse();
        assertThat(p.pid()).isNotEqualTo(parent);
    }

    @Test
    void aThrowingTargetExitsWithOne() throws Exception {
        Process p = new Process(() -> {
            throw new IllegalArgumentException("boom");
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void systemExitStatusIsTheExitCode() throws Exception {
        Process p = new Process(() -> System.exit(3));
        p.start();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void killedChildHasNegativeSignalExitCode() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        assertThat(p.join(Duration.ofMillis(200))).isFalse();
        assertThat(p.isAlive()).isTrue();
        p.kill();
        p.join();
        assertThat(p.exitCode()).isEqualTo(OptionalInt.of(-9));
    }

    @Test
    void startTwiceIsRefused() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        p.join();
    }
}
