package dev.weft.examples.recipes;

import dev.weft.subprocess.CompletedProcess;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Subprocess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Seed 000 (recipes, ch. 10 "Concurrency"), recipe "10-7. Creating a Subprocess" (the book has two
 * recipes numbered 10-7), Listing 10-9 "Spawning a Subprocess": {@code subprocess.run(['ls', '-l'],
 * stdout=subprocess.PIPE)}, then {@code print(results.stdout)}.
 *
 * <p>{@code subprocess.run(args, stdout=subprocess.PIPE)} becomes
 * {@link Subprocess#run(List, Options)} with {@code Options.defaults().stdout(Redirect.PIPE)}. The
 * command is a list, handed to {@code ls} as it is, with no shell to split or expand it. The book
 * prints a {@code bytes} repr ({@code b'total 216\n-rw-rw-r-- ...'}); {@code .text()} (Python's
 * {@code text=True}) makes {@code stdout} a {@code String}, printed as the lines {@code ls} wrote.
 * The result is a {@link CompletedProcess} record, which holds the exit code the book's text
 * mentions as {@code returncode()}.
 *
 * <p>The book lists its notebook's directory. So that the output is the same on every machine,
 * {@link #run(PrintStream)} creates a directory holding three of the book's file names and sizes,
 * lists it (the child runs there: {@code cwd}), and deletes it; {@code main} lists the directory
 * given as its argument instead, if there is one. {@code LC_ALL=C} in the child's environment
 * ({@code putEnv}, on top of the parent's) makes {@code ls} sort byte by byte and print dates the
 * same way whatever the user's locale.
 *
 * <p>Output (the mode, owner, dates and the total of disk blocks vary):
 * <pre>{@code
 * total 44
 * -rw-r--r-- 1 sara sara 15163 Nov 22 06:40 1. Strings and Texts.ipynb
 * -rw-r--r-- 1 sara sara 14336 Nov 22 06:40 10. Concurrency.ipynb
 * -rw-r--r-- 1 sara sara  9856 Nov 22 06:40 11. C and Other Extensions.ipynb
 * returncode 0
 * }</pre>
 */
public final class SpawningSubprocess {
    private SpawningSubprocess() {}

    /** Three files of the book's listing, with their sizes in bytes. */
    static final Map<String, Integer> BOOK_FILES = Map.of(
            "10. Concurrency.ipynb", 14336,
            "11. C and Other Extensions.ipynb", 9856,
            "1. Strings and Texts.ipynb", 15163);

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0) {
            run(System.out, Path.of(args[0]));
        } else {
            run(System.out);
        }
    }

    /** Lists a new directory holding three of the book's files, printing to {@code out}. */
    public static CompletedProcess<String> run(PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("weft-ls-");
        try {
            for (var file : BOOK_FILES.entrySet()) {
                Files.write(dir.resolve(file.getKey()), new byte[file.getValue()]);
            }
            return run(out, dir);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs {@code ls -l} in {@code dir} and prints what it wrote, then its returncode. */
    public static CompletedProcess<String> run(PrintStream out, Path dir) throws InterruptedException {
        CompletedProcess<String> results = Subprocess.run(List.of("ls", "-l"),
                Options.defaults().stdout(Redirect.PIPE).text().cwd(dir).putEnv("LC_ALL", "C"));
        out.print(results.stdout()); // ls ends its output with a newline of its own
        out.println("returncode " + results.returncode());
        return results;
    }
}
