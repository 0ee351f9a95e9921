package dev.weft.cli.parallel;

import dev.weft.futures.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes each finished job's output as one piece: all its standard output to {@code out} in one
 * write, then all its standard error to {@code err}, under one lock, so two jobs' outputs never
 * interleave. Jobs are written as they finish, or, with {@code keepOrder}, in input order: a job
 * that finishes early waits here until those before it have been written. Also feeds the
 * progress bar and writes {@code weft parallel}'s own messages to {@code err} between jobs'
 * outputs.
 *
 * <p>Thread-safe. Writes block while the output does (a full pipe to a slow reader). A failed
 * write is thrown as {@link UncheckedIOException}.
 */
public final class OutputWriter {
    /** Erases the line the cursor is on: the bar's, before a job's output takes its place. */
    private static final byte[] ERASE_LINE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final OutputStream err;
    private final boolean keepOrder;
    private final ProgressListener bar;
    private final boolean barRedraws;
    private final long total;

    private final TreeMap<Long, JobResult> waiting = new TreeMap<>();
    private final Set<Long> skipped = new HashSet<>();
    private long nextSeq = 1;
    private long done;

    /**
     * @param bar the progress bar, or null for none
     * @param barRedraws whether the bar redraws its line in place (a terminal), so job output
     *     must erase it first
     * @param total how many jobs there are, or -1 when not known
     */
    public OutputWriter(OutputStream out, OutputStream err, boolean keepOrder, ProgressListener bar, boolean barRedraws, long total) {
        this.out = out;
        this.err = err;
        this.keepOrder = keepOrder;
        this.bar = bar;
        this.barRedraws = bar != null && barRedraws;
        this.total = total;
    }

    /** Writes {@code r}'s output now, or once every job before it is written ({@code keepOrder}). */
    public synchronized void finished(JobResult r) {
        done++;
        if (!keepOrder) {
            write(r);
        } else {
            waiting.put(r.seq(), r);
            drainInOrder();
        }
        showProgress();
    }

    /** Records that job {@code seq} will not run ({@code --resume}): nothing waits for it. */
    public synchronized void skipped(long seq) {
        done++;
        if (keepOrder) {
            skipped.add(seq);
            drainInOrder();
        }
    }

    /** Writes a line of {@code weft parallel}'s own to standard error, between jobs' outputs. */
    public synchronized void message(String text) {
        try {
            eraseBar();
            err.write(("weft parallel: " + text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes whatever still waits (jobs after one that never ran, when a halt stopped the run),
     * in order, and ends the bar: full when the total was not known before (standard input),
     * where it stopped when a halt cut the run short.
     */
    public synchronized void finish() {
        for (JobResult r : waiting.values()) {
            write(r);
        }
        waiting.clear();
        if (bar == null || total >= 0 && done >= total) {
            return; // no bar, or it has drawn its finished state already
        }
        if (total < 0) {
            bar.progress(done, done);
        } else if (barRedraws) {
            try {
                err.write(System.lineSeparator().getBytes(StandardCharsets.US_ASCII));
                err.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void drainInOrder() {
        while (true) {
            if (skipped.remove(nextSeq)) {
                nextSeq++;
                continue;
            }
            JobResult r = waiting.remove(nextSeq);
            if (r == null) {
                return;
            }
            write(r);
            nextSeq++;
        }
    }

    private void write(JobResult r) {
        if (r.stdout().length == 0 && r.stderr().length == 0) {
            return;
        }
        try {
            eraseBar();
            if (r.stdout().length > 0) {
                out.write(r.stdout());
                out.flush();
            }
            if (r.stderr().length > 0) {
                err.write(r.stderr());
                err.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output of job " + r.seq() + ": " + e.getMessage(), e);
        }
    }

    private void eraseBar() throws IOException {
        if (barRedraws && done > 0) {
            err.write(ERASE_LINE);
        }
    }

    private void showProgress() {
        if (bar != null) {
            bar.progress(done, total);
        }
    }
}
