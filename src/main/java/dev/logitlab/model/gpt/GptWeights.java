package dev.logitlab.model.gpt;

import dev.logitlab.model.NativeViews;
import dev.logitlab.model.Parameter;

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

    /** A matrix that sgemm reads from, and writes the gradient of, in ND4J's own memory. */
    record Mat(FloatBuffer value, FloatBuffer grad) {}

    /** A vector used in Java loops: heap copies of value and gradient. */
    static final class Vec {
        final FloatBuffer value, grad;
        final float[] v, g;

        Vec(Parameter p) {
            value = NativeViews.floats(p.value());
            grad = NativeViews.floats(p.grad());
            v = new float[value.capacity()];
            g = new float[v.length];
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
    final Mat lmHead;       // [C, V]
    final float[] gWte, gWpe;   // heap gradients of the embeddings: a scatter-add is element-wise work
    private final List<Vec> vecs = new ArrayList<>();
    private final int[] firstVecOfLayer;   // vecs holds each block's vectors in order, then ln_f's

    GptWeights(Map<String, Parameter> byName, int nLayer) {
        wte = mat(byName, "wte.weight");
        wpe = mat(byName, "wpe.weight");
        h = new Layer[nLayer];
        firstVecOfLayer = new int[nLayer + 1];
        for (int l = 0; l < nLayer; l++) {
            firstVecOfLayer[l] = vecs.size();
            String p = "h." + l + ".";
            h[l] = new Layer(vec(byName, p + "ln_1.weight"), vec(byName, p + "ln_1.bias"),
                    mat(byName, p + "attn.c_attn.weight"), vec(byName, p + "attn.c_attn.bias"),
                    mat(byName, p + "attn.c_proj.weight"), vec(byName, p + "attn.c_proj.bias"),
                    vec(byName, p + "ln_2.weight"), vec(byName, p + "ln_2.bias"),
                    mat(byName, p + "mlp.c_fc.weight"), vec(byName, p + "mlp.c_fc.bias"),
                    mat(byName, p + "mlp.c_proj.weight"), vec(byName, p + "mlp.c_proj.bias"));
        }
        firstVecOfLayer[nLayer] = vecs.size();
        lnFw = vec(byName, "ln_f.weight");
        lnFb = vec(byName, "ln_f.bias");
        lmHead = mat(byName, "lm_head.weight");
        gWte = new float[wte.value().capacity()];
        gWpe = new float[wpe.value().capacity()];
    }

    private static Mat mat(Map<String, Parameter> byName, String name) {
        Parameter p = byName.get(name);
        return new Mat(NativeViews.floats(p.value()), NativeViews.floats(p.grad()));
    }

    private Vec vec(Map<String, Parameter> byName, String name) {
        Vec v = new Vec(byName.get(name));
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
