package dev.weft.subprocess.internal.posix;

import dev.weft.subprocess.LaunchMechanism;

/**
 * Run in a JVM without {@code --enable-native-access}: asks whether the posix_spawn mechanism is
 * available, as the public layer does, and prints the answers. The JVM must print no warning.
 */
public final class NoNativeAccessProbeMain {
    private NoNativeAccessProbeMain() {}

    public static void main(String[] args) {
        System.out.println(LaunchMechanism.preferred());
        System.out.println(LaunchMechanism.POSIX_SPAWN.isAvailable());
        System.out.println(PosixSpawnLauncher.unavailableReason().orElse("available"));
    }
}
