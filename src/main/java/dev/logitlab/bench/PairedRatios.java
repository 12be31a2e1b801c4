package dev.logitlab.bench;

import java.util.Arrays;

/**
 * One figure measured in interleaved pairs (ours, then PyTorch's, again and again): pair i's ratio
 * is how many times faster ours was in that pair, so a ratio above 1 always means LogitLab is ahead,
 * whether the figure is a rate (tokens/s, higher is better) or a time (ms, lower is better). Pairing
 * cancels slow drifts of the machine that a ratio of two separate medians would keep.
 *
 * @param ours our value in each pair, in {@code unit}
 * @param theirs PyTorch's value in the same pairs
 */
public record PairedRatios(String figure, String unit, boolean higherIsBetter, double[] ours, double[] theirs) {
    /** Above this relative spread of the ratios, (max − min) / median, a figure is not to be trusted to a few percent. */
    public static final double SPREAD_LIMIT = 0.15;

    public PairedRatios {
        if (ours.length == 0) throw new IllegalArgumentException(figure + ": no pairs");
        if (ours.length != theirs.length) {
            throw new IllegalArgumentException(figure + ": " + ours.length + " values of ours but " + theirs.length + " of PyTorch's");
        }
        for (double x : ours) checkPositive(figure, x);
        for (double x : theirs) checkPositive(figure, x);
        ours = ours.clone();
        theirs = theirs.clone();
    }

    private static void checkPositive(String figure, double x) {
        if (!(x > 0 && Double.isFinite(x))) throw new IllegalArgumentException(figure + ": every value must be positive, was " + x);
    }

    public int pairs() { return ours.length; }

    /** Each pair's speed ratio, ours ÷ PyTorch's (times inverted), in pair order. */
    public double[] ratios() {
        double[] r = new double[ours.length];
        for (int i = 0; i < r.length; i++) r[i] = higherIsBetter ? ours[i] / theirs[i] : theirs[i] / ours[i];
        return r;
    }

    public double ratioMedian() { return Stats.median(ratios()); }
    public double ratioMin() { return Stats.min(ratios()); }
    public double ratioMax() { return Stats.max(ratios()); }
    public double ratioQ1() { return Stats.quantile(ratios(), 0.25); }
    public double ratioQ3() { return Stats.quantile(ratios(), 0.75); }

    /** (max − min) / median of the ratios: 0.10 means the pairs disagreed by 10% of the headline ratio. */
    public double spread() { return (ratioMax() - ratioMin()) / ratioMedian(); }

    public boolean tooSpread() { return spread() > SPREAD_LIMIT; }

    public double oursMedian() { return Stats.median(ours); }
    public double theirsMedian() { return Stats.median(theirs); }

    @Override public double[] ours() { return ours.clone(); }
    @Override public double[] theirs() { return theirs.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof PairedRatios p && p.figure.equals(figure) && p.unit.equals(unit) && p.higherIsBetter == higherIsBetter
                && Arrays.equals(p.ours, ours) && Arrays.equals(p.theirs, theirs);
    }

    @Override public int hashCode() { return figure.hashCode() * 31 + Arrays.hashCode(ours) * 17 + Arrays.hashCode(theirs); }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %.2f× (%.2f–%.2f over %d pairs)", figure, ratioMedian(), ratioMin(), ratioMax(), pairs());
    }
}
