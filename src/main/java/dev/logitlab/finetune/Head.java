package dev.logitlab.finetune;

/**
 * The classification head's arithmetic, in double precision on flat row-major arrays: logits = h·W + b
 * for hidden states h [B, C], W [C, K], b [K], and the mean softmax cross-entropy against the labels with
 * its gradients in W, b and h. Small (B·C·K multiply-adds), so plain loops; kept apart from
 * {@link Classifier} so that a finite-difference test can check it exactly.
 */
final class Head {
    private Head() {}

    /** logits [B, K] = h [B, C] · W [C, K] + b [K]. */
    static double[] logits(double[] h, int batch, int c, double[] w, double[] b, int k) {
        double[] z = new double[batch * k];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < k; j++) {
                double s = b[j];
                for (int i = 0; i < c; i++) s += h[r * c + i] * w[i * k + j];
                z[r * k + j] = s;
            }
        }
        return z;
    }

    /** Each row's softmax, in place; returns the same array. */
    static double[] softmax(double[] z, int batch, int k) {
        for (int r = 0; r < batch; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < k; j++) max = Math.max(max, z[r * k + j]);
            for (int j = 0; j < k; j++) sum += z[r * k + j] = Math.exp(z[r * k + j] - max);
            for (int j = 0; j < k; j++) z[r * k + j] /= sum;
        }
        return z;
    }

    /**
     * The mean cross-entropy over the batch; when {@code dW} is not null, also its gradients: dW [C, K] and
     * db [K] overwritten, dh [B, C] overwritten (null: not wanted). d(loss)/d logits = (softmax − one-hot) / B.
     */
    static double crossEntropy(double[] h, int batch, int c, double[] w, double[] b, int k, int[] labels,
                               double[] dW, double[] db, double[] dh) {
        double[] p = softmax(logits(h, batch, c, w, b, k), batch, k);
        double loss = 0;
        for (int r = 0; r < batch; r++) loss -= Math.log(Math.max(p[r * k + labels[r]], Double.MIN_NORMAL));
        if (dW == null) return loss / batch;
        double[] dz = p;                                                      // [B, K]
        for (int r = 0; r < batch; r++) {
            dz[r * k + labels[r]] -= 1;
            for (int j = 0; j < k; j++) dz[r * k + j] /= batch;
        }
        java.util.Arrays.fill(dW, 0);
        java.util.Arrays.fill(db, 0);
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < k; j++) {
                double g = dz[r * k + j];
                db[j] += g;
                for (int i = 0; i < c; i++) dW[i * k + j] += h[r * c + i] * g;
            }
        }
        if (dh != null) {
            for (int r = 0; r < batch; r++) {
                for (int i = 0; i < c; i++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) s += dz[r * k + j] * w[i * k + j];
                    dh[r * c + i] = s;
                }
            }
        }
        return loss / batch;
    }
}
