package dev.logitlab.model.gpt;

import dev.logitlab.model.NativeViews;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java views of a {@link Gpt}'s float32 parameters for the hot loops. Matrices stay in ND4J's
 * memory, where OpenBLAS reads them and writes their gradients directly. Vectors (biases, LayerNorm
 * weights) are read element by element in Java loops, which run ~10× slower over a direct buffer
 * than over a heap array, so each has a heap copy refreshed before every pass (the optimizer changes
 * the native values between passes) and a heap gradient copied back after the backward pass.
 */
final class GptWeights {

    /** A matrix that sgemm reads from, and writes the gradient of (null in a model that has not trained), in ND4J's own memory. */
    record Mat(FloatBuffer value, FloatBuffer grad) {}

    /** A vector used in Java loops: heap copies of value and gradient (the gradient only where there is one). */
    static final class Vec {
        final FloatBuffer value, grad;
        final float[] v, g;

        Vec(INDArray value, INDArray grad) {
            this.value = NativeViews.floats(value);
            this.grad = grad == null ? null : NativeViews.floats(grad);
            v = new float[this.value.capacity()];
            g = grad == null ? null : new float[v.length];
        }

        void refresh() { value.get(0, v); }

        void pushGrad() { grad.put(0, g); }
    }

    /** One block's parameters, named as in GPT-2's state dict. */
    record Layer(Vec ln1w, Vec ln1b, Mat attnW, Vec attnB, Mat projW, Vec projB,
                 Vec ln2w, Vec ln2b, Mat fcW, Vec fcB, Mat mProjW, Vec mProjB) {}

    final Mat wte;          // [V, C]
    final Mat wpe;          // [blockSize, C]
    final Layer[] h;
    final Vec lnFw, lnFb;   // [C]
    /** [C, V]; null when the head is tied to wte (the passes then read wte transposed). */
    final Mat lmHead;
    final boolean tied;
    final float[] gWte, gWpe;   // heap gradients of the embeddings (a scatter-add is element-wise work); null without gradients
    private final List<Vec> vecs = new ArrayList<>();
    private final int[] firstVecOfLayer;   // vecs holds each block's vectors in order, then ln_f's
    private final Map<String, INDArray> values, grads;

    /**
     * Views of {@code values} (every parameter by name; no lm_head.weight when tied) and of their
     * {@code grads}: empty for a model that only runs, which then costs no gradient memory.
     */
    GptWeights(Map<String, INDArray> values, Map<String, INDArray> grads, int nLayer) {
        this.values = values;
        this.grads = grads;
        wte = mat("wte.weight");
        wpe = mat("wpe.weight");
        h = new Layer[nLayer];
        firstVecOfLayer = new int[nLayer + 1];
        for (int l = 0; l < nLayer; l++) {
            firstVecOfLayer[l] = vecs.size();
            String p = "h." + l + ".";
            h[l] = new Layer(vec(p + "ln_1.weight"), vec(p + "ln_1.bias"),
                    mat(p + "attn.c_attn.weight"), vec(p + "attn.c_attn.bias"),
                    mat(p + "attn.c_proj.weight"), vec(p + "attn.c_proj.bias"),
                    vec(p + "ln_2.weight"), vec(p + "ln_2.bias"),
                    mat(p + "mlp.c_fc.weight"), vec(p + "mlp.c_fc.bias"),
                    mat(p + "mlp.c_proj.weight"), vec(p + "mlp.c_proj.bias"));
        }
        firstVecOfLayer[nLayer] = vecs.size();
        lnFw = vec("ln_f.weight");
        lnFb = vec("ln_f.bias");
        tied = !values.containsKey("lm_head.weight");
        lmHead = tied ? null : mat("lm_head.weight");
        boolean training = !grads.isEmpty();
        gWte = training ? new float[wte.value().capacity()] : null;
        gWpe = training ? new float[wpe.value().capacity()] : null;
    }

    /** Whether these views carry gradients (a backward pass needs them). */
    boolean hasGrads() { return gWte != null; }

    private Mat mat(String name) {
        INDArray g = grads.get(name);
        return new Mat(NativeViews.floats(values.get(name)), g == null ? null : NativeViews.floats(g));
    }

    private Vec vec(String name) {
        Vec v = new Vec(values.get(name), grads.get(name));
        vecs.add(v);
        return v;
    }

    /** Copies the vectors' current values to the heap: before every pass. */
    void refresh() {
        for (Vec v : vecs) v.refresh();
    }

    /**
     * Zeroes the heap gradients of blocks {@code fromLayer} on and ln_f before a backward pass, and the
     * embeddings' when {@code fromLayer} is 0 (at GPT-2's size wte's gradient is 154 MB, too much to clear
     * and copy on every fine-tuning step that does not train it).
     */
    void zeroGrads(int fromLayer) {
        for (Vec v : vecs.subList(firstVecOfLayer[fromLayer], vecs.size())) java.util.Arrays.fill(v.g, 0f);
        if (fromLayer > 0) return;
        java.util.Arrays.fill(gWte, 0f);
        java.util.Arrays.fill(gWpe, 0f);
    }

    /** Copies the heap gradients of blocks {@code fromLayer} on, ln_f (and the embeddings for 0) into the parameters': after a backward pass. */
    void pushGrads(int fromLayer) {
        for (Vec v : vecs.subList(firstVecOfLayer[fromLayer], vecs.size())) v.pushGrad();
        if (fromLayer > 0) return;
        wte.grad().put(0, gWte);
        wpe.grad().put(0, gWpe);
    }
}
