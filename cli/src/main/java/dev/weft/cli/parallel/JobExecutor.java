package dev.weft.cli.parallel;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.LaunchMechanism;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Output;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Signal;
import dev.weft.subprocess.SubprocessTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs one job: starts its command with standard input from {@code /dev/null} and both outputs
 * into pipes, reads both outputs whole, ends its process tree at the timeout, and runs it again
 * while it fails and attempts remain.
 *
 * <p>Each job starts a new session ({@code setsid}, with the {@code posix_spawn} launch), so its
 * whole tree, including processes it left in the background, is one process group that can be
 * signalled at once and has no terminal to be stopped by. Ending a tree follows GNU parallel's
 * default {@code --termseq} in spirit: {@code SIGTERM} to the whole tree, up to
 * {@link #TERM_GRACE} for it to go, then {@code SIGKILL} to whatever is left. A job whose own
 * process has exited while something it started still holds its output open is given one second
 * (Weft's orphan grace, see {@link Popen}); then that tree is killed too, so it cannot hang the
 * run. Thread-safe: each slot thread calls {@link #run} for its own jobs.
 */
final class JobExecutor {
    /** How long a tree sent SIGTERM has before SIGKILL: GNU parallel's default sequence lasts about as long. */
    static final Duration TERM_GRACE = Duration.ofMillis(350);

    /** The longest the output of a tree that was killed is still read before it is given up. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

    private static final byte[] NOTHING = new byte[0];

    private final CommandTemplate template;
    private final Duration timeout;
    private final int attempts;
    private final Options<byte[]> options;

    /**
     * @param timeout how long one attempt may run, or null for no limit
     * @param attempts how many times a failing job is run in all (at least 1)
     */
    JobExecutor(CommandTemplate template, Duration timeout, int attempts) {
        this.template = template;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        Options<byte[]> o = Options.defaults().stdin(Redirect.DEVNULL).stdout(Redirect.PIPE).stderr(Redirect.PIPE);
        // Only posix_spawn can start a session; without it jobs still get a group of their own
        // unless this JVM is its terminal's foreground job (see LaunchMechanism).
        this.options = LaunchMechanism.preferred() == LaunchMechanism.POSIX_SPAWN ? o.startNewSession() : o;
    }

    /**
     * Runs job {@code seq} with {@code args} in {@code slot}, retrying it while it fails and
     * attempts remain (not once the run is halting). Blocks until its last attempt has ended and
     * its output has been read. Never throws for the job's own failures: they are in the result.
     */
    JobResult run(long seq, List<String> args, Slot slot, boolean describe) {
        List<String> argv = template.argv(args, seq, slot.number());
        String command = describe ? template.display(args, seq, slot.number()) : "";
        JobResult r = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            r = attempt(seq, args, argv, command, attempt, slot);
            if (!r.failed() || slot.haltingNow()) {
                break;
            }
        }
        return r;
    }

    private JobResult attempt(long seq, List<String> args, List<String> argv, String command, int attempt, Slot slot) {
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        Popen<byte[]> p;
        try {
            p = new Popen<>(argv, options);
        } catch (LaunchException e) {
            byte[] why = ("weft parallel: job " + seq + ": " + e.getMessage() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            return new JobResult(seq, args, command, startMillis, System.nanoTime() - start, 127, 0,
                    JobResult.Ending.NOT_STARTED, attempt, NOTHING, why);
        }
        boolean timedOut = false;
        boolean halted;
        Output<byte[]> out;
        try {
            slot.started(p);
            try {
                out = timeout == null ? p.communicate() : p.communicate(timeout);
            } catch (SubprocessTimeoutException e) {
                timedOut = true;
                endTree(p);
                out = drain(p);
            }
        } catch (InterruptedException e) {
            p.kill();
            out = drain(p);
            Thread.currentThread().interrupt();
        } finally {
            halted = slot.ended();
        }
        if (halted) {
            p.kill(); // what ignored the halt's SIGTERM, the job's own process gone or not
        }
        int rc = reap(p);
        p.close();
        long runtime = System.nanoTime() - start;
        JobResult.Ending ending = timedOut ? JobResult.Ending.TIMED_OUT
                : halted && rc != 0 ? JobResult.Ending.HALTED : JobResult.Ending.EXITED;
        int signal = rc < 0 ? -rc : 0;
        int exitValue = ending != JobResult.Ending.EXITED ? -1 : Math.max(rc, 0);
        return new JobResult(seq, args, command, startMillis, runtime, exitValue, signal, ending, attempt,
                orNothing(out.stdout()), orNothing(out.stderr()));
    }

    /**
     * Ends {@code p}'s tree politely: SIGTERM to all of it, up to {@link #TERM_GRACE} for the
     * job's process to exit, then SIGKILL to what is left (a descendant that ignored SIGTERM,
     * the job itself if it did). Blocks for at most the grace period.
     */
    static void endTree(Popen<byte[]> p) {
        p.signalTree(Signal.TERM);
        try {
            p.waitFor(TERM_GRACE);
        } catch (SubprocessTimeoutException stillRunning) {
            // SIGKILL below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.kill();
    }

    /** The rest of the output of a tree that was just killed, read within a bounded time. */
    private static Output<byte[]> drain(Popen<byte[]> p) {
        boolean interrupted = Thread.interrupted();
        try {
            return p.communicate(DRAIN_LIMIT);
        } catch (SubprocessTimeoutException e) {
            p.kill();
            return new Output<>(e.stdout(), e.stderr());
        } catch (InterruptedException e) {
            interrupted = true;
            return new Output<>(NOTHING, NOTHING);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The returncode; after communicate it is known, after a kill it comes within moments. */
    private static int reap(Popen<byte[]> p) {
        var rc = p.poll();
        if (rc.isPresent()) {
            return rc.getAsInt();
        }
        p.kill();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] orNothing(byte[] b) {
        return b == null ? NOTHING : b;
    }
}
