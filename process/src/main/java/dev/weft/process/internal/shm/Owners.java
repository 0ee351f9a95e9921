package dev.weft.process.internal.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How a lock word names its owner process and how a waiter tells whether that process is still
 * alive. An owner is its process id (high 32 bits) and the low 32 bits of its start time (field 22
 * of {@code /proc/PID/stat}, in clock ticks since boot), so that a process id reused by a new
 * process does not pass for the dead owner. Not API.
 */
final class Owners {
    private Owners() {}

    /** This process, as lock words name it. */
    static final long SELF = owner(ProcessHandle.current().pid());

    private static long owner(long pid) {
        long start = startTime(pid);
        return (pid << 32) | (start & 0xFFFF_FFFFL);
    }

    /**
     * Whether {@code owner} is a live process: it exists, is not a zombie (it exited and awaits its
     * parent's wait), and started when the owner did.
     */
    static boolean alive(long owner) {
        long pid = owner >>> 32;
        String stat = stat(pid);
        if (stat == null) {
            return false;
        }
        if (stat.isEmpty()) {
            return true;
        }
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
        char state = fields[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return false;
        }
        return (Long.parseLong(fields[19]) & 0xFFFF_FFFFL) == (owner & 0xFFFF_FFFFL);
    }

    /** The process id in {@code owner}. */
    static long pid(long owner) {
        return owner >>> 32;
    }

    private static long startTime(long pid) {
        String stat = stat(pid);
        if (stat == null) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat");
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[19]);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return ""; // unreadable but there: alive, so that two holders are never let in at once
        }
    }
}
