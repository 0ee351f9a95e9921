package dev.weft.subprocess;

import java.util.Arrays;
import java.util.stream.Stream;

/** Test fixtures: the launch mechanisms this JVM can use. */
final class Mechanisms {
    private Mechanisms() {}

    /** Every mechanism available here, so that each test runs against each launcher. */
    static Stream<LaunchMechanism> available() {
        return Arrays.stream(LaunchMechanism.values()).filter(LaunchMechanism::isAvailable);
    }

    static Options<byte[]> with(LaunchMechanism m) {
        return Options.defaults().launchMechanism(m);
    }
}
