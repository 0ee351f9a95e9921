package dev.weft.cli.parallel;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When {@code --halt} stops a run early: after {@code count} jobs have failed (or succeeded),
 * either at once, killing the jobs still running ({@link When#NOW}), or by starting no more jobs
 * and letting the running ones finish ({@link When#SOON}).
 *
 * @param when how the run stops, or {@link When#NEVER}
 * @param onFailure whether failures are counted (else successes)
 * @param count how many of them stop the run (at least 1)
 */
public record HaltPolicy(When when, boolean onFailure, int count) {

    /** How a halted run stops. */
    public enum When {
        /** Never halt: run every job (the default). */
        NEVER,
        /** Start no more jobs; wait for the running ones. */
        SOON,
        /** Start no more jobs; kill the running ones' process trees. */
        NOW
    }

    /** The default: run every job whatever happens. */
    public static final HaltPolicy NEVER = new HaltPolicy(When.NEVER, true, Integer.MAX_VALUE);

    private static final Pattern SPEC = Pattern.compile("(now|soon),(fail|success)=([1-9][0-9]{0,8})");

    public HaltPolicy {
        Objects.requireNonNull(when, "when");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }

    /**
     * Parses a {@code --halt} value: {@code never}, {@code now,fail=N}, {@code soon,fail=N},
     * {@code now,success=N}, {@code soon,success=N}, or GNU parallel's older numbers {@code 0}
     * (never), {@code 1} ({@code soon,fail=1}) and {@code 2} ({@code now,fail=1}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static HaltPolicy parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "never", "0" -> {
                return NEVER;
            }
            case "1" -> {
                return new HaltPolicy(When.SOON, true, 1);
            }
            case "2" -> {
                return new HaltPolicy(When.NOW, true, 1);
            }
            default -> { }
        }
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid --halt '" + spec + "': use never, now,fail=N, soon,fail=N,"
                    + " now,success=N or soon,success=N (N at least 1)");
        }
        return new HaltPolicy(m.group(1).equals("now") ? When.NOW : When.SOON, m.group(2).equals("fail"), Integer.parseInt(m.group(3)));
    }

    /** Whether the run should halt, given the jobs finished so far. */
    public boolean reached(long failed, long succeeded) {
        return when != When.NEVER && (onFailure ? failed : succeeded) >= count;
    }

    @Override
    public String toString() {
        return when == When.NEVER ? "never" : when.name().toLowerCase(Locale.ROOT) + "," + (onFailure ? "fail" : "success") + "=" + count;
    }
}
