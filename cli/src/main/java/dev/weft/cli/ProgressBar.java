package dev.weft.cli;

import dev.weft.futures.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A text progress bar fed by a {@link ProgressListener} ({@code map}, {@code asCompleted}):
 * {@code label [##########..........] 20/40}. On a terminal it redraws one line in place; when
 * the output is not a terminal (a log, a test), it prints only the finished bar, so logs stay
 * readable.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final boolean interactive;

    /**
     * A bar that redraws in place only when the JVM has a console.
     *
     * @param out where the bar is drawn
     * @param label the text before the bar
     */
    public ProgressBar(PrintWriter out, String label) {
        this(out, label, System.console() != null);
    }

    /**
     * A bar that redraws in place if {@code interactive}, else prints only its final state.
     *
     * @param out where the bar is drawn
     * @param label the text before the bar
     * @param interactive whether to redraw the bar in place (a terminal) rather than print it once at the end
     *     (a log)
     */
    public ProgressBar(PrintWriter out, String label, boolean interactive) {
        this.out = out;
        this.label = label;
        this.interactive = interactive;
    }

    @Override
    public void progress(long done, long total) {
        boolean finished = total >= 0 && done >= total;
        if (!interactive && !finished) {
            return;
        }
        out.print((interactive ? "\r" : "") + render(done, total) + (finished ? System.lineSeparator() : ""));
        out.flush();
    }

    /** The bar for {@code done} of {@code total} ({@code -1}: not known yet). */
    String render(long done, long total) {
        if (total < 0) {
            return String.format(Locale.ROOT, "%s [%s] %d/?", label, "?".repeat(WIDTH), done);
        }
        int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total);
    }
}
