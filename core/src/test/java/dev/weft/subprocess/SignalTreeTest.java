package dev.weft.subprocess;

import static dev.weft.subprocess.Mechanisms.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.subprocess.internal.ProcessTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Popen#signalTree} and {@link Options#startNewSession()}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalTreeTest {
    private static final String ALL = "dev.weft.subprocess.Mechanisms#available";

    /** SIGTERM reaches the grandchild too, which Popen.terminate() (the child alone) would not. */
    @ParameterizedTest
    @MethodSource(ALL)
    void termReachesTheChildAndItsDescendants(LaunchMechanism m) throws Exception {
        try (Popen<String> p = new Popen<>(List.of("sh", "-c", "sleep 300 & echo $!; wait"), with(m).stdout(Redirect.PIPE).text())) {
            long grandchild = Long.parseLong(p.stdoutReader().readLine().trim());

            p.signalTree(Signal.TERM);

            assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(-15);
            assertThat(ProcessTable.awaitGone(grandchild, Duration.ofSeconds(10))).as("grandchild %d", grandchild).isTrue();
        }
    }

    /**
     * A process that catches the signal decides for itself: signalTree is not a kill. (The trap
     * writes nothing: the JDK's Process.destroy() closes the parent's ends of the pipes.)
     */
    @ParameterizedTest
    @MethodSource(ALL)
    void aCaughtSignalIsTheChildsToHandle(LaunchMechanism m) throws Exception {
        try (Popen<String> p = new Popen<>(List.of("sh", "-c", "trap 'exit 7' TERM; echo ready; while :; do sleep 0.05; done"),
                with(m).stdout(Redirect.PIPE).text())) {
            assertThat(p.stdoutReader().readLine()).isEqualTo("ready");

            p.signalTree(Signal.TERM);

            assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(7);
        }
    }

    /**
     * After the child has exited, the descendant it orphaned is still in the child's process
     * group, and the group is signalled: what a job runner needs for a job whose background
     * process outlives it.
     */
    @Test
    void anOrphanLeftInTheGroupIsReachedAfterTheChildExited() throws Exception {
        assumeTrue(LaunchMechanism.POSIX_SPAWN.isAvailable());
        Options<String> o = with(LaunchMechanism.POSIX_SPAWN).startNewSession().stdout(Redirect.PIPE).text();
        try (Popen<String> p = new Popen<>(List.of("sh", "-c", "sleep 300 </dev/null >/dev/null 2>&1 & echo $!"), o)) {
            long orphan = Long.parseLong(p.communicate(Duration.ofSeconds(30)).stdout().trim());
            assertThat(p.poll()).hasValue(0);
            assertThat(ProcessTable.isRunning(orphan)).isTrue();

            p.signalTree(Signal.TERM);

            assertThat(ProcessTable.awaitGone(orphan, Duration.ofSeconds(10))).as("orphan %d", orphan).isTrue();
        }
    }

    @Test
    void aNewSessionMakesTheChildLeadItsOwnSessionAndGroup() throws Exception {
        assumeTrue(LaunchMechanism.POSIX_SPAWN.isAvailable());
        Options<String> o = with(LaunchMechanism.POSIX_SPAWN).startNewSession().stdout(Redirect.PIPE).text();
        // /proc/self/stat of the shell itself: fields 5 and 6 are pgrp and session (after "pid (comm) S ppid").
        CompletedProcess<String> r = Subprocess.run(List.of("sh", "-c", "echo $$; cut -d' ' -f5,6 /proc/$$/stat"), o);
        String[] lines = r.stdout().split("\n");
        String pid = lines[0].trim();
        assertThat(lines[1].trim()).isEqualTo(pid + " " + pid);
        assertThat(o.toString()).contains("startNewSession");
    }

    @Test
    void theJdkMechanismRefusesANewSessionWithALaunchException() {
        Options<byte[]> o = with(LaunchMechanism.JDK).startNewSession();
        assertThatThrownBy(() -> new Popen<>(List.of("true"), o))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("a new session needs the POSIX_SPAWN launch mechanism");
    }

    @ParameterizedTest
    @MethodSource(ALL)
    void signallingAReapedChildIsHarmless(LaunchMechanism m) throws Exception {
        try (Popen<byte[]> p = new Popen<>(List.of("true"), with(m))) {
            assertThat(p.waitFor()).isZero();
            p.signalTree(Signal.TERM);
            p.signalTree(Signal.USR1);
            assertThat(p.poll()).hasValue(0);
        }
        assertThatThrownBy(() -> Popen.start(List.of("true")).signalTree(null)).isInstanceOf(NullPointerException.class);
    }
}
