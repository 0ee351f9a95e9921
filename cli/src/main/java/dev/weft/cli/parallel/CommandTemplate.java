package dev.weft.cli.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command given to {@code weft parallel}, with its replacement strings, and how one job's
 * command line is made from it and the job's arguments.
 *
 * <p>There are three forms, chosen once from the words given:
 * <ul>
 *   <li><b>Direct</b> (several words, or one word without shell syntax): the words are the
 *       program and its arguments, run without a shell, as {@code xargs} does. A replacement
 *       string is replaced inside its word, so an argument with spaces, quotes or {@code ;}
 *       stays one argument and means nothing special. A word that is exactly {@code {}} (or
 *       {@code {.}} and the like) becomes one argument per input source.
 *   <li><b>Shell</b> (one word with shell syntax: spaces, {@code | ; & < > ( ) $ `} quotes, globs,
 *       {@code #} or {@code ~}): the word is run by {@code /bin/sh -c}, with every argument put
 *       in as a single-quoted shell word, so the shell sees arguments as data, never as syntax.
 *   <li><b>Input is the command</b> (no words at all, as in GNU parallel): each job's arguments,
 *       joined by spaces, are run by {@code /bin/sh -c} as they are. Only for input you trust.
 * </ul>
 * A command without replacement strings gets {@code {}} appended: {@code gzip} runs
 * {@code gzip ARG}. Immutable and thread-safe.
 */
public final class CommandTemplate {

    /** A piece of a word: literal text or a replacement string. */
    private sealed interface Part permits Text, Slot {}

    private record Text(String text) implements Part {}

    private record Slot(Replacement replacement) implements Part {}

    /** Characters that make a one-word command a shell command (replacement strings aside). */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("[\\s|&;<>()$`\\\\\"'*?\\[#~]");

    /** Words that need no quoting to stand for themselves in a shell command line. */
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@%+:,./-]+");

    private final List<List<Part>> words;
    private final boolean shell;
    private final boolean inputIsCommand;
    private final int highestSource;

    private CommandTemplate(List<List<Part>> words, boolean shell, boolean inputIsCommand, int highestSource) {
        this.words = words;
        this.shell = shell;
        this.inputIsCommand = inputIsCommand;
        this.highestSource = highestSource;
    }

    /**
     * The template for {@code command}, the words before the first {@code :::}.
     *
     * @throws IllegalArgumentException if the first word is empty
     */
    public static CommandTemplate parse(List<String> command) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            return new CommandTemplate(List.of(), true, true, 0);
        }
        if (command.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the command's first word is empty");
        }
        List<List<Part>> words = new ArrayList<>();
        boolean anyReplacement = false;
        int highest = 0;
        for (String word : command) {
            List<Part> parts = new ArrayList<>();
            Matcher m = Replacement.PATTERN.matcher(word);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    parts.add(new Text(word.substring(at, m.start())));
                }
                Replacement r = Replacement.of(m);
                parts.add(new Slot(r));
                highest = Math.max(highest, r.source());
                anyReplacement = true;
                at = m.end();
            }
            if (at < word.length()) {
                parts.add(new Text(word.substring(at)));
            }
            words.add(List.copyOf(parts));
        }
        boolean shell = command.size() == 1
                && SHELL_SYNTAX.matcher(Replacement.PATTERN.matcher(command.getFirst()).replaceAll("")).find();
        if (!anyReplacement) {
            Part all = new Slot(new Replacement(0, Replacement.Kind.WHOLE));
            if (shell) {
                List<Part> only = new ArrayList<>(words.getFirst());
                only.add(new Text(" "));
                only.add(all);
                words.set(0, List.copyOf(only));
            } else {
                words.add(List.of(all));
            }
        }
        return new CommandTemplate(List.copyOf(words), shell, false, highest);
    }

    /** Whether jobs run through {@code /bin/sh -c}. */
    public boolean usesShell() {
        return shell;
    }

    /**
     * Checks that every positional replacement string ({@code {2}}) names one of the
     * {@code sources} input sources.
     *
     * @throws IllegalArgumentException naming the first that does not
     */
    public void checkSources(int sources) {
        if (highestSource > sources) {
            throw new IllegalArgumentException("the command uses input source " + highestSource + " ({" + highestSource
                    + "}), but there " + (sources == 1 ? "is 1" : "are " + sources));
        }
    }

    /**
     * The program and arguments of one job: what is started.
     *
     * @param args the job's arguments, one per input source
     * @param seq the job's sequence number, from 1
     * @param slot the job slot, from 1
     */
    public List<String> argv(List<String> args, long seq, int slot) {
        if (inputIsCommand) {
            return List.of("/bin/sh", "-c", String.join(" ", args));
        }
        if (shell) {
            return List.of("/bin/sh", "-c", render(words.getFirst(), args, seq, slot, true));
        }
        List<String> argv = new ArrayList<>(words.size() + args.size());
        for (List<Part> word : words) {
            if (word.size() == 1 && word.getFirst() instanceof Slot(Replacement r) && r.source() == 0 && r.readsArgument()) {
                for (String a : args) {
                    argv.add(r.apply(a)); // a bare {} is one argument per input source
                }
            } else {
                argv.add(render(word, args, seq, slot, false));
            }
        }
        return argv;
    }

    /**
     * The job's command as a line a shell would run the same way: for {@code --dry-run} and the
     * job log.
     */
    public String display(List<String> args, long seq, int slot) {
        if (inputIsCommand) {
            return String.join(" ", args);
        }
        if (shell) {
            return render(words.getFirst(), args, seq, slot, true);
        }
        List<String> quoted = new ArrayList<>();
        for (String a : argv(args, seq, slot)) {
            quoted.add(shellQuoted(a));
        }
        return String.join(" ", quoted);
    }

    private static String render(List<Part> word, List<String> args, long seq, int slot, boolean quote) {
        StringBuilder b = new StringBuilder();
        for (Part p : word) {
            switch (p) {
                case Text(String text) -> b.append(text);
                case Slot(Replacement r) -> {
                    switch (r.kind()) {
                        case SEQ -> b.append(seq);
                        case SLOT -> b.append(slot);
                        default -> {
                            if (r.source() == 0) {
                                for (int i = 0; i < args.size(); i++) {
                                    b.append(i == 0 ? "" : " ");
                                    String v = r.apply(args.get(i));
                                    b.append(quote ? shellQuoted(v) : v);
                                }
                            } else {
                                String v = r.apply(args.get(r.source() - 1));
                                b.append(quote ? shellQuoted(v) : v);
                            }
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code s} as one shell word: as it is when that is safe, else in single quotes. */
    static String shellQuoted(String s) {
        if (SAFE_WORD.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
