package dev.logitlab.bench;

import java.util.Arrays;

/** Order statistics of a handful of timings: the median, quantiles, and whether a series has settled. */
public final class Stats {
    private Stats() {}

    public static double median(double[] xs) { return quantile(xs, 0.5); }

    /**
     * The q-quantile with linear interpolation between order statistics (numpy's default,
     * Hyndman and Fan's type 7): 0 is the minimum, 1 the maximum, 0.5 the median.
     */
    public static double quantile(double[] xs, double q) {
        if (xs.length == 0) throw new IllegalArgumentException("no values to take a quantile of");
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("q must be in [0, 1], was " + q);
        double[] s = xs.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    public static double min(double[] xs) { return quantile(xs, 0); }

    public static double max(double[] xs) { return quantile(xs, 1); }

    /**
     * Whether a series of repeated measurements has settled: the median of its last {@code k} values
     * and that of the {@code k} before them differ by at most {@code tolerance} (relative to the last).
     */
    public static boolean settled(double[] series, int k, double tolerance) {
        if (k < 1) throw new IllegalArgumentException("k must be positive, was " + k);
        if (series.length < 2 * k) return false;
        int n = series.length;
        double last = median(Arrays.copyOfRange(series, n - k, n));
        double before = median(Arrays.copyOfRange(series, n - 2 * k, n - k));
        return Math.abs(last - before) <= tolerance * Math.abs(last);
    }
}
