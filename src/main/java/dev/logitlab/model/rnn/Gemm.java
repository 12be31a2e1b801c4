package dev.logitlab.model.rnn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * The char-RNN's matrix products, sent straight to OpenBLAS in the model's precision: sgemm for
 * the float32 model the app trains, dgemm for the float64 model the gradient checks use. Everything
 * element-wise stays in Java {@code double[]} arrays (the same code for both precisions); only the
 * operands of a product are copied into native scratch memory of the model's precision. Weights
 * are read in place, straight from the parameters' ND4J memory, so a time step copies only its
 * [B, H] state, not the [H, gates·H] matrix it multiplies.
 *
 * <p>All matrices are row-major. Weights are stored [in, out], so a layer is {@code y = x · W}.
 */
final class Gemm {
    private final boolean single;                                   // float32 (sgemm) or float64 (dgemm)
    private final Map<INDArray, Buffer> views = new IdentityHashMap<>();
    private Buffer a, b, c;                                         // scratch operands, grown on demand
    private float[] staging = new float[0];

    Gemm(DataType dtype) {
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("the char-RNN computes in FLOAT or DOUBLE, was " + dtype);
        }
        single = dtype == DataType.FLOAT;
        a = scratch(0);
        b = scratch(0);
        c = scratch(0);
    }

    /**
     * {@code out[m×n] = x[m×k] · W} (W stored [k, n]), or {@code x · Wᵀ} when {@code transposeW}
     * (W stored [n, k]): the forward pass through a weight, or the backward pass into its input.
     * With {@code accumulate} the product is added to what {@code out} holds.
     */
    void timesWeight(double[] x, int xOff, int m, int k, INDArray w, boolean transposeW, int n,
                     double[] out, int outOff, boolean accumulate) {
        a = load(a, x, xOff, m * k);
        c = ensure(c, m * n);
        Buffer wv = views.computeIfAbsent(w, Gemm::view);
        int ldw = transposeW ? k : n;
        if (single) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeW ? CblasTrans : CblasNoTrans, m, n, k,
                    1f, (FloatBuffer) a, k, (FloatBuffer) wv, ldw, 0f, (FloatBuffer) c, n);
        } else {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, transposeW ? CblasTrans : CblasNoTrans, m, n, k,
                    1.0, (DoubleBuffer) a, k, (DoubleBuffer) wv, ldw, 0.0, (DoubleBuffer) c, n);
        }
        store(c, out, outOff, m * n, accumulate);
    }

    /**
     * {@code grad[m×n] = xᵀ · d} for inputs x [k, m] and output gradients d [k, n], written straight
     * into the gradient's ND4J memory: a weight's gradient summed over the k rows (positions) of a batch.
     */
    void weightGradient(double[] x, int xOff, int k, int m, double[] d, int n, INDArray grad) {
        a = load(a, x, xOff, k * m);
        b = load(b, d, 0, k * n);
        Buffer g = views.computeIfAbsent(grad, Gemm::view);
        if (single) {
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k,
                    1f, (FloatBuffer) a, m, (FloatBuffer) b, n, 0f, (FloatBuffer) g, n);
        } else {
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k,
                    1.0, (DoubleBuffer) a, m, (DoubleBuffer) b, n, 0.0, (DoubleBuffer) g, n);
        }
    }

    /**
     * tanh(a) = 1 − 2 / (e^{2a} + 1), through {@code Math.exp}, which the JIT compiles to a fast
     * intrinsic; {@code Math.tanh} is not one on JDK 17 and cost a fifth of a GRU training step.
     * Exact to about 1e-16 absolute, and e^{2a} overflowing to ∞ still gives 1.
     */
    static double tanh(double a) {
        return 1 - 2 / (Math.exp(2 * a) + 1);
    }

    /** Reads a whole parameter (a bias, the embedding table) into a Java array. */
    double[] read(INDArray p) {
        Buffer v = views.computeIfAbsent(p, Gemm::view);
        double[] out = new double[(int) p.length()];
        if (v instanceof FloatBuffer f) {
            float[] s = staging(out.length);
            f.get(0, s, 0, out.length);
            for (int i = 0; i < out.length; i++) out[i] = s[i];
        } else {
            ((DoubleBuffer) v).get(0, out);
        }
        return out;
    }

    /** Copies {@code width} values of a parameter from {@code from} (one embedding row) into {@code out[outOff …]}. */
    void readRange(INDArray p, int from, int width, double[] out, int outOff) {
        Buffer v = views.computeIfAbsent(p, Gemm::view);
        if (v instanceof FloatBuffer f) {
            for (int i = 0; i < width; i++) out[outOff + i] = f.get(from + i);
        } else {
            ((DoubleBuffer) v).get(from, out, outOff, width);
        }
    }

    /** Overwrites a parameter's gradient with the values of a Java array. */
    void write(double[] values, INDArray grad) {
        store(values, views.computeIfAbsent(grad, Gemm::view));
    }

    private void store(double[] values, Buffer into) {
        if (into instanceof FloatBuffer f) {
            float[] s = staging(values.length);
            for (int i = 0; i < values.length; i++) s[i] = (float) values[i];
            f.put(0, s, 0, values.length);
        } else {
            ((DoubleBuffer) into).put(0, values);
        }
    }

    /** A Java view of an ND4J array's own memory (contiguous, row-major, allocated once). */
    private static Buffer view(INDArray p) {
        if (p.ordering() != 'c' || p.offset() != 0 || p.isView()) {
            throw new IllegalArgumentException("needs a contiguous row-major array that is not a view");
        }
        return p.dataType() == DataType.FLOAT
                ? new FloatPointer(p.data().addressPointer()).capacity(p.length()).asBuffer()
                : new DoublePointer(p.data().addressPointer()).capacity(p.length()).asBuffer();
    }

    private Buffer scratch(int n) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(1, n) * (single ? 4 : 8)).order(ByteOrder.nativeOrder());
        return single ? bytes.asFloatBuffer() : bytes.asDoubleBuffer();
    }

    private Buffer ensure(Buffer buf, int n) {
        return buf.capacity() >= n ? buf : scratch(Math.max(n, buf.capacity() * 2));
    }

    private Buffer load(Buffer buf, double[] src, int off, int n) {
        buf = ensure(buf, n);
        if (buf instanceof FloatBuffer f) {
            float[] s = staging(n);
            for (int i = 0; i < n; i++) s[i] = (float) src[off + i];               // a loop the JIT vectorises,
            f.put(0, s, 0, n);                                                   // then one bulk copy
        } else {
            ((DoubleBuffer) buf).put(0, src, off, n);
        }
        return buf;
    }

    /** A Java array to convert through: element by element, a direct buffer is several times slower. */
    private float[] staging(int n) {
        if (staging.length < n) staging = new float[Math.max(n, 2 * staging.length)];
        return staging;
    }

    private void store(Buffer buf, double[] out, int off, int n, boolean accumulate) {
        if (buf instanceof FloatBuffer f) {
            float[] s = staging(n);
            f.get(0, s, 0, n);
            if (accumulate) for (int i = 0; i < n; i++) out[off + i] += s[i];
            else for (int i = 0; i < n; i++) out[off + i] = s[i];
        } else {
            DoubleBuffer d = (DoubleBuffer) buf;
            if (accumulate) for (int i = 0; i < n; i++) out[off + i] += d.get(i);
            else d.get(0, out, off, n);
        }
    }
}
