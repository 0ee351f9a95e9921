package dev.weft.cli;

import dev.weft.cli.tour.Chapter;
import dev.weft.cli.tour.Chapters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft tour [CHAPTER...]}: one short real workload per chapter, with measured timings. */
@Command(
        name = "tour",
        mixinStandardHelpOptions = true,
        description = "Runs every chapter of Weft that exists (or the ones named): each a short real"
                + " workload that says what it does and prints what it measured.")
final class TourCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "CHAPTER", description = "chapters to run (default: all)")
    List<String> names = List.of();

    @Option(names = "--list", description = "list the chapters and exit")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Chapter c : Chapters.all()) {
                out.printf("%-10s %s%n", c.name(), c.title());
            }
            return 0;
        }
        List<Chapter> chosen = names.isEmpty() ? Chapters.all() : names.stream()
                .map(n -> Chapters.named(n).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "no chapter named '" + n + "'; there are: "
                                + String.join(", ", Chapters.names()))))
                .toList();
        long start = System.nanoTime();
        for (Chapter c : chosen) {
            out.println("== " + c.name() + ": " + c.title());
            c.run(out);
            out.println();
        }
        out.printf("tour done: %d chapters in %.1f s%n", chosen.size(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
