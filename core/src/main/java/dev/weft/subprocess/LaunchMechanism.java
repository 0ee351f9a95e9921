package dev.weft.subprocess;

import dev.weft.subprocess.internal.Launchers;
import java.util.Optional;

/**
 * How Weft starts a child. Both give the same behaviour through {@link Popen}; they differ in
 * speed and in what the operating system lets them do.
 *
 * <ul>
 *   <li>{@link #POSIX_SPAWN} calls the C library's {@code posix_spawn} through the Foreign Function
 *       and Memory API. glibc implements it with {@code clone(CLONE_VM | CLONE_VFORK)}, so the
 *       parent's memory is never copied, which makes it about twice as fast as the JDK's own
 *       launch on Linux. Weft then owns the child's pipes, waits on a {@code pidfd}, starts each
 *       child as the leader of its own process group (so orphaned grandchildren are found and
 *       killed with the tree), and gets exact returncodes from {@code waitpid}. It needs Linux
 *       with glibc 2.34 or later and the JVM option {@code --enable-native-access=ALL-UNNAMED}
 *       (or the Weft module's name); without that option the JVM would print a warning on first
 *       use, so Weft does not choose it.
 *   <li>{@link #JDK} uses {@link ProcessBuilder}: it works everywhere the JDK runs. The JDK reports
 *       a child killed by signal <i>n</i> as exit value {@code 128 + n}, which a child that
 *       called {@code exit(128 + n)} also gives; Weft reports {@code -n} only when it sent signal
 *       <i>n</i> itself. Other signals than {@code TERM} and {@code KILL} are sent with the
 *       {@code kill} command. Descendants that were orphaned before a kill cannot be found.
 * </ul>
 */
public enum LaunchMechanism {
    /** {@code posix_spawn} through the FFM API: fast, exact, Linux only. */
    POSIX_SPAWN,
    /** {@link ProcessBuilder}: portable. */
    JDK;

    /**
     * {@return the mechanism Weft uses when {@link Options} does not name one: {@link #POSIX_SPAWN} when it
     * is available (see above), else {@link #JDK}} The system property
     * {@code weft.subprocess.launchMechanism} ({@code POSIX_SPAWN} or {@code JDK}) overrides the
     * choice.
     */
    public static LaunchMechanism preferred() {
        return Launchers.preferred();
    }

    /** {@return whether this mechanism can be used in this JVM} {@link #JDK} always can. */
    public boolean isAvailable() {
        return Launchers.isAvailable(this);
    }

    /**
     * {@return why this mechanism cannot be used in this JVM (for example
     * {@code "native access is not enabled: run java with --enable-native-access=ALL-UNNAMED"}), or empty
     * when it can}
     */
    public Optional<String> unavailableReason() {
        return this == JDK ? Optional.empty() : Launchers.posixSpawnUnavailableReason();
    }
}
