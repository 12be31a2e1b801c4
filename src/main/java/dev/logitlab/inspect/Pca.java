package dev.logitlab.inspect;

import java.util.Arrays;

/**
 * Principal component analysis of a small dense matrix, exactly enough for a picture: centre the
 * rows, form the C×C covariance, and find its leading eigenvectors by power iteration with
 * deflation. Signs are fixed so that pictures do not flip: each component either agrees with the
 * matching component of a previous basis (during training) or has its largest entry positive.
 */
public final class Pca {
    static final int MAX_ITERATIONS = 500;
    static final double TOLERANCE = 1e-12;

    private Pca() {}

    /**
     * The result: {@code components[k]} a unit vector of length C, {@code variances[k]} the
     * variance along it, {@code totalVariance} the trace of the covariance, and the centred data
     * projected onto the components ({@code projected[row * k + j]}).
     */
    public record Result(double[][] components, double[] variances, double totalVariance, float[] projected) {
        /** The share of all variance along component {@code j}, in [0, 1]. */
        public double explained(int j) {
            return totalVariance > 0 ? variances[j] / totalVariance : 0;
        }
    }

    /**
     * The first {@code k} principal components of the {@code rows}×{@code cols} row-major data.
     * {@code previous} (may be null) is the last basis shown: it starts the iteration (fewer steps)
     * and fixes the signs.
     */
    public static Result fit(float[] data, int rows, int cols, int k, double[][] previous) {
        if (rows < 1 || cols < 1 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("data must hold rows × cols = " + rows + " × " + cols + " values, held " + data.length);
        }
        if (k < 1 || k > cols) throw new IllegalArgumentException("components must be between 1 and " + cols + ", was " + k);
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) mean[c] += data[r * cols + c];
        for (int c = 0; c < cols; c++) mean[c] /= rows;
        double[][] cov = covariance(data, rows, cols, mean);
        double total = 0;
        for (int c = 0; c < cols; c++) total += cov[c][c];

        double[][] components = new double[k][];
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) {
            double[] start = previous != null && j < previous.length && previous[j].length == cols ? previous[j].clone() : null;
            double[] v = leading(cov, start, j);
            double lambda = rayleigh(cov, v);
            fixSign(v, previous != null && j < previous.length && previous[j].length == cols ? previous[j] : null);
            components[j] = v;
            variances[j] = Math.max(0, lambda);
            // deflate: remove this direction so the next iteration finds the next one
            for (int a = 0; a < cols; a++) for (int b = 0; b < cols; b++) cov[a][b] -= lambda * v[a] * v[b];
        }
        float[] projected = new float[rows * k];
        double[] centred = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) centred[c] = data[r * cols + c] - mean[c];
            for (int j = 0; j < k; j++) projected[r * k + j] = (float) dot(centred, components[j]);
        }
        return new Result(components, variances, total, projected);
    }

    private static double[][] covariance(float[] data, int rows, int cols, double[] mean) {
        double[][] cov = new double[cols][cols];
        double[] x = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) x[c] = data[r * cols + c] - mean[c];
            for (int a = 0; a < cols; a++) {
                double xa = x[a];
                if (xa == 0) continue;
                double[] row = cov[a];
                for (int b = a; b < cols; b++) row[b] += xa * x[b];   // upper triangle only
            }
        }
        double n = Math.max(1, rows - 1);
        for (int a = 0; a < cols; a++) {
            for (int b = a; b < cols; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** Power iteration from {@code start} (or a fixed, deterministic vector) to the leading eigenvector. */
    private static double[] leading(double[][] m, double[] start, int salt) {
        int n = m.length;
        double[] v = start;
        if (v == null || norm(v) == 0) {
            v = new double[n];
            // deterministic and unlikely to be orthogonal to any eigenvector
            for (int i = 0; i < n; i++) v[i] = 1.0 + 0.37 * Math.sin(1.7 * (i + 1) + salt);
        }
        scale(v, 1 / norm(v));
        double[] w = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            multiply(m, v, w);
            double len = norm(w);
            if (len < 1e-300) return v;   // nothing left: any unit vector will do
            scale(w, 1 / len);
            double diff = 0;
            for (int i = 0; i < n; i++) diff = Math.max(diff, Math.abs(Math.abs(w[i]) - Math.abs(v[i])));
            double[] t = v; v = w; w = t;
            if (diff < TOLERANCE) break;
        }
        return v;
    }

    /** Flips {@code v} to agree with {@code previous}, or, without one, to have its largest entry positive. */
    private static void fixSign(double[] v, double[] previous) {
        if (previous != null) {
            if (dot(v, previous) < 0) scale(v, -1);
            return;
        }
        int big = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[big]) + 1e-12) big = i;
        if (v[big] < 0) scale(v, -1);
    }

    private static double rayleigh(double[][] m, double[] v) {
        double[] w = new double[v.length];
        multiply(m, v, w);
        return dot(v, w);
    }

    private static void multiply(double[][] m, double[] v, double[] out) {
        for (int i = 0; i < m.length; i++) out[i] = dot(m[i], v);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static void scale(double[] v, double f) {
        for (int i = 0; i < v.length; i++) v[i] *= f;
    }

    /** A deep copy, so a caller's basis cannot change under a later fit. */
    static double[][] copy(double[][] basis) {
        return Arrays.stream(basis).map(double[]::clone).toArray(double[][]::new);
    }
}
