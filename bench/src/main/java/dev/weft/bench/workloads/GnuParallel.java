package dev.weft.bench.workloads;

import dev.weft.bench.BenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure GNU parallel is on the PATH for the {@code parallel} benchmark, installing Debian's
 * {@code parallel} package when it is missing. Another program named {@code parallel} (the one
 * in moreutils) is not GNU parallel and is reported as such, never replaced.
 */
final class GnuParallel {
    private GnuParallel() {}

    private static final String HOW_TO_INSTALL = "install GNU parallel (Debian and Ubuntu: apt-get install parallel;"
            + " elsewhere: https://www.gnu.org/software/parallel/)";

    private static volatile boolean checked;

    /**
     * Returns once {@code parallel --version} says GNU parallel; installs it first with
     * {@code apt-get update && apt-get install -y parallel} if there is no {@code parallel} at
     * all. Blocks for the install (a minute or so at most).
     *
     * @throws BenchException if it is missing and cannot be installed, or is another program
     */
    static synchronized void ensureInstalled() {
        if (checked) {
            return;
        }
        String version = version();
        if (version == null) {
            System.err.println("parallel benchmark: GNU parallel is missing; installing Debian's parallel package");
            String log = run(List.of("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq parallel"));
            version = version();
            if (version == null) {
                throw new BenchException("GNU parallel is missing and apt-get could not install it; " + HOW_TO_INSTALL
                        + (log.isBlank() ? "" : "\napt-get said:\n" + log.strip()));
            }
        }
        if (!version.contains("GNU parallel")) {
            throw new BenchException("the 'parallel' on the PATH is not GNU parallel (moreutils' perhaps): "
                    + version.lines().findFirst().orElse("") + "; " + HOW_TO_INSTALL);
        }
        checked = true;
    }

    /** What {@code parallel --version} prints, or null when there is no such program. */
    private static String version() {
        try {
            Process p = new ProcessBuilder("parallel", "--version").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while looking for GNU parallel", e);
        }
    }

    /** Runs {@code command} and returns its output; failure shows in what follows, not here. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while installing GNU parallel", e);
        }
    }
}
