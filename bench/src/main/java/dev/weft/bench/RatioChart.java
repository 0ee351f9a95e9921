package dev.weft.bench;

import java.util.List;
import java.util.Locale;

/**
 * A chart of the ratios of a run, as a self-contained SVG file that GitHub shows inline: one
 * horizontal bar per comparison on a logarithmic scale, starting at the parity line (ratio 1),
 * green to the right where Weft is ahead, red to the left where it is behind, with each bar's ratio
 * written beside it and a black tick where an issue's ratio target lies.
 *
 * <p>Hand-written SVG, so the bench needs no charting library. The background is painted white so
 * the text stays readable in GitHub's dark theme.
 */
public final class RatioChart {
    private RatioChart() {}

    static final String AHEAD = "#2da44e";
    static final String BEHIND = "#cf222e";
    static final String INK = "#1f2328";
    static final String GRID = "#d0d7de";

    private static final int WIDTH = 960;
    private static final int LABEL_RIGHT = 300;
    private static final int PLOT_LEFT = 320;
    private static final int PLOT_RIGHT = WIDTH - 90; // room for the last bar's ratio
    private static final int TOP = 72;
    private static final int ROW = 24;
    private static final int BAR = 14;

    /**
     * The chart of {@code results}, one bar each in their order.
     *
     * @param title the caption at the top, such as the command and date of the run
     * @param results the comparisons; one whose ratio is not a positive number gets a row saying
     *     so and no bar
     * @return the SVG document
     */
    public static String svg(String title, List<Result> results) {
        Scale scale = Scale.covering(results);
        int height = TOP + results.size() * ROW + 56;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\""
                + " font-size=\"13\">\n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"%s\">%s</text>\n",
                10, INK, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"42\" fill=\"%s\">How many times better Weft is than"
                + " each peer (log scale); right of parity, Weft is ahead.</text>\n", 10, INK));
        axis(svg, scale, TOP + results.size() * ROW);
        for (int i = 0; i < results.size(); i++) {
            row(svg, scale, results.get(i), TOP + i * ROW);
        }
        legend(svg, TOP + results.size() * ROW + 36);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * The chart of {@code results} with a plain title.
     *
     * @param results the comparisons, one bar each
     * @return the SVG document
     */
    public static String svg(List<Result> results) {
        return svg("weft bench", results);
    }

    /** Decade grid lines with their labels, and the parity line. */
    private static void axis(StringBuilder svg, Scale scale, int bottom) {
        for (int exp = scale.lowExponent; exp <= scale.highExponent; exp++) {
            double x = scale.x(Math.pow(10, exp));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                    x, TOP - 8, x, bottom, GRID));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s×</text>\n",
                    x, TOP - 12, INK, decade(exp)));
        }
        double one = scale.x(1);
        svg.append(String.format(Locale.ROOT, "<line class=\"parity\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                + " stroke=\"%s\" stroke-width=\"2\"/>\n", one, TOP - 8, one, bottom + 4, INK));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">parity</text>\n",
                one, bottom + 18, INK));
    }

    /** One comparison: its label, its bar, the target's tick over the bar, and the ratio as text. */
    private static void row(StringBuilder svg, Scale scale, Result r, int top) {
        double ratio = r.ratio();
        boolean drawable = ratio > 0 && !Double.isInfinite(ratio);
        int middle = top + ROW / 2;
        double one = scale.x(1);
        svg.append("<g class=\"comparison\">\n");
        svg.append("<title>").append(escape(r.text())).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" dominant-baseline=\"middle\""
                + " fill=\"%s\">%s</text>\n", LABEL_RIGHT, middle, INK, escape(r.line() + " vs " + r.peer())));
        // The ratio's text goes right of the bar, of parity (for a bar behind, where no label is in
        // the way) and of the target's tick, whichever is furthest right.
        double textX = one + 6;
        if (drawable) {
            double x = scale.x(ratio);
            boolean ahead = ratio >= 1;
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"%s\"/>\n", ahead ? "ahead" : "behind", Math.min(x, one), middle - BAR / 2,
                    Math.max(Math.abs(x - one), 1), BAR, ahead ? AHEAD : BEHIND));
            textX = Math.max(textX, x + 6);
        }
        Target t = r.target();
        if (t != null && t.kind() == Target.Kind.RATIO_AT_LEAST) {
            double tx = scale.x(t.bound());
            svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"%s\" stroke-width=\"3\"><title>target: %s</title></line>\n", tx, middle - BAR / 2 - 3, tx,
                    middle + BAR / 2 + 3, INK, escape(t.describe())));
            textX = Math.max(textX, tx + 6);
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" dominant-baseline=\"middle\" fill=\"%s\">%s</text>\n",
                textX, middle, INK, drawable ? threeDigits(ratio) + "×" : "no ratio"));
        svg.append("</g>\n");
    }

    private static void legend(StringBuilder svg, int y) {
        int x = PLOT_LEFT;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"%s\">Weft ahead</text>\n", x, y - 11, AHEAD, x + 20, y, INK));
        x += 120;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"%s\">Weft behind</text>\n", x, y - 11, BEHIND, x + 20, y, INK));
        x += 130;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"%s\">target ratio from the issues</text>\n", x + 7, y - 13, x + 7, y + 4,
                INK, x + 20, y, INK));
    }

    /** A ratio to three significant digits, enough to read off a chart: 149, 49.5, 0.087. */
    static String threeDigits(double ratio) {
        return java.math.BigDecimal.valueOf(ratio).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String decade(int exp) {
        return exp >= 0 ? "1" + "0".repeat(exp) : "0." + "0".repeat(-exp - 1) + "1";
    }

    /** Text for an SVG element or attribute. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A logarithmic x axis over whole decades that holds parity, every ratio and every ratio target. */
    private record Scale(int lowExponent, int highExponent) {
        static Scale covering(List<Result> results) {
            double low = 1, high = 1;
            for (Result r : results) {
                double ratio = r.ratio();
                if (ratio > 0 && !Double.isInfinite(ratio)) {
                    low = Math.min(low, ratio);
                    high = Math.max(high, ratio);
                }
                if (r.target() != null && r.target().kind() == Target.Kind.RATIO_AT_LEAST) {
                    low = Math.min(low, r.target().bound());
                    high = Math.max(high, r.target().bound());
                }
            }
            // At least one decade either side, so parity is never at an edge.
            int lowExp = Math.min(-1, (int) Math.floor(Math.log10(low)));
            int highExp = Math.max(1, (int) Math.ceil(Math.log10(high)));
            return new Scale(lowExp, highExp);
        }

        double x(double ratio) {
            double f = (Math.log10(ratio) - lowExponent) / (highExponent - lowExponent);
            return PLOT_LEFT + f * (PLOT_RIGHT - PLOT_LEFT);
        }
    }
}
