package dev.weft.cli.parallel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replacement string of a command template, such as {@code {}}, {@code {2/.}} or
 * {@code {#}}, and what it turns an argument into.
 *
 * @param source which input source it reads: 0 for all of them (joined by spaces), 1 for the
 *     first {@code :::} group, and so on; unused by {@link Kind#SEQ} and {@link Kind#SLOT}
 * @param kind what it does to the argument
 */
record Replacement(int source, Kind kind) {

    /** What a replacement string yields. */
    enum Kind {
        /** {@code {}}: the argument as it is. */
        WHOLE,
        /** {@code {.}}: without its extension ({@code dir/a.tar.gz} gives {@code dir/a.tar}). */
        NO_EXTENSION,
        /** {@code {/}}: its last path component ({@code dir/a.txt} gives {@code a.txt}). */
        BASENAME,
        /** {@code {//}}: its directory ({@code dir/a.txt} gives {@code dir}; no slash gives {@code .}). */
        DIRNAME,
        /** {@code {/.}}: its last path component without the extension. */
        BASENAME_NO_EXTENSION,
        /** {@code {#}}: the job's sequence number, from 1. */
        SEQ,
        /** {@code {%}}: the job slot it runs in, from 1 to {@code -j}. */
        SLOT
    }

    /** Every replacement string: an optional source number, then nothing, ., /, // or /.; or # or %. */
    static final Pattern PATTERN = Pattern.compile("\\{(?:(\\d{1,9})?(|\\.|/|//|/\\.)|(#)|(%))\\}");

    /** The replacement string {@code matcher} found. */
    static Replacement of(Matcher matcher) {
        if (matcher.group(3) != null) {
            return new Replacement(0, Kind.SEQ);
        }
        if (matcher.group(4) != null) {
            return new Replacement(0, Kind.SLOT);
        }
        int source = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
        Kind kind = switch (matcher.group(2)) {
            case "" -> Kind.WHOLE;
            case "." -> Kind.NO_EXTENSION;
            case "/" -> Kind.BASENAME;
            case "//" -> Kind.DIRNAME;
            case "/." -> Kind.BASENAME_NO_EXTENSION;
            default -> throw new IllegalStateException("unmatched replacement " + matcher.group());
        };
        return new Replacement(source, kind);
    }

    /** Whether this replacement reads an argument (not the sequence number or the slot). */
    boolean readsArgument() {
        return kind != Kind.SEQ && kind != Kind.SLOT;
    }

    /** What this replacement makes of one argument. */
    String apply(String argument) {
        return switch (kind) {
            case WHOLE -> argument;
            case NO_EXTENSION -> withoutExtension(argument);
            case BASENAME -> basename(argument);
            case DIRNAME -> dirname(argument);
            case BASENAME_NO_EXTENSION -> withoutExtension(basename(argument));
            case SEQ, SLOT -> throw new IllegalStateException(kind + " reads no argument");
        };
    }

    /** Everything after the last slash (empty when the argument ends with one). */
    static String basename(String s) {
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /**
     * The directory part, as dirname(1) gives it: {@code .} when there is no slash, {@code /}
     * for a file at the root, trailing slashes ignored.
     */
    static String dirname(String s) {
        String trimmed = s;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        String dir = trimmed.substring(0, slash);
        while (dir.length() > 1 && dir.endsWith("/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        return dir.isEmpty() ? "/" : dir;
    }

    /**
     * Without the last dot and what follows it, when that dot is in the last path component and
     * does not start it ({@code .bashrc} has no extension; {@code dir.d/file} neither).
     */
    static String withoutExtension(String s) {
        int dot = s.lastIndexOf('.');
        return dot > s.lastIndexOf('/') + 1 ? s.substring(0, dot) : s;
    }
}
