package dev.weft.cli.parallel;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code --joblog} file: a header line, then one tab-separated line per finished job, in the
 * columns GNU parallel uses ({@code Seq Host Starttime JobRuntime Send Receive Exitval Signal
 * Command}), so tools written for its job logs read this one. Each line is written and flushed
 * as its job ends, so a run that is killed keeps the lines of the jobs that finished, which is
 * what {@code --resume} needs. Thread-safe.
 */
public final class JobLog implements Closeable {

    /** The header line. */
    public static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand";

    private final BufferedWriter writer;

    private JobLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /**
     * Opens {@code file} for a run: truncated with a new header, or, when {@code append} (for
     * {@code --resume}), kept as it is with lines added (and a header first if it is empty or
     * missing).
     *
     * @throws IOException if it cannot be created or written
     */
    public static JobLog open(Path file, boolean append) throws IOException {
        boolean needsHeader = !append || !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        JobLog log = new JobLog(w);
        if (needsHeader) {
            w.write(HEADER);
            w.newLine();
            w.flush();
        }
        return log;
    }

    /**
     * Appends the line of {@code r} and flushes it.
     *
     * @throws IOException if the file cannot be written
     */
    public synchronized void record(JobResult r) throws IOException {
        writer.write(line(r));
        writer.newLine();
        writer.flush();
    }

    /** The log line of {@code r}, without its line end. */
    static String line(JobResult r) {
        long received = (long) r.stdout().length + r.stderr().length;
        return String.format(Locale.ROOT, "%d\t:\t%d.%03d\t%.3f\t0\t%d\t%d\t%d\t%s",
                r.seq(), r.startMillis() / 1000, r.startMillis() % 1000, r.runtimeNanos() / 1e9,
                received, r.exitValue(), r.signal(), oneLine(r.command()));
    }

    /** A command with tabs or line breaks would break the columns: they are written escaped. */
    private static String oneLine(String command) {
        return command.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * The sequence numbers {@code --resume} skips: those of every job the log at {@code file}
     * records (or, when {@code onlySucceeded}, for {@code --resume-failed}, of those whose last
     * line shows exit value 0 and no signal). Empty when the file does not exist. Lines that are
     * not job lines (the header, a line cut short by a crash) are ignored.
     *
     * @throws IOException if the file exists but cannot be read
     */
    public static Set<Long> done(Path file, boolean onlySucceeded) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        Map<Long, Boolean> succeeded = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", 9);
            if (f.length < 9) {
                continue;
            }
            try {
                long seq = Long.parseLong(f[0]);
                succeeded.put(seq, Integer.parseInt(f[6]) == 0 && Integer.parseInt(f[7]) == 0);
            } catch (NumberFormatException notAJobLine) {
                // the header, or a damaged line
            }
        }
        return succeeded.entrySet().stream().filter(e -> !onlySucceeded || e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
