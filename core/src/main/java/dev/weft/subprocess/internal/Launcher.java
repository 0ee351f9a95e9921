package dev.weft.subprocess.internal;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;

/** One way of starting children. Implementations are thread-safe and stateless. Not API. */
public interface Launcher {
    /** Which mechanism this is. */
    LaunchMechanism mechanism();

    /**
     * Starts a child. On success the child is running and registered for clean-up at JVM exit;
     * on failure nothing is left behind (no process, no open descriptor).
     *
     * @throws LaunchException naming the program (and the working directory when that is what
     *     failed) with the operating system's reason
     */
    Child launch(LaunchSpec spec);
}
