package dev.logitlab.model.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One transformer block, pre-LayerNorm as GPT-2: {@code x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))}.
 * Its parameters are named {@code h.{index}.…}.
 */
final class Block {
    final LayerNorm ln1;
    final Attention attn;
    final LayerNorm ln2;
    final Mlp mlp;

    Block(int index, GptSpec spec, Random rnd) {
        String prefix = "h." + index;
        // GPT-2 scales the residual projections by 1/√(2·nLayer): each block adds two of them
        double projStd = 0.02 / Math.sqrt(2.0 * spec.nLayer());
        this.ln1 = new LayerNorm(prefix + ".ln_1", spec.nEmbd());
        this.attn = new Attention(prefix + ".attn", spec, projStd, rnd);
        this.ln2 = new LayerNorm(prefix + ".ln_2", spec.nEmbd());
        this.mlp = new Mlp(prefix + ".mlp", spec, projStd, rnd);
    }

    /** In the GPT-2 state dict's order: ln_1, attn, ln_2, mlp. */
    List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>(ln1.parameters());
        ps.addAll(attn.parameters());
        ps.addAll(ln2.parameters());
        ps.addAll(mlp.parameters());
        return ps;
    }

    record Activations(LayerNorm.Result ln1, Attention.Activations attn, LayerNorm.Result ln2,
                       Mlp.Activations mlp, double[] out) {}

    /** {@code x} [T, C] → [T, C]. */
    Activations forward(double[] x, int t) {
        LayerNorm.Result n1 = ln1.forward(x, t);                            // [T, C]
        Attention.Activations a = attn.forward(n1.y(), t);
        double[] x1 = Ops.add(x, a.out());                                  // [T, C]
        LayerNorm.Result n2 = ln2.forward(x1, t);                           // [T, C]
        Mlp.Activations m = mlp.forward(n2.y(), t);
        double[] out = Ops.add(x1, m.out());                                // [T, C]
        return new Activations(n1, a, n2, m, out);
    }

    /** Adds every gradient of the block and returns the gradient for its input [T, C]. */
    double[] backward(double[] dOut, Activations a, int t) {
        // a residual passes its gradient through unchanged and adds what comes back through the branch
        double[] dX1 = Ops.add(dOut, ln2.backward(mlp.backward(dOut, a.mlp(), t), a.ln2(), t));   // [T, C]
        return Ops.add(dX1, ln1.backward(attn.backward(dX1, a.attn(), t), a.ln1(), t));          // [T, C]
    }
}
