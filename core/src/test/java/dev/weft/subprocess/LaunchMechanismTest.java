package dev.weft.subprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link LaunchMechanism} says about itself matches what it does. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaunchMechanismTest {

    @Test
    void theJdkMechanismIsAlwaysAvailable() {
        assertThat(LaunchMechanism.JDK.isAvailable()).isTrue();
        assertThat(LaunchMechanism.JDK.unavailableReason()).isEmpty();
    }

    @Test
    void posixSpawnGivesAReasonExactlyWhenItIsUnavailable() {
        assertThat(LaunchMechanism.POSIX_SPAWN.unavailableReason().isEmpty()).isEqualTo(LaunchMechanism.POSIX_SPAWN.isAvailable());
    }

    /** The test JVMs run with native access on Linux, so the fast path is the one they test. */
    @Test
    void theTestJvmsPreferPosixSpawn() throws Exception {
        assertThat(LaunchMechanism.preferred()).as(LaunchMechanism.POSIX_SPAWN.unavailableReason().orElse(""))
                .isEqualTo(LaunchMechanism.POSIX_SPAWN);
        assertThat(Subprocess.run(List.of("true"), Options.defaults()).returncode()).isZero();
    }
}
