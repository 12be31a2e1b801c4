package dev.logitlab.inspect;

import static dev.logitlab.i18n.Messages.say;

import java.util.List;

/**
 * The two main directions of a training path: PCA of (checkpoint − final weights) through the Gram
 * matrix, since there are far fewer checkpoints (n) than weights (P): the eigenvectors u of the
 * n × n matrix G = X Xᵀ give the components v = Xᵀu / √λ without ever forming a P × P matrix.
 */
public final class TrajectoryPca {
    private TrajectoryPca() {}

    /**
     * @param d1 first component (unit length, flat over all weights)
     * @param d2 second component (unit length; zero when the path has no second direction)
     * @param explained share of the variance each of the two explains (0..1)
     * @param projections each checkpoint's coordinates on (d1, d2): [n][2]
     */
    public record Result(float[] d1, float[] d2, double[] explained, double[][] projections) {}

    public static Result of(List<float[]> checkpoints, float[] end) {
        int n = checkpoints.size(), p = end.length;
        if (n < 2) throw new IllegalArgumentException(say("surface.pca_checkpoints", n));
        for (int i = 0; i < n; i++) {
            if (checkpoints.get(i).length != p) {
                throw new IllegalArgumentException("checkpoint " + i + " has " + checkpoints.get(i).length + " weights, not " + p);
            }
        }
        // G[i][k] = (c_i − end)·(c_k − end), read straight from the checkpoints: no n × P copy
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            float[] a = checkpoints.get(i);
            for (int k = i; k < n; k++) {
                float[] b = checkpoints.get(k);
                double s = 0;
                for (int j = 0; j < p; j++) s += ((double) a[j] - end[j]) * ((double) b[j] - end[j]);
                g[i][k] = g[k][i] = s;
            }
        }
        double[][] vec = new double[n][n];
        double[] eig = Pca.jacobi(g, vec);   // the same exact solver as the embeddings' PCA (g is consumed)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig[b], eig[a]));
        double total = 0;
        for (double e : eig) total += Math.max(0, e);
        float[][] dirs = new float[2][p];
        double[] explained = new double[2];
        double[][] proj = new double[n][2];
        for (int c = 0; c < 2 && c < n; c++) {
            int k = order[c];
            double lambda = Math.max(0, eig[k]);
            explained[c] = total > 0 ? lambda / total : 0;
            if (lambda <= 1e-12 * Math.max(total, 1e-300)) continue;   // no such direction: leave zero
            double inv = 1 / Math.sqrt(lambda);
            double[] v = new double[p];
            for (int i = 0; i < n; i++) {
                double u = vec[i][k] * inv;
                float[] row = checkpoints.get(i);
                for (int j = 0; j < p; j++) v[j] += ((double) row[j] - end[j]) * u;
            }
            for (int j = 0; j < p; j++) dirs[c][j] = (float) v[j];
            for (int i = 0; i < n; i++) proj[i][c] = vec[i][k] * Math.sqrt(lambda);
        }
        return new Result(dirs[0], dirs[1], explained, proj);
    }
}
