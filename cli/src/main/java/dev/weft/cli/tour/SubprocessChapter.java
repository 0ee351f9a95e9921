package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.ms;

import dev.weft.subprocess.CompletedPipeline;
import dev.weft.subprocess.CompletedProcess;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Output;
import dev.weft.subprocess.Pipeline;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Subprocess;
import dev.weft.subprocess.SubprocessTimeoutException;
import dev.weft.subprocess.internal.ProcessTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Python's child processes: {@code dev.weft.subprocess}. */
final class SubprocessChapter implements Chapter {

    /** How much goes through {@code cat}: far more than a pipe holds (64 KiB on Linux), both ways. */
    static final int CAT_BYTES = 20 * 1024 * 1024;

    /** The timeout given to a shell that would otherwise sleep for 30 s. */
    static final Duration TIMEOUT = Duration.ofMillis(200);

    @Override
    public String name() {
        return "subprocess";
    }

    @Override
    public String title() {
        return "child processes: run, communicate without deadlock, timeouts that kill the tree, pipelines";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        out.println("launch mechanism: " + LaunchMechanism.preferred()
                + LaunchMechanism.POSIX_SPAWN.unavailableReason().map(why -> " (POSIX_SPAWN is not available: " + why + ")").orElse(""));
        runAndCapture(out);
        bigInputNoDeadlock(out);
        timeoutKillsTheTree(out);
        pipeline(out);
    }

    /**
     * run with capture_output=True, text=True: both streams and the returncode. Twice, since the
     * first child of a JVM also pays for loading the launcher.
     */
    private static void runAndCapture(PrintWriter out) throws InterruptedException {
        List<String> command = Subprocess.shell("echo out; echo err >&2; exit 3");
        Options<String> options = Options.defaults().captureOutput().text();
        long t0 = System.nanoTime();
        Subprocess.run(command, options);
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        CompletedProcess<String> r = Subprocess.run(command, options);
        long second = System.nanoTime() - t0;
        out.printf(Locale.ROOT, "run(sh -c 'echo out; echo err >&2; exit 3'), output captured as text: returncode %d,"
                + " stdout %s, stderr %s; in %s the first time (loading the launcher too), %s the second%n",
                r.returncode(), quoted(r.stdout()), quoted(r.stderr()), ms(first), ms(second));
    }

    /**
     * 20 MB into cat while 20 MB come back: writing all the input before reading would fill both
     * pipes and hang both processes; communicate does both at once.
     */
    private static void bigInputNoDeadlock(PrintWriter out) throws InterruptedException {
        byte[] data = new byte[CAT_BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 13));
        }
        long t0 = System.nanoTime();
        Output<byte[]> got;
        try (Popen<byte[]> cat = new Popen<>(List.of("cat"), Options.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE))) {
            got = cat.communicate(data, Duration.ofSeconds(60));
        }
        long took = System.nanoTime() - t0;
        out.printf(Locale.ROOT, "communicate: %d MB into cat and %d MB back, %s, in %s (%.0f MB/s each way); no deadlock%n",
                data.length >> 20, got.stdout().length >> 20,
                Arrays.equals(data, got.stdout()) ? "every byte identical" : "bytes DIFFER: WRONG",
                ms(took), data.length / 1e6 / (took / 1e9));
    }

    /**
     * A shell that starts a background sleep (a grandchild) and sleeps itself, with a 200 ms
     * timeout: run kills the whole tree, so neither sleep outlives it, and returns at once.
     */
    private static void timeoutKillsTheTree(PrintWriter out) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            // The shell prints its background child's pid, so that we can look for it afterwards.
            Subprocess.run(Subprocess.shell("sleep 30 & echo $!; sleep 30"),
                    Options.defaults().stdout(Redirect.PIPE).text().timeout(TIMEOUT));
            out.println("timeout: the shell finished within " + ms(TIMEOUT.toNanos()) + ": WRONG");
        } catch (SubprocessTimeoutException e) {
            long took = System.nanoTime() - t0;
            long grandchild = Long.parseLong(e.stdoutText().strip());
            out.printf(Locale.ROOT, "run(sh -c 'sleep 30 & echo $!; sleep 30', timeout %s): %s after %s; the background"
                    + " sleep (grandchild %d) %s%n", ms(TIMEOUT.toNanos()), e.getClass().getSimpleName(), ms(took),
                    grandchild, ProcessTable.awaitGone(grandchild, Duration.ofSeconds(5)) ? "was killed too" : "is STILL RUNNING: WRONG");
        }
    }

    /** Two stages joined by a pipe, and what each returned; grep returns 1 when nothing matched. */
    private static void pipeline(PrintWriter out) throws InterruptedException {
        Options<String> opts = Options.defaults().stdout(Redirect.PIPE).text();
        CompletedPipeline<String> sevens = Pipeline.run(List.of(List.of("seq", "1", "100000"), List.of("grep", "-c", "7")), opts);
        long expected = IntStream.rangeClosed(1, 100_000).filter(i -> Integer.toString(i).indexOf('7') >= 0).count();
        CompletedPipeline<String> none = Pipeline.run(List.of(List.of("seq", "1", "100000"), List.of("grep", "-c", "x")), opts);
        out.printf(Locale.ROOT, "Pipeline.run(seq 1 100000 | grep -c 7): %s (%s), returncodes %s;"
                        + " | grep -c x: %s, returncodes %s%n",
                sevens.stdout().strip(), sevens.stdout().strip().equals(Long.toString(expected)) ? "right" : "WRONG",
                sevens.returncodes(), none.stdout().strip(), none.returncodes());
    }

    private static String quoted(String s) {
        return "'" + s.replace("\n", "\\n") + "'";
    }
}
