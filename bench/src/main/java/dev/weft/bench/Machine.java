package dev.weft.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The machine a run was made on, as a report states it: figures mean little without it.
 *
 * @param cores the processors available to the JVM
 * @param cpu the processor's model name, or {@code "unknown CPU"}
 * @param memoryGib the physical memory, in GiB
 * @param os the operating system, its version and architecture
 * @param jdk the JDK that ran Weft and its JVM peers: vendor, VM and version
 * @param python the CPython interpreter of the peers, as in {@code CPython 3.11.7}
 */
public record Machine(int cores, String cpu, double memoryGib, String os, String jdk, String python) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a text component is null
     */
    public Machine {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(python, "python");
    }

    /**
     * This machine, as this JVM sees it.
     *
     * @param python the peers' interpreter version ({@link Bench#pythonVersion()})
     * @return the machine
     */
    public static Machine current(String python) {
        long bytes = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), bytes / (double) (1L << 30),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                python);
    }

    /**
     * One line for a report: {@code 2 cores (AMD EPYC 7B13), 23.4 GiB; Linux 6.8 amd64; ...}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB; %s; %s; %s", cores, cpu, memoryGib, os, jdk, python);
    }

    /** The first model name in {@code /proc/cpuinfo}; a machine without one says so. */
    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through: the report says it does not know
        }
        return "unknown CPU";
    }
}
