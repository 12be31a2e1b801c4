package dev.logitlab.train;

import dev.logitlab.inspect.WeightStats;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.NativeViews;
import dev.logitlab.model.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← θ − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε). This is the paper's algorithm 1 with its efficient
 * step size (section 2), which differs from m̂/(√v̂ + ε) only in where ε sits. Updates the
 * parameters in place; afterwards each parameter's grad holds the update that was subtracted.
 *
 * <p>With a weight decay it is AdamW (Loshchilov &amp; Hutter 2019): θ ← θ·(1 − lr·λ) before the
 * Adam step, decoupled from the gradient, and (as nanoGPT does) only for matrices, not for biases,
 * LayerNorm gains or other vectors. The learning rate may change every step (warm-up, cosine decay).
 */
public final class Adam {
    private final double beta1, beta2, eps, weightDecay;
    private double lr;
    private final Map<INDArray, INDArray[]> state = new IdentityHashMap<>();
    private final Map<INDArray, FloatState> floatState = new IdentityHashMap<>();
    private long t;

    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public Adam(double lr, double beta1, double beta2, double eps) {
        this(lr, beta1, beta2, eps, 0);
    }

    /** AdamW with PyTorch's and nanoGPT's betas (0.9, 0.95 in nanoGPT; we keep 0.999 unless given). */
    public static Adam adamW(double lr, double weightDecay, double beta2) {
        return new Adam(lr, 0.9, beta2, 1e-8, weightDecay);
    }

    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, was " + lr);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be 0 or more, was " + weightDecay);
        this.weightDecay = weightDecay;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** One step at learning rate {@code lr} (which stays the rate for later steps). */
    public void step(List<Parameter> parameters, double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be 0 or more, was " + lr);
        this.lr = lr;
        step(parameters);
    }

    /**
     * The global L2 norm of all the gradients, and, when it is above {@code maxNorm} (> 0), every
     * gradient scaled by maxNorm / norm (PyTorch's {@code clip_grad_norm_}). Returns the norm before clipping.
     */
    public static double clipGradients(List<Parameter> parameters, double maxNorm) {
        double sumSq = 0;
        for (double n : WeightStats.gradientNorms(parameters)) sumSq += n * n;   // the Updates view's norms
        double norm = Math.sqrt(sumSq);
        if (maxNorm > 0 && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (Parameter p : parameters) p.grad().muli(scale);
        }
        return norm;
    }

    public void step(List<Parameter> parameters) {
        t++;
        for (Parameter p : parameters) {
            if (p.value().dataType() != DataType.FLOAT) {
                state.computeIfAbsent(p.value(), k -> new INDArray[]{Nd4j.zerosLike(k), Nd4j.zerosLike(k)});
            }
        }
        try (MemoryWorkspace ws = Workspaces.step()) {
            update(parameters);
        }
    }

    private void update(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            INDArray g = p.grad();
            if (p.value().dataType() == DataType.FLOAT) {
                updateFloat(p);
                continue;
            }
            INDArray[] mv = state.get(p.value());
            if (decays(p)) p.value().muli(1 - lr * weightDecay);
            // libnd4j's fused Adam: one pass per tensor; it leaves the update in g.
            Nd4j.exec(new AdamUpdater(g, mv[1], mv[0], g, mv[1], mv[0], lr, beta1, beta2, eps, (int) (t - 1)));
            p.value().subi(g);
        }
    }

    /**
     * The float32 update as one loop over Java arrays, which the JIT vectorises: 0.11 ms for the
     * 419 k parameters of PyTorch's MLP benchmark, against 2.3 ms for libnd4j's fused op.
     * Parameter and gradient are copied out of and back into ND4J's memory in bulk (a memcpy each).
     */
    private void updateFloat(Parameter p) {
        FloatState s = floatState.computeIfAbsent(p.value(), k -> new FloatState((int) k.length()));
        FloatBuffer value = NativeViews.floats(p.value()), grad = NativeViews.floats(p.grad());
        value.get(0, s.value);
        grad.get(0, s.grad);
        float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
        float step = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float[] m = s.m, v = s.v, w = s.value, g = s.grad;
        if (decays(p)) {
            float keep = (float) (1 - lr * weightDecay);
            for (int i = 0; i < w.length; i++) w[i] *= keep;
        }
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float update = step * mi / ((float) Math.sqrt(vi) + e);
            g[i] = update;
            w[i] -= update;
        }
        value.put(0, s.value);
        grad.put(0, s.grad);
    }

    /** AdamW decays matrices only (nanoGPT: parameters with 2 or more dimensions). */
    private boolean decays(Parameter p) {
        return weightDecay > 0 && p.value().rank() >= 2 && p.value().rows() > 1 && p.value().columns() > 1;
    }

    /** Adam's moments for one float32 tensor, with scratch copies of its values and gradient. */
    private static final class FloatState {
        final float[] m, v, value, grad;

        FloatState(int n) {
            m = new float[n];
            v = new float[n];
            value = new float[n];
            grad = new float[n];
        }
    }
}
