package dev.logitlab.inspect;

import java.util.List;

/**
 * How the values a model's hidden layers output are spread, when it reads one prompt: a histogram
 * per layer over shared bins of its non-zero values, and the share of exact zeros (a ReLU unit
 * that is "off"), kept apart because they would dwarf every other bar.
 * Any model that names its layers' outputs ({@code ActivationModel}): the MiniGPT, the char-RNN and the GPT.
 *
 * @param layers   a name per layer ("hidden layer 1")
 * @param lower    the first bin's lower edge
 * @param width    the width of every bin
 * @param counts   counts[layer][bin] of the non-zero values
 * @param zeros    the share of each layer's values that are exactly 0
 */
public record ActivationHistograms(List<String> layers, double lower, double width, int[][] counts, double[] zeros) {
    public static final int BINS = 24;

    public ActivationHistograms {
        layers = List.copyOf(layers);
        if (counts.length != layers.size() || zeros.length != layers.size()) throw new IllegalArgumentException("one histogram per layer");
    }

    /** The histograms of the given layers' values, over bins that cover every layer's range. */
    public static ActivationHistograms of(List<String> layers, float[][] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float[] v : values) for (float x : v) if (x != 0) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        if (!(hi > lo)) { lo = Double.isFinite(lo) ? lo - 0.5 : 0; hi = lo + 1; }
        double width = (hi - lo) / BINS;
        int[][] counts = new int[values.length][BINS];
        double[] zeros = new double[values.length];
        for (int l = 0; l < values.length; l++) {
            int z = 0;
            for (float x : values[l]) {
                if (x == 0) z++;
                else counts[l][Math.max(0, Math.min(BINS - 1, (int) ((x - lo) / width)))]++;
            }
            zeros[l] = values[l].length == 0 ? 0 : (double) z / values[l].length;
        }
        return new ActivationHistograms(layers, lo, width, counts, zeros);
    }

    /** The centre of bin {@code b}. */
    public double centre(int b) { return lower + (b + 0.5) * width; }
}
