package dev.weft.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Plain decimals for the result lines: no units, no grouping, no exponent. */
public final class Format {
    private Format() {}

    /**
     * A figure: whole numbers from 1000 up, else four significant digits ({@code 12345678},
     * {@code 1.934}, {@code 0.01234}).
     *
     * @param x the figure
     * @return its text
     */
    public static String figure(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "NaN";
        }
        if (Math.abs(x) >= 1000) {
            return BigDecimal.valueOf(x).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (x == 0) {
            return "0";
        }
        return BigDecimal.valueOf(x).round(new MathContext(4, RoundingMode.HALF_EVEN))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * A ratio, to three decimals ({@code 47.215}).
     *
     * @param x the ratio
     * @return its text
     */
    public static String ratio(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "NaN";
        }
        return BigDecimal.valueOf(x).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * {@code NAME[/VARIANT] weft=<n> PEER=<n> ratio=<n>}, the contract of DESIGN.md.
     *
     * @param name the {@code NAME[/VARIANT]} part
     * @param peer the peer's name: {@code cpython}, {@code jdk}...
     * @param weft Weft's figure
     * @param peerFigure the peer's figure
     * @param higherIsBetter whether a higher figure is better, which decides how the ratio is taken
     * @return the line
     */
    public static String line(String name, String peer, double weft, double peerFigure, boolean higherIsBetter) {
        double ratio = higherIsBetter ? weft / peerFigure : peerFigure / weft;
        return name + " weft=" + figure(weft) + " " + peer + "=" + figure(peerFigure) + " ratio=" + ratio(ratio);
    }
}
