package dev.logitlab.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the char-RNN does with each state: {@code denseLayers} hidden dense layers
 * ({@code y = tanh(x W + b)}, H → H) and the output layer ({@code logits = y W_head + b_head},
 * H → V), applied to every position independently, so all T·B positions go through as one matrix.
 */
final class Readout {
    private final int h, v;
    private final INDArray[] w, b, gW, gB;           // dense l: w [H, H], b [H]
    private final INDArray headW, headB, gHeadW, gHeadB;   // [H, V], [V]
    private final Gemm gemm;

    // Kept from the forward pass for the backward pass, sized for the largest row count seen.
    private int rows;
    private double[] in;          // [N, H]   the states read out
    private double[][] out;       // [layers][N, H]
    private double[] logits;      // [N, V]

    Readout(int h, int v, INDArray[] w, INDArray[] b, INDArray[] gW, INDArray[] gB,
            INDArray headW, INDArray headB, INDArray gHeadW, INDArray gHeadB, Gemm gemm) {
        this.h = h;
        this.v = v;
        this.w = w;
        this.b = b;
        this.gW = gW;
        this.gB = gB;
        this.headW = headW;
        this.headB = headB;
        this.gHeadW = gHeadW;
        this.gHeadB = gHeadB;
        this.gemm = gemm;
        this.out = new double[w.length][];
    }

    /** Logits [N, V] for the N states {@code states[off …]} ([N, H]); the array is reused by the next call. */
    double[] forward(double[] states, int off, int n) {
        ensureCapacity(n);
        rows = n;
        System.arraycopy(states, off, in, 0, n * h);
        double[] x = in;
        for (int l = 0; l < w.length; l++) {
            double[] bias = gemm.read(b[l]);
            gemm.timesWeight(x, 0, n, h, w[l], false, h, out[l], 0, false);    // [N, H] = x W
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < h; j++) out[l][i * h + j] = Gemm.tanh(out[l][i * h + j] + bias[j]);
            }
            x = out[l];
        }
        double[] bias = gemm.read(headB);
        gemm.timesWeight(x, 0, n, h, headW, false, v, logits, 0, false);       // [N, V] = y W_head
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < v; j++) logits[i * v + j] += bias[j];
        }
        return logits;
    }

    /** Dense layer {@code l}'s tanh outputs of the last {@link #forward} ([N, H] from offset 0; the array is reused). */
    double[] denseOutput(int l) { return out[l]; }

    /**
     * Given d(loss)/d(logits) for the rows of the last {@link #forward} ([N, V]), fills the
     * gradients of the dense and output layers and returns d(loss)/d(states), [N, H].
     */
    double[] backward(double[] dLogits) {
        int n = rows;
        double[] y = w.length == 0 ? in : out[w.length - 1];
        gemm.weightGradient(y, 0, n, h, dLogits, v, gHeadW);                   // [H, V] = yᵀ · dLogits
        gemm.write(columnSums(dLogits, n, v), gHeadB);
        double[] d = new double[n * h];
        gemm.timesWeight(dLogits, 0, n, v, headW, true, h, d, 0, false);      // [N, H] = dLogits · W_headᵀ
        for (int l = w.length - 1; l >= 0; l--) {
            double[] o = out[l];
            for (int i = 0; i < n * h; i++) d[i] *= 1 - o[i] * o[i];          // through tanh: now d(pre-activation)
            double[] x = l == 0 ? in : out[l - 1];
            gemm.weightGradient(x, 0, n, h, d, h, gW[l]);                      // [H, H] = xᵀ · d
            gemm.write(columnSums(d, n, h), gB[l]);
            double[] dx = new double[n * h];
            gemm.timesWeight(d, 0, n, h, w[l], true, h, dx, 0, false);        // [N, H] = d · Wᵀ
            d = dx;
        }
        return d;
    }

    private void ensureCapacity(int n) {
        if (in != null && in.length >= n * h) return;
        int cap = Math.max(n, in == null ? 0 : 2 * in.length / h);
        in = new double[cap * h];
        for (int l = 0; l < out.length; l++) out[l] = new double[cap * h];
        logits = new double[cap * v];
    }

    static double[] columnSums(double[] m, int rows, int cols) {
        double[] s = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) s[j] += m[i * cols + j];
        }
        return s;
    }
}
