package dev.weft.subprocess;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/** Test fixtures: the launch mechanisms this JVM can use, and waiting for a process to die. */
final class Mechanisms {
    private Mechanisms() {}

    /** Every mechanism available here, so that each test runs against each launcher. */
    static Stream<LaunchMechanism> available() {
        return Arrays.stream(LaunchMechanism.values()).filter(LaunchMechanism::isAvailable);
    }

    static Options<byte[]> with(LaunchMechanism m) {
        return Options.defaults().launchMechanism(m);
    }

    /**
     * Whether process {@code pid} is gone (or a zombie nobody will reap, which counts as dead)
     * within {@code limit}. A bounded wait for a condition that SIGKILL makes true at once.
     */
    static boolean diesWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!alive(pid)) {
                return true;
            }
            Thread.sleep(10);
        }
        return !alive(pid);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(h -> h.isAlive() && !isZombie(pid)).orElse(false);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            // The state is the first field after the command name, which is in parentheses.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
