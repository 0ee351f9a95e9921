package dev.weft.process.internal.worker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until this JVM's JIT compiler threads have stopped working. Not API.
 *
 * <p>Why: a spare's warm-up makes the JIT compile the methods it ran hot, and that goes on for
 * milliseconds after the warm-up itself; a spare that connected at once and was taken at once had
 * its compiler threads compete with the process's start for the CPUs (on 2 CPUs, a millisecond more
 * on average, and the slowest starts). So a spare connects once its compiler threads have been
 * quiet for a moment.
 *
 * <p>How: on Linux, from the CPU time {@code /proc/self/task/TID/schedstat} reports for the
 * threads named {@code C1 CompilerThre…} and {@code C2 CompilerThre…} (listed once, when the
 * wait begins), sampled every {@link #SAMPLE_MICROS} µs; quiet means less than a tenth of the
 * interval spent, twice in a row.
 * Elsewhere, or when those files cannot be read, it returns at once. Never longer than the bound
 * given.
 */
final class CompilerQuiet {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** The sampling interval. */
    static final long SAMPLE_MICROS = 2000;

    private CompilerQuiet() {}

    /**
     * Returns once the compiler threads have been quiet for two intervals, or after
     * {@code maxMillis}, or at once if their CPU time cannot be read.
     *
     * @return whether they were found quiet (false: the bound passed, or nothing could be read)
     */
    static boolean await(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        // The threads are listed once: sampling only reads their counters, so that waiting
        // allocates next to nothing (a spare's heap pages touched stay in its resident memory).
        List<Path> counters = compilerCounters();
        long before = nanos(counters);
        if (before < 0) {
            return false;
        }
        int quiet = 0;
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(SAMPLE_MICROS * 1000);
            long now = nanos(counters);
            if (now < 0) {
                return false;
            }
            quiet = now - before < SAMPLE_MICROS * 100 ? quiet + 1 : 0; // a tenth of the interval
            if (quiet == 2) {
                return true;
            }
            before = now;
        }
        return false;
    }

    /** The schedstat files of this JVM's compiler threads; empty if there are none or no /proc. */
    static List<Path> compilerCounters() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(TASKS)) {
            return out;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        out.add(task.resolve("schedstat"));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    /** CPU nanoseconds the threads of {@code counters} have used, or -1 if none can be read. */
    static long nanos(List<Path> counters) {
        long total = 0;
        boolean read = false;
        for (Path counter : counters) {
            try {
                String stat = Files.readString(counter);
                int space = stat.indexOf(' ');
                total += Long.parseLong(space < 0 ? stat.strip() : stat.substring(0, space));
                read = true;
            } catch (IOException | RuntimeException e) {
                // a compiler thread that ended (the JVM stops idle ones): its time no longer counts
            }
        }
        return read ? total : -1;
    }
}
