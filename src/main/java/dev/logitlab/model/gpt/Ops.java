package dev.logitlab.model.gpt;

/** The few element-wise functions the blocks share. */
final class Ops {
    private Ops() {}

    /** {@code a + b}, element by element, in a new array (a residual connection). */
    static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) sum[i] = a[i] + b[i];
        return sum;
    }

    /**
     * Softmax of {@code row} in place, shifted by the row maximum so exp never overflows. Entries of
     * −∞ (masked positions) become exactly 0, as long as one entry is finite.
     */
    static void softmaxInPlace(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) max = Math.max(max, v);
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            row[j] = Math.exp(row[j] - max);
            sum += row[j];
        }
        for (int j = 0; j < row.length; j++) row[j] /= sum;
    }

    /** log Σ exp(x[from .. from+n)), computed stably. */
    static double logSumExp(double[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) max = Math.max(max, x[i]);
        double sum = 0;
        for (int i = from; i < from + n; i++) sum += Math.exp(x[i] - max);
        return max + Math.log(sum);
    }

    private static final double GELU_K = Math.sqrt(2 / Math.PI);

    /** GELU, tanh approximation (Hendrycks & Gimpel 2016), as GPT-2 and nanoGPT's {@code new_gelu}. */
    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(GELU_K * (x + 0.044715 * x * x * x)));
    }

    /** d gelu(x) / dx of the tanh approximation. */
    static double geluGrad(double x) {
        double th = Math.tanh(GELU_K * (x + 0.044715 * x * x * x));
        return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * GELU_K * (1 + 3 * 0.044715 * x * x);
    }
}
