package dev.weft.subprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test fixture: the pipes and pidfds this JVM holds, as {@code "fd -> pipe:[inode]"} entries.
 * Leak checks compare these sets (nothing new may stay open) rather than counts of every
 * descriptor, which the JVM's own files and the cleaners of earlier tests' streams, run by any
 * garbage collection, change at will.
 */
public final class Descriptors {
    private Descriptors() {}

    /** The pipe and pidfd descriptors open now. */
    public static Set<String> pipesAndPidfds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(Descriptors::describe)
                    .filter(d -> d.contains("pipe:") || d.contains("pidfd"))
                    .collect(Collectors.toSet());
        }
    }

    private static String describe(Path fd) {
        try {
            return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
        } catch (IOException closedMeanwhile) {
            return fd.getFileName() + " -> (closed)";
        }
    }
}
