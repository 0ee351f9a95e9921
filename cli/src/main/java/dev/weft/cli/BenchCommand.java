package dev.weft.cli;

import dev.weft.bench.Bench;
import dev.weft.bench.BenchException;
import dev.weft.bench.Workload;
import dev.weft.bench.Workloads;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft bench NAME|all [--quick]}: Weft against CPython and the best JVM peer, in one run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a workload in Weft, in CPython (python3, or $WEFT_PYTHON) and in the best JVM peer,"
                    + " each side in a fresh process, and ends with one line per comparison:",
            "  NAME[/VARIANT] weft=<number> PEER=<number> ratio=<number>",
            "where ratio above 1 means Weft is ahead."
        })
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME|all", description = "the workload, or all of them: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--quick", description = "fit each workload in about 20 seconds")
    boolean quick;

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
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name a workload (" + String.join(", ", Workloads.names()) + ") or 'all'");
        }
        List<Workload> chosen = Workloads.selected(name);
        if (chosen.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no workload named '" + name + "'; there are: "
                    + String.join(", ", new Names()));
        }
        Bench bench = Bench.create(out);
        int failures = 0;
        for (Workload w : chosen) {
            try {
                bench.run(w, quick);
            } catch (BenchException e) {
                failures++;
                spec.commandLine().getErr().println("weft bench " + w.name() + ": " + e.getMessage());
            }
            out.println();
        }
        return failures == 0 ? 0 : 1;
    }
}
