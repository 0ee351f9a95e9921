package dev.weft.cli.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The engine of {@code weft parallel}: {@code -j} slot threads, each taking the next job from
 * the inputs, running it with a {@link JobExecutor}, recording it in the {@link JobLog} and
 * handing its output to the {@link OutputWriter}, until the inputs end or a halt stops the run.
 *
 * <pre>
 *  Inputs ──next()──&gt; slot 1..j (platform threads) ──JobExecutor──&gt; JobResult
 *    (under one lock;    │  a job already in the job log (--resume) is skipped
 *     stdin read lazily) │
 *                        v
 *              JobLog.record (flushed per job) ──&gt; OutputWriter (whole outputs, in
 *                        │                         completion or input order)
 *                        v
 *              counters ──HaltPolicy reached──&gt; no more jobs; with "now", every running tree
 *                                                gets SIGTERM, then SIGKILL after the grace
 * </pre>
 *
 * One run per instance.
 */
public final class ParallelRunner {

    /**
     * What the command line asked for.
     *
     * @param jobs how many jobs run at once (at least 1)
     * @param timeout how long one attempt of a job may run, or null for no limit
     * @param attempts how many times a failing job is run in all (at least 1)
     * @param halt when to stop early
     */
    public record Settings(int jobs, Duration timeout, int attempts, HaltPolicy halt) {
        public Settings {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1");
            }
            Objects.requireNonNull(halt, "halt");
        }
    }

    /**
     * How a run went.
     *
     * @param ran jobs that were run
     * @param failed jobs that failed (non-zero exit, signal, timeout, could not start)
     * @param skipped jobs skipped because the job log had them ({@code --resume})
     * @param halted whether {@code --halt} stopped the run early
     */
    public record Summary(long ran, long failed, long skipped, boolean halted) {
        /** GNU parallel's exit status: the number of failed jobs, at most 101. */
        public int exitStatus() {
            return (int) Math.min(failed, 101);
        }
    }

    private final CommandTemplate template;
    private final Settings settings;
    private final OutputWriter output;
    private final JobLog log;
    private final Set<Long> skip;
    private final JobExecutor executor;

    private final Object dispatchLock = new Object();
    private final Object countLock = new Object();
    private Inputs inputs; // guarded by dispatchLock
    private long nextSeq = 1; // guarded by dispatchLock
    private long ran; // guarded by countLock
    private long failed; // guarded by countLock
    private long succeeded; // guarded by countLock
    private long skipped; // guarded by countLock
    private volatile boolean stopping;
    private volatile boolean haltingNow;
    private volatile RuntimeException broken;
    private final List<Slot> slots = new ArrayList<>();

    /**
     * @param log the job log, or null for none
     * @param skip sequence numbers not to run ({@code --resume})
     */
    public ParallelRunner(CommandTemplate template, Settings settings, OutputWriter output, JobLog log, Set<Long> skip) {
        this.template = Objects.requireNonNull(template, "template");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.output = Objects.requireNonNull(output, "output");
        this.log = log;
        this.skip = Set.copyOf(skip);
        this.executor = new JobExecutor(template, settings.timeout(), settings.attempts());
    }

    /**
     * Runs every job of {@code inputs} and returns how it went. Blocks until every job has ended
     * and its output has been written.
     *
     * @throws UncheckedIOException if the output or the job log cannot be written (the run stops
     *     starting jobs and waits for the running ones first)
     * @throws InterruptedException if interrupted while waiting; the running jobs' trees are
     *     killed first
     */
    public Summary run(Inputs inputs) throws InterruptedException {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        long known = inputs.total();
        int threads = known >= 0 ? (int) Math.max(1, Math.min(settings.jobs(), known)) : settings.jobs();
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            Slot slot = new Slot(i, this);
            slots.add(slot);
        }
        // On SIGINT or SIGTERM, Weft's own hook kills every job's tree (see ChildRegistry); this
        // one makes the slots start no more jobs meanwhile.
        Thread stopOnExit = Thread.ofPlatform().name("weft-parallel-stop").unstarted(() -> {
            stopping = true;
            haltingNow = true;
        });
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        for (Slot slot : slots) {
            started.add(Thread.ofPlatform().name("weft-parallel-slot-" + slot.number()).start(() -> work(slot)));
        }
        try {
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            stopping = true;
            haltingNow = true;
            slots.forEach(Slot::killForHalt);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook has run or is running
            }
        }
        output.finish();
        if (broken != null) {
            throw broken;
        }
        synchronized (countLock) {
            return new Summary(ran, failed, skipped, stopping);
        }
    }

    boolean haltingNow() {
        return haltingNow;
    }

    /** One slot's loop: the next job, run, recorded, written; until there is none. */
    private void work(Slot slot) {
        try {
            for (Job job = next(); job != null; job = next()) {
                JobResult r = executor.run(job.seq(), job.args(), slot, log != null);
                if (log != null) {
                    log.record(r);
                }
                output.finished(r);
                count(r);
            }
        } catch (IOException e) {
            fail(new UncheckedIOException("cannot write the job log: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private record Job(long seq, List<String> args) {}

    /** The next job to run, or null when the inputs are done or the run is stopping. */
    private Job next() {
        synchronized (dispatchLock) {
            while (!stopping) {
                List<String> args = inputs.next();
                if (args == null) {
                    return null;
                }
                long seq = nextSeq++;
                if (skip.contains(seq)) {
                    synchronized (countLock) {
                        skipped++;
                    }
                    output.skipped(seq);
                    continue;
                }
                return new Job(seq, args);
            }
            return null;
        }
    }

    private void count(JobResult r) {
        boolean haltNow = false;
        String why = null;
        synchronized (countLock) {
            ran++;
            if (r.failed()) {
                failed++;
            } else if (r.succeeded()) {
                succeeded++;
            }
            if (!stopping && settings.halt().reached(failed, succeeded)) {
                stopping = true;
                haltNow = settings.halt().when() == HaltPolicy.When.NOW;
                HaltPolicy h = settings.halt();
                why = (h.onFailure() ? failed + " failed" : succeeded + " succeeded") + " (--halt " + h + ")";
            }
        }
        if (why != null) {
            long running = slots.stream().filter(Slot::busy).count();
            output.message(haltNow
                    ? "halting now: " + why + "; ending " + running + " running job" + (running == 1 ? "" : "s")
                    : "halting: " + why + "; starting no more jobs, waiting for " + running + " running job" + (running == 1 ? "" : "s"));
            if (haltNow) {
                haltNow();
            }
        }
    }

    /** SIGTERM to every running job's tree, the grace period, SIGKILL to what is left. */
    private void haltNow() {
        haltingNow = true;
        slots.forEach(Slot::terminateForHalt);
        long deadline = System.nanoTime() + JobExecutor.TERM_GRACE.toNanos();
        while (slots.stream().anyMatch(Slot::busy) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5); // polling a few slots for a few hundred milliseconds at most
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        slots.forEach(Slot::killForHalt);
    }

    private void fail(RuntimeException e) {
        synchronized (countLock) {
            if (broken == null) {
                broken = e;
            }
            stopping = true;
        }
    }
}
