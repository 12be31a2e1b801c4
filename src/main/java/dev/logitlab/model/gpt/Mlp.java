package dev.logitlab.model.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The position-wise feed-forward part of a block: c_fc, GELU, c_proj. */
final class Mlp {
    final Linear cFc;       // [C, M]
    final Linear cProj;     // [M, C]
    private final int m;

    Mlp(String prefix, GptSpec spec, double projStd, Random rnd) {
        this.m = spec.mlpHidden();
        this.cFc = new Linear(prefix + ".c_fc", spec.nEmbd(), m, true, 0.02, rnd);
        this.cProj = new Linear(prefix + ".c_proj", m, spec.nEmbd(), true, projStd, rnd);
    }

    List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>(cFc.parameters());
        ps.addAll(cProj.parameters());
        return ps;
    }

    record Activations(double[] in, double[] pre, double[] act, double[] out) {}

    /** {@code x} [T, C] (already layer-normed) → [T, C]. */
    Activations forward(double[] x, int t) {
        double[] pre = cFc.forward(x, t);                                    // [T, M]
        double[] act = new double[t * m];                                    // [T, M]
        for (int i = 0; i < act.length; i++) act[i] = Ops.gelu(pre[i]);
        double[] out = cProj.forward(act, t);                                // [T, C]
        return new Activations(x, pre, act, out);
    }

    /** Adds the gradients of c_fc and c_proj and returns the gradient for the input [T, C]. */
    double[] backward(double[] dOut, Activations a, int t) {
        double[] dPre = cProj.backward(dOut, a.act(), t);                    // [T, M], d act for now
        for (int i = 0; i < dPre.length; i++) dPre[i] *= Ops.geluGrad(a.pre()[i]);
        return cFc.backward(dPre, a.in(), t);
    }
}
