package dev.weft.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and maximum of the figures of one side.
 *
 * @param median the median of the figures (the mean of the middle two for an even count)
 * @param min the smallest figure
 * @param max the largest figure
 * @param count how many figures there were
 */
public record Stats(double median, double min, double max, int count) {

    /**
     * The statistics of {@code figures}.
     *
     * @param figures one side's figures, in any order
     * @return their median, minimum, maximum and count
     * @throws IllegalArgumentException if there are no figures
     */
    public static Stats of(List<Double> figures) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no figures");
        }
        double[] a = figures.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        double median = (n % 2 == 1) ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
        return new Stats(median, a[0], a[n - 1], n);
    }
}
