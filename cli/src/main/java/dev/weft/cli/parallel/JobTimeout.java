package dev.weft.cli.parallel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --timeout} values: seconds as GNU parallel takes them, or with a unit. */
public final class JobTimeout {
    private JobTimeout() {}

    private static final Pattern VALUE = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ms|s|m|h|d)?");

    /**
     * A duration: a number of seconds ({@code 30}, {@code 2.5}), or a number with one of the
     * units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} ({@code 500ms}, {@code 1.5m}).
     *
     * @throws IllegalArgumentException if it is not one of those, or is not above zero
     */
    public static Duration parse(String text) {
        Matcher m = VALUE.matcher(text.trim());
        if (text.trim().startsWith("-")) {
            throw new IllegalArgumentException("--timeout must be above zero, not '" + text + "'");
        }
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid --timeout '" + text + "': give seconds (30, 2.5) or a number"
                    + " with a unit (500ms, 2s, 1.5m, 1h)");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        long nanosPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        BigDecimal nanos = number.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.signum() <= 0) {
            throw new IllegalArgumentException("--timeout must be above zero, not '" + text + "'");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("--timeout '" + text + "' is too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
