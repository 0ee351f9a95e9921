package dev.weft.cli;

import dev.weft.bench.Bench;
import dev.weft.bench.BenchException;
import dev.weft.bench.Machine;
import dev.weft.bench.Report;
import dev.weft.bench.Result;
import dev.weft.bench.Workload;
import dev.weft.bench.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft bench NAME...|all [--quick] [--report] [--docs DIR]}: Weft against CPython and the best
 * JVM peer, in one run; {@code all}, or {@code --report}, also writes the run's report into
 * {@code docs/performance.md} and {@code docs/performance.svg} ({@link Report}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a workload in Weft, in CPython (python3, or $WEFT_PYTHON) and in the best JVM peer,"
                    + " each side in a fresh process, and ends with one line per comparison:",
            "  NAME[/VARIANT] weft=<number> PEER=<number> ratio=<number>",
            "where ratio above 1 means Weft is ahead.",
            "",
            "'all' (or --report with any selection) also writes the run's report: a generated section of"
                    + " docs/performance.md, between the markers " + Report.BEGIN + " and " + Report.END
                    + " (the rest of the file is kept; each run replaces the section whole), and the chart"
                    + " docs/performance.svg. docs/ is that of the Weft checkout holding the working directory,"
                    + " else --docs DIR, else the working directory itself."
        })
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME|all", description = "the workloads, or all of them: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    List<String> names = new ArrayList<>();

    @Option(names = "--quick", description = "fit each workload in about 20 seconds")
    boolean quick;

    @Option(names = "--report", description = "write the report (as 'all' does) for the workloads named")
    boolean report;

    @Option(names = "--docs", paramLabel = "DIR",
            description = "where the report goes (default: docs/ of the checkout holding the working directory)")
    Path docs;

    @Option(names = "--list", description = "list the workloads and exit")
    boolean list;

    @Option(names = "--jmh", arity = "0..1", fallbackValue = ".*", paramLabel = "REGEX",
            description = "run the JMH micro-benchmarks whose names match REGEX instead")
    String jmh;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Names extends ArrayList<String> {
        Names() {
            super(Workloads.names());
            addAll(Workloads.families());
            add("all");
        }
    }

    @Override
    public Integer call() throws RunnerException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Workload w : Workloads.all()) {
                out.printf("%-10s %s%n", w.name(), w.describe(w.settings(false).size()));
            }
            return 0;
        }
        if (jmh != null) {
            new Runner(new OptionsBuilder().include(jmh).build()).run();
            return 0;
        }
        if (names.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name a workload (" + String.join(", ", Workloads.names()) + ") or 'all'");
        }
        Set<Workload> chosen = new LinkedHashSet<>();
        for (String name : names) {
            List<Workload> selected = Workloads.selected(name);
            if (selected.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no workload named '" + name
                        + "'; there are: " + String.join(", ", new Names()));
            }
            chosen.addAll(selected);
        }
        Bench bench = Bench.create(out);
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Workload w : chosen) {
            try {
                results.addAll(bench.run(w, quick));
            } catch (BenchException e) {
                failures.add(w.name() + ": " + e.getMessage());
                spec.commandLine().getErr().println("weft bench " + w.name() + ": " + e.getMessage());
            }
            out.println();
        }
        boolean reported = !(report || names.contains("all")) || writeReport(bench, results, failures);
        return failures.isEmpty() && reported ? 0 : 1;
    }

    /** Writes the report of this run and says where; false (said on stderr) if it cannot. */
    private boolean writeReport(Bench bench, List<Result> results, List<String> failures) {
        PrintWriter out = spec.commandLine().getOut();
        String command = "weft bench " + String.join(" ", names) + (quick ? " --quick" : "");
        String python;
        try {
            python = bench.pythonVersion();
        } catch (BenchException e) {
            python = "no CPython (" + e.getMessage() + ")";
        }
        try {
            Path dir = docs != null ? docs : Report.docsDirectory(Path.of(""));
            Path written = new Report(LocalDate.now(), command, Machine.current(python), results, failures).write(dir);
            out.println("weft bench: wrote the report into " + written.toAbsolutePath()
                    + (results.isEmpty() ? "" : " and its chart " + written.resolveSibling(Report.CHART_FILE).toAbsolutePath()));
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("weft bench: cannot write the report: " + e);
            return false;
        }
        out.flush();
        return true;
    }
}
