package dev.logitlab.model.mlp;

import dev.logitlab.data.Batch;
import dev.logitlab.model.NativeViews;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * The MiniGPT's training step in float32, the same arithmetic as {@link MiniGpt}'s reference
 * path, but with the matrix products sent straight to OpenBLAS and the element-wise work done in
 * plain Java loops over the parameters' own memory. This model's ops are tiny ([32, 256] · [256, 128]),
 * so ND4J's fixed cost per op (tens of microseconds) dominated the reference path: it trained
 * PyTorch's MLP benchmark configuration at 0.49× PyTorch's speed. The two paths are checked
 * against each other in the tests; the gradient check runs on the reference path in double.
 */
final class FastStep {
    private final MlpSpec spec;
    private final FloatBuffer wte, gWte, lmW, gLmW, lmB, gLmB;
    private final FloatBuffer[] w, gW, b, gB;
    // Scratch, sized for the largest batch seen so far.
    private int capacity;
    private FloatBuffer x, logits, dX;
    private FloatBuffer[] pre, out, dOut;

    FastStep(MlpSpec spec, INDArray wte, INDArray gWte, INDArray[] w, INDArray[] gW, INDArray[] b, INDArray[] gB,
             INDArray lmW, INDArray gLmW, INDArray lmB, INDArray gLmB) {
        this.spec = spec;
        this.wte = view(wte);
        this.gWte = view(gWte);
        this.lmW = view(lmW);
        this.gLmW = view(gLmW);
        this.lmB = view(lmB);
        this.gLmB = view(gLmB);
        int layers = w.length;
        this.w = new FloatBuffer[layers];
        this.gW = new FloatBuffer[layers];
        this.b = new FloatBuffer[layers];
        this.gB = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            this.w[l] = view(w[l]);
            this.gW[l] = view(gW[l]);
            this.b[l] = view(b[l]);
            this.gB[l] = view(gB[l]);
        }
    }

    private static FloatBuffer view(INDArray a) {
        return NativeViews.floats(a);
    }

    private static FloatBuffer direct(long floats) {
        return ByteBuffer.allocateDirect(Math.toIntExact(floats * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void ensureCapacity(int bs) {
        if (bs <= capacity) return;
        int nc = spec.contextSize() * spec.nEmbd(), h = spec.hiddenSize(), layers = w.length;
        x = direct((long) bs * nc);
        dX = direct((long) bs * nc);
        logits = direct((long) bs * spec.vocabSize());
        pre = new FloatBuffer[layers];
        out = new FloatBuffer[layers];
        dOut = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            pre[l] = direct((long) bs * h);
            out[l] = direct((long) bs * h);
            dOut[l] = direct((long) bs * h);
        }
        capacity = bs;
    }

    /** C[m×n] = op(A) · op(B) (+ beta·C), row-major. */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, FloatBuffer a, FloatBuffer bm, float beta, FloatBuffer c) {
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k,
                1f, a, ta ? m : k, bm, tb ? k : n, beta, c, n);
    }

    double forwardBackward(Batch batch) {
        int bs = batch.size(), n = spec.contextSize(), c = spec.nEmbd(), nc = n * c, h = spec.hiddenSize(),
                v = spec.vocabSize(), layers = w.length;
        ensureCapacity(bs);
        int[] ids = batch.contexts(), targets = batch.targets();

        // x[b] = concat(wte[ids[b, 0]], …, wte[ids[b, N−1]])                      [B, N·C]
        for (int r = 0; r < ids.length; r++) {
            int src = ids[r] * c, dst = r * c;
            for (int k = 0; k < c; k++) x.put(dst + k, wte.get(src + k));
        }
        // hidden layers: pre = in · W + b; out = act(pre)                          [B, H]
        FloatBuffer in = x;
        int inWidth = nc;
        for (int l = 0; l < layers; l++) {
            gemm(false, false, bs, h, inWidth, in, w[l], 0f, pre[l]);
            activate(pre[l], out[l], b[l], bs, h);
            in = out[l];
            inWidth = h;
        }
        // logits = h · Wout + bout, then softmax, loss and dLogits = (p − onehot) / B   [B, V]
        gemm(false, false, bs, v, h, in, lmW, 0f, logits);
        double loss = 0;
        for (int i = 0; i < bs; i++) {
            int row = i * v;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                float z = logits.get(row + j) + lmB.get(j);
                logits.put(row + j, z);
                if (z > max) max = z;
            }
            double sum = 0;
            for (int j = 0; j < v; j++) sum += Math.exp(logits.get(row + j) - max);
            float logSum = (float) Math.log(sum);
            int t = targets[i];
            loss -= logits.get(row + t) - max - logSum;
            float scale = 1f / bs;
            for (int j = 0; j < v; j++) logits.put(row + j, (float) Math.exp(logits.get(row + j) - max - logSum) * scale);
            logits.put(row + t, logits.get(row + t) - scale);
        }
        FloatBuffer dLogits = logits;

        // output layer: dWout = hᵀ · dLogits; dbout = Σ_b dLogits; dH = dLogits · Woutᵀ
        gemm(true, false, h, v, bs, in, dLogits, 0f, gLmW);
        columnSums(dLogits, gLmB, bs, v);
        gemm(false, true, bs, h, v, dLogits, lmW, 0f, dOut[layers - 1]);
        for (int l = layers - 1; l >= 0; l--) {
            FloatBuffer dPre = dOut[l];
            derivative(pre[l], out[l], dPre, bs * h);                              // dPre = dOut ⊙ act'(pre), in place
            FloatBuffer lIn = l == 0 ? x : out[l - 1];
            int lWidth = l == 0 ? nc : h;
            gemm(true, false, lWidth, h, bs, lIn, dPre, 0f, gW[l]);                // dW = inᵀ · dPre
            columnSums(dPre, gB[l], bs, h);
            gemm(false, true, bs, lWidth, h, dPre, w[l], 0f, l == 0 ? dX : dOut[l - 1]); // dIn = dPre · Wᵀ
        }
        // embedding: scatter-add each token's slice of dX into its row of dWte
        for (int i = 0, len = gWte.capacity(); i < len; i++) gWte.put(i, 0f);
        for (int r = 0; r < ids.length; r++) {
            int dst = ids[r] * c, src = r * c;
            for (int k = 0; k < c; k++) gWte.put(dst + k, gWte.get(dst + k) + dX.get(src + k));
        }
        return loss / bs;
    }

    private void activate(FloatBuffer pre, FloatBuffer out, FloatBuffer bias, int rows, int cols) {
        Activation act = spec.activation();
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                float z = pre.get(row + j) + bias.get(j);
                pre.put(row + j, z);
                out.put(row + j, switch (act) {
                    case RELU -> z > 0 ? z : 0f;
                    case TANH -> (float) Math.tanh(z);
                    case GELU -> (float) (0.5 * z * (1 + Math.tanh(GELU_C * (z + GELU_A * z * z * z))));
                });
            }
        }
    }

    private void derivative(FloatBuffer pre, FloatBuffer out, FloatBuffer d, int len) {
        Activation act = spec.activation();
        for (int i = 0; i < len; i++) {
            float z = pre.get(i);
            double g = switch (act) {
                case RELU -> z > 0 ? 1 : 0;
                case TANH -> 1 - out.get(i) * out.get(i);
                case GELU -> {
                    double t = Math.tanh(GELU_C * (z + GELU_A * z * z * z));
                    yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * z * z);
                }
            };
            d.put(i, (float) (d.get(i) * g));
        }
    }

    private static void columnSums(FloatBuffer m, FloatBuffer into, int rows, int cols) {
        for (int j = 0; j < cols; j++) into.put(j, 0f);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) into.put(j, into.get(j) + m.get(row + j));
        }
    }

    private static final double GELU_C = 0.7978845608028654, GELU_A = 0.044715;
}
