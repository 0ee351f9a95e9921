package dev.weft.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The report of a {@code weft bench} run, written into {@code docs/performance.md} and
 * {@code docs/performance.svg}: a table of every comparison (unit, both figures, the ratio, and the
 * target an issue set, met or missed), the date and machine, the result lines exactly as printed,
 * and a chart of the ratios ({@link RatioChart}).
 *
 * <p>{@code performance.md} is mostly written by hand (dated sections with analysis), so the
 * report owns only the part between {@link #BEGIN} and {@link #END}; every run replaces that part
 * and leaves every other byte of the file as it was. A file without the markers gets them, with the
 * report, before its first {@code ## } heading.
 *
 * @param date the day of the run
 * @param command the command that made the run, as typed ({@code weft bench all --quick})
 * @param machine where it ran
 * @param results every comparison measured, in the order printed
 * @param failures one line per workload that failed ({@code "manager: the side cpython failed"})
 */
public record Report(LocalDate date, String command, Machine machine, List<Result> results, List<String> failures) {

    /** The marker before the generated part of {@code performance.md}. */
    public static final String BEGIN = "<!-- weft bench all: begin -->";

    /** The marker after the generated part of {@code performance.md}. */
    public static final String END = "<!-- weft bench all: end -->";

    /** The name of the Markdown file in the docs directory. */
    public static final String MARKDOWN_FILE = "performance.md";

    /** The name of the chart in the docs directory. */
    public static final String CHART_FILE = "performance.svg";

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Report {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(machine, "machine");
        results = List.copyOf(results);
        failures = List.copyOf(failures);
    }

    /**
     * The generated part of {@code performance.md}, markers included, ending with a line break.
     *
     * @return the Markdown text
     */
    public String section() {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("<!-- Written by `weft bench all` or `weft bench --report`: the next run replaces everything"
                + " between these two markers, so edit outside them. -->\n");
        md.append("## Latest generated run\n\n");
        md.append("- Run: `").append(command).append("`, ").append(date).append('\n');
        md.append("- Machine: ").append(machine.describe()).append('\n');
        md.append("- Forked JVMs: `").append(String.join(" ", Bench.FORK_JVM_OPTIONS))
                .append("`, plus each workload's own options\n");
        md.append("- Ratio: how many times better Weft is than the peer (peer/weft for times and memory, weft/peer"
                + " for rates); above 1, Weft is ahead\n\n");
        if (!results.isEmpty()) {
            md.append("![The ratio of each comparison on a log scale: bars to the right of parity (1) mean Weft"
                    + " is ahead](").append(CHART_FILE).append(")\n\n");
            md.append(table()).append('\n');
        }
        if (!failures.isEmpty()) {
            md.append("Failed, so not in the table:\n\n");
            for (String failure : failures) {
                md.append("- ").append(firstLine(failure)).append('\n');
            }
            md.append('\n');
        }
        md.append("The result lines, as printed:\n\n");
        for (Result r : results) {
            md.append("    ").append(r.text()).append('\n');
        }
        if (results.isEmpty()) {
            md.append("    (none)\n");
        }
        md.append('\n').append(END).append('\n');
        return md.toString();
    }

    /**
     * The table of every comparison, one row each, ending with a line break.
     *
     * @return the Markdown table
     */
    public String table() {
        StringBuilder md = new StringBuilder();
        md.append("| comparison | unit | Weft | peer | peer's figure | ratio | target | verdict |\n");
        md.append("|---|---|--:|---|--:|--:|---|---|\n");
        for (Result r : results) {
            md.append("| `").append(cell(r.line())).append("` | ").append(cell(r.unit())).append(" | ")
                    .append(Format.figure(r.weft())).append(" | ").append(cell(r.peer())).append(" | ")
                    .append(Format.figure(r.peerFigure())).append(" | ").append(Format.ratio(r.ratio())).append(" | ")
                    .append(r.target() == null ? "" : cell(r.target().describe())).append(" | ")
                    .append(r.verdict()).append(" |\n");
        }
        return md.toString();
    }

    /**
     * {@code document} with its generated part replaced by {@code section}; every byte outside the
     * markers is kept. Without markers, {@code section} goes before the first {@code ## } heading
     * (at the end if there is none).
     *
     * @param document the current text of {@code performance.md}
     * @param section the new generated part, markers included ({@link #section()})
     * @return the new text
     * @throws IllegalArgumentException if {@code document} has one marker without the other, or
     *     the end before the begin: the report will not guess which hand-written text to replace
     */
    public static String replaceSection(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 && end < 0) {
            int heading = document.startsWith("## ") ? 0 : document.indexOf("\n## ");
            if (heading < 0) {
                String sep = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
                return document + sep + section;
            }
            int at = heading == 0 ? 0 : heading + 1;
            return document.substring(0, at) + section + "\n" + document.substring(at);
        }
        if (begin < 0 || end < 0 || end < begin) {
            throw new IllegalArgumentException("the document has " + (begin < 0 ? "the end marker without the begin one"
                    : end < 0 ? "the begin marker without the end one" : "the end marker before the begin one")
                    + " (" + BEGIN + ", " + END + "): fix it by hand");
        }
        int after = end + END.length();
        if (after < document.length() && document.charAt(after) == '\n') {
            after++; // the section brings its own line break
        }
        return document.substring(0, begin) + section + document.substring(after);
    }

    /**
     * Writes the report into {@code docsDir}: replaces the generated part of
     * {@value #MARKDOWN_FILE} (creating the file if absent) and rewrites {@value #CHART_FILE}. Each
     * file is written whole to a temporary file first and then moved into place, so an interrupted
     * write leaves the old file.
     *
     * @param docsDir the directory (created if absent)
     * @return the Markdown file written
     * @throws IOException if a file cannot be read or written
     * @throws IllegalArgumentException if the Markdown file has broken markers
     *     ({@link #replaceSection})
     */
    public Path write(Path docsDir) throws IOException {
        Files.createDirectories(docsDir);
        Path markdown = docsDir.resolve(MARKDOWN_FILE);
        String old = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "# Performance\n\n";
        String updated = replaceSection(old, section());
        if (!results.isEmpty()) {
            replace(docsDir.resolve(CHART_FILE), RatioChart.svg(command + ", " + date, results));
        }
        replace(markdown, updated);
        return markdown;
    }

    /**
     * Where a report goes when the command line names no directory: the {@code docs} directory of
     * the Weft source checkout that holds {@code start} (a directory whose {@code pom.xml} is Weft's
     * parent POM), else {@code start} itself.
     *
     * @param start the directory to start from, usually the working directory
     * @return the directory to write into
     * @throws IOException if a {@code pom.xml} on the way up cannot be read
     */
    public static Path docsDirectory(Path start) throws IOException {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.isDirectory(dir.resolve("docs"))
                    && Files.readString(pom, StandardCharsets.UTF_8).contains("<artifactId>weft-parent</artifactId>")) {
                return dir.resolve("docs");
            }
        }
        return start;
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
