package dev.logitlab.model.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Causal multi-head self-attention, written out explicitly: one fused projection to queries, keys
 * and values (c_attn), per head {@code softmax(q·kᵀ/√headDim + mask) · v}, the heads side by side,
 * and an output projection (c_proj). Position i attends to positions j ≤ i only.
 */
final class Attention {
    final Linear cAttn;     // [C, 3C]: q, k, v side by side, each nHead heads of headDim columns
    final Linear cProj;     // [C, C]
    private final int c, nHead, headDim;

    Attention(String prefix, GptSpec spec, double projStd, Random rnd) {
        this.c = spec.nEmbd();
        this.nHead = spec.nHead();
        this.headDim = spec.headDim();
        this.cAttn = new Linear(prefix + ".c_attn", c, 3 * c, true, 0.02, rnd);
        this.cProj = new Linear(prefix + ".c_proj", c, c, true, projStd, rnd);
    }

    List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>(cAttn.parameters());
        ps.addAll(cProj.parameters());
        return ps;
    }

    /** What the backward pass needs; {@code att} is exactly the softmax that weighted the values. */
    record Activations(double[] in, double[] qkv, double[][][] att, double[] y, double[] out) {}

    /** {@code x} [T, C] (already layer-normed) → [T, C]. */
    Activations forward(double[] x, int t) {
        double[] qkv = cAttn.forward(x, t);                                  // [T, 3C]
        double[][][] att = new double[nHead][t][t];                          // [nHead, T, T]
        double[] y = new double[t * c];                                      // [T, C], heads side by side
        double scale = 1 / Math.sqrt(headDim);
        for (int h = 0; h < nHead; h++) {
            int q = h * headDim, k = c + h * headDim, v = 2 * c + h * headDim;  // column offsets in qkv
            for (int i = 0; i < t; i++) {
                double[] row = att[h][i];                                    // [T]
                for (int j = 0; j < t; j++) {
                    if (j > i) {
                        row[j] = Double.NEGATIVE_INFINITY;                   // the future is masked
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) dot += qkv[i * 3 * c + q + d] * qkv[j * 3 * c + k + d];
                    row[j] = dot * scale;
                }
                Ops.softmaxInPlace(row);                                     // masked entries become exactly 0
                for (int d = 0; d < headDim; d++) {
                    double sum = 0;
                    for (int j = 0; j <= i; j++) sum += row[j] * qkv[j * 3 * c + v + d];
                    y[i * c + h * headDim + d] = sum;
                }
            }
        }
        double[] out = cProj.forward(y, t);                                  // [T, C]
        return new Activations(x, qkv, att, y, out);
    }

    /** Adds the gradients of c_attn and c_proj and returns the gradient for the input [T, C]. */
    double[] backward(double[] dOut, Activations a, int t) {
        double[] dy = cProj.backward(dOut, a.y(), t);                        // [T, C]
        double[] qkv = a.qkv();
        double[] dQkv = new double[t * 3 * c];                               // [T, 3C]
        double scale = 1 / Math.sqrt(headDim);
        double[] dAtt = new double[t];                                       // [T], one row
        for (int h = 0; h < nHead; h++) {
            int q = h * headDim, k = c + h * headDim, v = 2 * c + h * headDim;
            for (int i = 0; i < t; i++) {
                double[] w = a.att()[h][i];                                  // [T]
                // y_i = Σ_j w_ij v_j: gradients for the weights and the values.
                // Masked weights are exactly 0, so j > i contributes nothing and is skipped.
                double dot = 0;
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int d = 0; d < headDim; d++) {
                        double g = dy[i * c + h * headDim + d];
                        s += g * qkv[j * 3 * c + v + d];
                        dQkv[j * 3 * c + v + d] += w[j] * g;
                    }
                    dAtt[j] = s;
                    dot += w[j] * s;
                }
                // softmax backward: dScore_j = w_j (dAtt_j − Σ_l w_l dAtt_l); then score = q·k · scale
                for (int j = 0; j <= i; j++) {
                    double dScore = w[j] * (dAtt[j] - dot) * scale;
                    for (int d = 0; d < headDim; d++) {
                        dQkv[i * 3 * c + q + d] += dScore * qkv[j * 3 * c + k + d];
                        dQkv[j * 3 * c + k + d] += dScore * qkv[i * 3 * c + q + d];
                    }
                }
            }
        }
        return cAttn.backward(dQkv, a.in(), t);
    }
}
