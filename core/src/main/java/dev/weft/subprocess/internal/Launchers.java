package dev.weft.subprocess.internal;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.internal.posix.PosixSpawnLauncher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Chooses the {@link Launcher} for a {@link LaunchMechanism}. Not API. */
public final class Launchers {
    private Launchers() {}

    /** The system property that overrides {@link #preferred()}. */
    public static final String PROPERTY = "weft.subprocess.launchMechanism";

    private static final class Holder {
        // Probed once: the answer cannot change while the JVM runs.
        static final Optional<String> POSIX_UNAVAILABLE = PosixSpawnLauncher.unavailableReason();
        static final LaunchMechanism PREFERRED = choose();

        private static LaunchMechanism choose() {
            String forced = System.getProperty(PROPERTY);
            if (forced != null && !forced.isBlank()) {
                try {
                    return LaunchMechanism.valueOf(forced.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("system property " + PROPERTY + " must be POSIX_SPAWN or JDK, not " + forced);
                }
            }
            return POSIX_UNAVAILABLE.isEmpty() ? LaunchMechanism.POSIX_SPAWN : LaunchMechanism.JDK;
        }
    }

    /** See {@link LaunchMechanism#preferred()}. */
    public static LaunchMechanism preferred() {
        return Holder.PREFERRED;
    }

    /** See {@link LaunchMechanism#isAvailable()}. */
    public static boolean isAvailable(LaunchMechanism mechanism) {
        return mechanism == LaunchMechanism.JDK || Holder.POSIX_UNAVAILABLE.isEmpty();
    }

    /** Why {@link LaunchMechanism#POSIX_SPAWN} cannot be used here, if it cannot. */
    public static Optional<String> posixSpawnUnavailableReason() {
        return Holder.POSIX_UNAVAILABLE;
    }

    /**
     * The launcher for {@code mechanism}.
     *
     * @throws LaunchException naming {@code args} if the mechanism cannot be used in this JVM
     */
    public static Launcher get(LaunchMechanism mechanism, List<String> args) {
        return switch (mechanism) {
            case JDK -> JdkLauncher.INSTANCE;
            case POSIX_SPAWN -> {
                if (Holder.POSIX_UNAVAILABLE.isPresent()) {
                    throw new LaunchException(args, null, "the POSIX_SPAWN launch mechanism is not available: " + Holder.POSIX_UNAVAILABLE.get(), null);
                }
                yield PosixSpawnLauncher.INSTANCE;
            }
        };
    }
}
