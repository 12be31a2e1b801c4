package dev.logitlab.inspect;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Principal component analysis of a small dense matrix, exactly enough for a picture: centre the
 * rows, form the C×C covariance, and find its eigenvectors by Jacobi rotations (exact, and
 * cheap for C ≤ 512). Signs are fixed so that pictures do not flip: each component either agrees with the
 * matching component of a previous basis (during training) or has its largest entry positive.
 * A wide matrix (2,000 × 512) takes seconds, so a fit reports its progress and can be cancelled
 * between two rows of the covariance or two pivot rows of a Jacobi sweep.
 */
public final class Pca {
    static final int MAX_SWEEPS = 60;
    static final double TOLERANCE = 1e-13;

    /**
     * Sweeps a fit is expected to need (measured on 2,000 Gaussian rows: 8 for width 64, 9 for 128,
     * 10 for 512); the progress reported plans for this many, and slows down if a fit needs more.
     */
    static final int EXPECTED_SWEEPS = 10;

    private Pca() {}

    /** Called on the computing thread with the share of the work done, in [0, 1], never decreasing. */
    @FunctionalInterface
    public interface Progress {
        void update(double done);

        Progress NONE = d -> {};
    }

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
     * {@code previous} (may be null) is the last basis shown: it fixes the signs.
     */
    public static Result fit(float[] data, int rows, int cols, int k, double[][] previous) {
        return fit(data, rows, cols, k, previous, Progress.NONE, () -> false);
    }

    /**
     * Like {@link #fit(float[], int, int, int, double[][])}, reporting its progress (covariance rows,
     * then Jacobi pivot rows) and polling {@code cancel} between rows: a cancelled fit fails with a
     * {@link CancellationException} and returns nothing.
     */
    public static Result fit(float[] data, int rows, int cols, int k, double[][] previous, Progress progress, BooleanSupplier cancel) {
        if (rows < 1 || cols < 1 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("data must hold rows × cols = " + rows + " × " + cols + " values, held " + data.length);
        }
        if (k < 1 || k > cols) throw new IllegalArgumentException("components must be between 1 and " + cols + ", was " + k);
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) mean[c] += data[r * cols + c];
        for (int c = 0; c < cols; c++) mean[c] /= rows;
        // the covariance costs rows·C²/2 multiply-adds, a Jacobi sweep about 1.5·C³: weigh the two parts so
        double covShare = rows / (rows + 3.0 * cols * EXPECTED_SWEEPS);
        Monotone report = new Monotone(progress);
        double[][] cov = covariance(data, rows, cols, mean, d -> report.update(covShare * d), cancel);
        double total = 0;
        for (int c = 0; c < cols; c++) total += cov[c][c];

        double[][] vectors = new double[cols][cols];
        double[] values = jacobi(cov, vectors, d -> report.update(covShare + (1 - covShare) * d), cancel);
        Integer[] order = new Integer[cols];
        for (int i = 0; i < cols; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : values[a] != values[b] ? Double.compare(values[b], values[a]) : Integer.compare(a, b));
        double[][] components = new double[k][];
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) {
            double[] v = new double[cols];
            for (int i = 0; i < cols; i++) v[i] = vectors[i][order[j]];
            fixSign(v, previous != null && j < previous.length && previous[j].length == cols ? previous[j] : null);
            components[j] = v;
            variances[j] = Math.max(0, values[order[j]]);
        }
        float[] projected = new float[rows * k];
        double[] centred = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) centred[c] = data[r * cols + c] - mean[c];
            for (int j = 0; j < k; j++) projected[r * k + j] = (float) dot(centred, components[j]);
        }
        report.update(1);
        return new Result(components, variances, total, projected);
    }

    private static double[][] covariance(float[] data, int rows, int cols, double[] mean, Progress progress, BooleanSupplier cancel) {
        double[][] cov = new double[cols][cols];
        double[] x = new double[cols];
        for (int r = 0; r < rows; r++) {
            if (cancel.getAsBoolean()) throw new CancellationException("the projection was cancelled");
            if ((r & 15) == 0) progress.update(r / (double) rows);
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

    /**
     * The eigenvalues of the symmetric matrix {@code m} (destroyed), with the eigenvectors as the
     * columns of {@code vectors}: cyclic Jacobi rotations until the off-diagonal part vanishes.
     * Exact to rounding and deterministic; O(C³) a sweep, a few sweeps (C = 128: a few ms).
     */
    static double[] jacobi(double[][] m, double[][] vectors) {
        return jacobi(m, vectors, Progress.NONE, () -> false);
    }

    /**
     * Like {@link #jacobi(double[][], double[][])}, reporting progress after each pivot row (planned for
     * {@link #EXPECTED_SWEEPS} sweeps; a fit that needs more creeps towards 1) and polling {@code cancel}
     * before each pivot row: a cancelled solve fails with a {@link CancellationException}.
     */
    static double[] jacobi(double[][] m, double[][] vectors, Progress progress, BooleanSupplier cancel) {
        int n = m.length;
        double pairs = Math.max(1, n * (n - 1) / 2.0);
        for (int i = 0; i < n; i++) { Arrays.fill(vectors[i], 0); vectors[i][i] = 1; }
        double scale = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) scale += m[i][j] * m[i][j];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
            if (off <= TOLERANCE * TOLERANCE * scale || off == 0) break;
            double before = sweepShare(sweep), after = sweepShare(sweep + 1);
            for (int p = 0; p < n; p++) {
                if (cancel.getAsBoolean()) throw new CancellationException("the projection was cancelled");
                if ((p & 7) == 0) {
                    double done = (p * (double) n - p * (p + 1) / 2.0) / pairs;   // rotations of this sweep done
                    progress.update(before + (after - before) * done);
                }
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    if (Math.abs(apq) < 1e-300) continue;
                    double theta = (m[q][q] - m[p][p]) / (2 * apq);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {                // columns p and q
                        double akp = m[k][p], akq = m[k][q];
                        m[k][p] = c * akp - s * akq;
                        m[k][q] = s * akp + c * akq;
                    }
                    double[] rp = m[p], rq = m[q];
                    for (int k = 0; k < n; k++) {                // rows p and q
                        double apk = rp[k], aqk = rq[k];
                        rp[k] = c * apk - s * aqk;
                        rq[k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vectors[k][p], vkq = vectors[k][q];
                        vectors[k][p] = c * vkp - s * vkq;
                        vectors[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = m[i][i];
        return values;
    }

    /**
     * The share of a solve done after {@code sweeps} sweeps: linear up to the last planned sweep, then each
     * further sweep covers half of what is left (the last stretch, when the solve takes longer than planned).
     */
    static double sweepShare(int sweeps) {
        int e = EXPECTED_SWEEPS;
        return sweeps <= e - 1 ? sweeps / (double) e : 1 - Math.pow(0.5, sweeps - (e - 1)) / e;
    }

    /** Passes on only increasing shares, so a bar never moves back. */
    private static final class Monotone implements Progress {
        private final Progress sink;
        private double last = -1;

        Monotone(Progress sink) { this.sink = sink; }

        @Override public void update(double done) {
            double d = Math.max(0, Math.min(1, done));
            if (d <= last) return;
            last = d;
            sink.update(d);
        }
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
