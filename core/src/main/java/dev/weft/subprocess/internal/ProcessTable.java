package dev.weft.subprocess.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What Linux's {@code /proc} says about a process, for what {@link ProcessHandle} does not tell:
 * {@code isAlive()} is true for a zombie, which a killed orphan stays for ever in a container
 * without an init to reap it. Not API.
 */
public final class ProcessTable {
    private ProcessTable() {}

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name (which is in parentheses and
     * may hold spaces): index 0 is the state ({@code R}, {@code S}, {@code Z}...), then ppid,
     * pgrp, session, tty_nr, tpgid and the rest. Empty when the file cannot be read (no such
     * process, or no {@code /proc}).
     *
     * @param pid a process id, or {@code "self"}
     */
    public static Optional<String[]> stat(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid} names a process that still runs: it exists and is not a zombie. */
    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !stat(Long.toString(pid)).map(f -> f[0].startsWith("Z")).orElse(false);
    }

    /**
     * Waits at most {@code limit} for {@code pid} to stop running (see {@link #isRunning}),
     * checking every few milliseconds: for a process that was sent {@code SIGKILL}, which the
     * kernel tears down within moments.
     *
     * @return whether it stopped within {@code limit}
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
