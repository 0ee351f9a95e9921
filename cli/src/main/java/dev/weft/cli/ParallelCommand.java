package dev.weft.cli;

import dev.weft.cli.parallel.CommandTemplate;
import dev.weft.cli.parallel.HaltPolicy;
import dev.weft.cli.parallel.Inputs;
import dev.weft.cli.parallel.JobLog;
import dev.weft.cli.parallel.JobTimeout;
import dev.weft.cli.parallel.OutputWriter;
import dev.weft.cli.parallel.ParallelRunner;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft parallel [OPTIONS] COMMAND... ::: ARGS...}: runs a command once per argument, several
 * at a time, as GNU parallel does. The command line is parsed here; the work is done by
 * {@link ParallelRunner} and its helpers in {@code dev.weft.cli.parallel}. See
 * {@code docs/parallel.md}.
 */
@Command(
        name = "parallel",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ParallelCommand.USAGE_ERROR,
        exitCodeOnExecutionException = ParallelCommand.USAGE_ERROR,
        modelTransformer = ParallelCommand.OptionsBeforeTheCommand.class,
        description = {
            "Runs COMMAND once per argument, up to N at a time (GNU parallel's model). Arguments come from"
                    + " ::: groups (several groups: every combination), :::: files, or standard input, one per line.",
            "Replacement strings: {} the argument, {.} without extension, {/} basename, {//} dirname,"
                    + " {/.} basename without extension, {#} job number, {%%} job slot; {1} {2.} ... for one input"
                    + " source. Without any, the argument is appended.",
            "A one-word COMMAND with shell syntax ('echo {} | wc -c') runs through /bin/sh -c with the"
                    + " arguments quoted; otherwise no shell is involved.",
            "Each job's output is written whole, never interleaved with another's."
        },
        footer = {"", "Exit status: the number of failed jobs (at most 101); 255 for bad usage or an error of"
                + " weft parallel itself; 130/143 when interrupted by SIGINT/SIGTERM (every job's tree is killed)."})
final class ParallelCommand implements Callable<Integer> {
    /** GNU parallel's status for an error of its own: above any count of failed jobs. */
    static final int USAGE_ERROR = 255;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "jobs to run at once (default: the number of CPUs, ${DEFAULT-VALUE} here)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "end a job's process tree after DURATION (seconds, or 500ms, 2s, 1.5m, 1h): SIGTERM, then SIGKILL"
                    + " 350 ms later; it counts as failed")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", description = "run a failing job up to N times in all (GNU's meaning; 0 and 1: once)")
    int retries;

    @Option(names = {"-k", "--keep-order"}, description = "write outputs in input order (default: as jobs finish)")
    boolean keepOrder;

    @Option(names = "--joblog", paramLabel = "FILE", description = "record each finished job in FILE (GNU parallel's columns)")
    Path joblog;

    @Option(names = "--resume", description = "skip the jobs the --joblog FILE already records, append to it")
    boolean resume;

    @Option(names = "--resume-failed", description = "as --resume, but run again the jobs it records as failed")
    boolean resumeFailed;

    @Option(names = {"--halt", "--halt-on-error"}, paramLabel = "SPEC",
            description = "stop early: now,fail=N (kill running jobs), soon,fail=N (wait for them), or success=N; default never")
    String halt;

    @Option(names = "--bar", description = "show a progress bar on standard error")
    boolean bar;

    @Option(names = {"--dry-run", "--dryrun"}, description = "print each job's command instead of running it")
    boolean dryRun;

    @Parameters(paramLabel = "COMMAND... ::: ARGS", description = "the command, then ::: arguments (or :::: files)")
    List<String> words = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // The process's own streams unless a test gives others: job output is bytes, written as is.
    private InputStream in;
    private OutputStream out;
    private OutputStream err;

    /** For tests: where arguments are read from and job output goes. */
    void streams(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Options are read only before the command: everything from the first word that is not an
     * option on belongs to the command and its arguments ({@code weft parallel grep -c x ::: f}).
     */
    static final class OptionsBeforeTheCommand implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    @Override
    public Integer call() throws Exception {
        InputStream stdin = in != null ? in : System.in;
        OutputStream stdout = out != null ? out : new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = err != null ? err : new FileOutputStream(FileDescriptor.err);

        ParsedWords parsed = ParsedWords.of(words);
        CommandTemplate template = usage(() -> CommandTemplate.parse(parsed.command()));
        if (jobs < 1) {
            throw usageError("-j must be at least 1, not " + jobs);
        }
        if (retries < 0) {
            throw usageError("--retries must be 0 or more, not " + retries);
        }
        Duration limit = timeout == null ? null : usage(() -> JobTimeout.parse(timeout));
        HaltPolicy haltPolicy = halt == null ? HaltPolicy.NEVER : usage(() -> HaltPolicy.parse(halt));
        if ((resume || resumeFailed) && joblog == null) {
            throw usageError((resumeFailed ? "--resume-failed" : "--resume") + " needs --joblog FILE");
        }

        Inputs inputs = parsed.groups() == null ? Inputs.ofLines(stdin) : Inputs.ofGroups(usage(parsed::groups));
        usage(() -> {
            template.checkSources(inputs.sources());
            return null;
        });

        if (dryRun) {
            return dryRun(template, inputs, stdout);
        }
        Inputs jobsToRun = bar ? inputs.materialized() : inputs;
        boolean terminal = System.console() != null && System.console().isTerminal();
        ProgressBar progress = bar
                ? new ProgressBar(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8)), "weft parallel", terminal)
                : null;
        OutputWriter writer = new OutputWriter(stdout, stderr, keepOrder, progress, terminal, jobsToRun.total());
        try {
            Set<Long> skip = resume || resumeFailed ? JobLog.done(joblog, resumeFailed) : Set.of();
            try (JobLog log = joblog == null ? null : JobLog.open(joblog, resume || resumeFailed)) {
                ParallelRunner runner = new ParallelRunner(template,
                        new ParallelRunner.Settings(jobs, limit, Math.max(1, retries), haltPolicy), writer, log, skip);
                return runner.run(jobsToRun).exitStatus();
            }
        } catch (IOException | UncheckedIOException e) {
            // The job log or the output failed us, not a job: GNU parallel's status for its own errors.
            String what = e instanceof UncheckedIOException u ? u.getMessage() : "job log " + joblog + ": " + e;
            stderr.write(("weft parallel: " + what + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            stderr.flush();
            return USAGE_ERROR;
        }
    }

    private static int dryRun(CommandTemplate template, Inputs inputs, OutputStream stdout) throws IOException {
        long seq = 1;
        for (List<String> args = inputs.next(); args != null; args = inputs.next(), seq++) {
            stdout.write((template.display(args, seq, 1) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        }
        stdout.flush();
        return 0;
    }

    /** The words split at {@code :::} and {@code ::::}: the command, then the input sources. */
    private record ParsedWords(List<String> command, List<String> markers, List<List<String>> raw) {
        static ParsedWords of(List<String> words) {
            List<String> command = new ArrayList<>();
            List<String> markers = new ArrayList<>();
            List<List<String>> raw = new ArrayList<>();
            for (String w : words) {
                if (w.equals(":::") || w.equals("::::")) {
                    markers.add(w);
                    raw.add(new ArrayList<>());
                } else if (raw.isEmpty()) {
                    command.add(w);
                } else {
                    raw.getLast().add(w);
                }
            }
            return new ParsedWords(command, markers, raw);
        }

        /** The input sources, null when there is none (standard input then); files read now. */
        List<List<String>> groups() {
            if (raw.isEmpty()) {
                return null;
            }
            List<List<String>> groups = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                if (markers.get(i).equals(":::")) {
                    groups.add(raw.get(i));
                } else {
                    if (raw.get(i).isEmpty()) {
                        throw new IllegalArgumentException(":::: needs at least one file");
                    }
                    for (String file : raw.get(i)) {
                        groups.add(Inputs.linesOf(Path.of(file))); // each file is an input source of its own
                    }
                }
            }
            return groups;
        }
    }

    private interface Check<T> {
        T get();
    }

    /** Runs a check, turning its complaint into a usage error that names the command. */
    private <T> T usage(Check<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw usageError(e.getMessage());
        }
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
