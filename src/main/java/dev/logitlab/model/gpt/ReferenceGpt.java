package dev.logitlab.model.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A decoder-only GPT (GPT-2 style, pre-LayerNorm) in plain Java and double precision, with its
 * backward pass written out by hand: the scalar reference that faster implementations are checked
 * against, and a version to read. Clarity comes first: simple loops over flat row-major arrays,
 * one sequence at a time, nothing cached between calls.
 *
 * <p>Parameters are named and shaped as in GPT-2's state dict without the {@code transformer.}
 * prefix ({@code wte.weight}, {@code h.0.attn.c_attn.weight} [C, 3C] …), except that
 * {@code lm_head.weight} is its own [C, V] matrix, not tied to wte. Weights start as nanoGPT's:
 * N(0, 0.02), the residual projections N(0, 0.02/√(2·nLayer)), biases 0, LayerNorm weights 1.
 *
 * <p>Dropout is not implemented: the forward pass is the inference one, and
 * {@link #lossAndBackward} refuses a spec with dropout above 0. Not thread-safe.
 */
public final class ReferenceGpt {
    /** A target that takes no part in the loss (PyTorch's {@code ignore_index=-1} in nanoGPT). */
    public static final int IGNORE = -1;

    private final GptSpec spec;
    private final Tensor wte;           // [V, C]
    private final Tensor wpe;           // [blockSize, C]
    private final Block[] h;            // nLayer blocks
    private final LayerNorm lnF;
    private final Linear lmHead;        // [C, V], no bias
    private final List<Tensor> parameters;

    public ReferenceGpt(GptSpec spec, long seed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Random rnd = new Random(seed);
        int v = spec.vocabSize(), c = spec.nEmbd();
        List<Tensor> ps = new ArrayList<>();
        wte = Tensor.normal("wte.weight", rnd, 0.02, v, c);
        wpe = Tensor.normal("wpe.weight", rnd, 0.02, spec.blockSize(), c);
        ps.add(wte);
        ps.add(wpe);
        h = new Block[spec.nLayer()];
        for (int l = 0; l < h.length; l++) {
            h[l] = new Block(l, spec, rnd);
            ps.addAll(h[l].parameters());
        }
        lnF = new LayerNorm("ln_f", c);
        ps.addAll(lnF.parameters());
        lmHead = new Linear("lm_head", c, v, false, 0.02, rnd);
        ps.addAll(lmHead.parameters());
        parameters = List.copyOf(ps);
    }

    public GptSpec spec() { return spec; }

    /** Every trainable tensor, in the state dict's order: wte, wpe, h.0 … h.{nLayer−1}, ln_f, lm_head. */
    public List<Tensor> parameters() { return parameters; }

    public long parameterCount() {
        return parameters.stream().mapToLong(Tensor::size).sum();
    }

    /**
     * The result of a forward pass over one sequence: {@code logits[t]} scores the token after
     * position t; {@code attention[layer][head][i][j]} is the weight position i gave position j
     * (null unless asked for).
     */
    public record Forward(double[][] logits, double[][][][] attention) {}

    /** The logits [T, V] for a sequence of T ≤ blockSize tokens, and the attention maps if asked. */
    public Forward forward(int[] tokens, boolean captureAttention) {
        checkTokens(tokens, "tokens");
        Pass p = run(tokens);
        int t = tokens.length, v = spec.vocabSize();
        double[][] logits = new double[t][v];                                // [T, V]
        for (int i = 0; i < t; i++) System.arraycopy(p.logits(), i * v, logits[i], 0, v);
        double[][][][] attention = null;                                     // [nLayer, nHead, T, T]
        if (captureAttention) {
            attention = new double[h.length][][][];
            for (int l = 0; l < h.length; l++) attention[l] = p.blocks()[l].attn().att();
        }
        return new Forward(logits, attention);
    }

    /** The mean cross-entropy over every position whose target is not {@link #IGNORE}; no gradients. */
    public double loss(int[][] batchTokens, int[][] batchTargets) {
        return lossAndMaybeBackward(batchTokens, batchTargets, false);
    }

    /**
     * The mean cross-entropy (nats) over every position of the batch whose target is not
     * {@link #IGNORE}, and the gradient of that mean in every parameter's {@code grad} (zeroed first).
     * Sequences may differ in length; each target row must match its token row.
     */
    public double lossAndBackward(int[][] batchTokens, int[][] batchTargets) {
        if (spec.dropout() > 0) {
            throw new UnsupportedOperationException("the reference GPT does not implement dropout; training needs dropout 0, was "
                    + spec.dropout());
        }
        return lossAndMaybeBackward(batchTokens, batchTargets, true);
    }

    private double lossAndMaybeBackward(int[][] batchTokens, int[][] batchTargets, boolean backward) {
        int counted = checkBatch(batchTokens, batchTargets);
        if (backward) parameters.forEach(Tensor::zeroGrad);
        int v = spec.vocabSize();
        double lossSum = 0;
        for (int b = 0; b < batchTokens.length; b++) {
            int t = batchTokens[b].length;
            Pass p = run(batchTokens[b]);
            double[] logits = p.logits();                                    // [T, V]
            double[] dLogits = new double[t * v];                            // [T, V], ignored rows stay 0
            for (int i = 0; i < t; i++) {
                int target = batchTargets[b][i];
                if (target == IGNORE) continue;
                double logZ = Ops.logSumExp(logits, i * v, v);
                lossSum += logZ - logits[i * v + target];                   // −log softmax(logits)[target]
                for (int k = 0; k < v; k++) {
                    // d(mean loss)/d logit = (softmax − one-hot) / number of counted positions
                    double prob = Math.exp(logits[i * v + k] - logZ);
                    dLogits[i * v + k] = (prob - (k == target ? 1 : 0)) / counted;
                }
            }
            if (backward) backward(p, dLogits);
        }
        return lossSum / counted;
    }

    /**
     * The hidden state after ln_f at the last position of {@code tokens}, [C]: what a classification head reads
     * (the fine-tuning path of {@link Gpt#hiddenStates}, here in double precision to check it against).
     */
    public double[] lastHidden(int[] tokens) {
        checkTokens(tokens, "tokens");
        Pass p = run(tokens);
        int c = spec.nEmbd(), t = tokens.length;
        return java.util.Arrays.copyOfRange(p.lnF().y(), (t - 1) * c, t * c);
    }

    /**
     * Adds to the parameters' gradients those of a loss whose gradient in {@link #lastHidden}(tokens) is
     * {@code dHidden} [C], through ln_f and the blocks (and the embeddings); lm_head's gradient is untouched.
     * Call {@link #zeroGrads} first.
     */
    public void backwardLastHidden(int[] tokens, double[] dHidden) {
        checkTokens(tokens, "tokens");
        int c = spec.nEmbd(), t = tokens.length;
        if (dHidden.length != c) throw new IllegalArgumentException("dHidden must hold " + c + " numbers, was " + dHidden.length);
        Pass p = run(tokens);
        double[] dy = new double[t * c];                                     // [T, C]: only the last position feeds the loss
        System.arraycopy(dHidden, 0, dy, (t - 1) * c, c);
        double[] dx = lnF.backward(dy, p.lnF(), t);
        for (int l = h.length - 1; l >= 0; l--) dx = h[l].backward(dx, p.blocks()[l], t);
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < c; k++) {
                wte.grad()[tokens[i] * c + k] += dx[i * c + k];
                wpe.grad()[i * c + k] += dx[i * c + k];
            }
        }
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrads() {
        parameters.forEach(Tensor::zeroGrad);
    }

    /** Per block, for tests: {GELU output [T, M], block output [T, C]} of one forward pass over {@code tokens}. */
    double[][][] blockActivations(int[] tokens) {
        Pass p = run(tokens);
        double[][][] out = new double[p.blocks().length][][];
        for (int l = 0; l < out.length; l++) out[l] = new double[][]{p.blocks()[l].mlp().act(), p.blocks()[l].out()};
        return out;
    }

    /** Everything one forward pass computed, kept for the backward pass. */
    private record Pass(int[] tokens, Block.Activations[] blocks, LayerNorm.Result lnF, double[] logits) {}

    private Pass run(int[] tokens) {
        int t = tokens.length, c = spec.nEmbd();
        double[] x = new double[t * c];                                      // [T, C] = wte[token] + wpe[position]
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < c; k++) x[i * c + k] = wte.value()[tokens[i] * c + k] + wpe.value()[i * c + k];
        }
        Block.Activations[] blocks = new Block.Activations[h.length];
        for (int l = 0; l < h.length; l++) {
            blocks[l] = h[l].forward(x, t);
            x = blocks[l].out();                                             // [T, C]
        }
        LayerNorm.Result f = lnF.forward(x, t);                              // [T, C]
        double[] logits = lmHead.forward(f.y(), t);                          // [T, V]
        return new Pass(tokens, blocks, f, logits);
    }

    private void backward(Pass p, double[] dLogits) {
        int t = p.tokens().length, c = spec.nEmbd();
        double[] dx = lnF.backward(lmHead.backward(dLogits, p.lnF().y(), t), p.lnF(), t);   // [T, C]
        for (int l = h.length - 1; l >= 0; l--) dx = h[l].backward(dx, p.blocks()[l], t);  // [T, C]
        // the embeddings' gradient: each looked-up row receives its position's slice of dx,
        // summed over repeats of the same token (a scatter-add)
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < c; k++) {
                wte.grad()[p.tokens()[i] * c + k] += dx[i * c + k];
                wpe.grad()[i * c + k] += dx[i * c + k];
            }
        }
    }

    private void checkTokens(int[] tokens, String what) {
        if (tokens == null || tokens.length < 1 || tokens.length > spec.blockSize()) {
            throw new IllegalArgumentException(what + " must hold 1 to " + spec.blockSize() + " tokens, was "
                    + (tokens == null ? "null" : tokens.length));
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= spec.vocabSize()) {
                throw new IllegalArgumentException(what + ": token at position " + i + " must be in [0, "
                        + spec.vocabSize() + "), was " + tokens[i]);
            }
        }
    }

    /** Validates a batch and returns how many of its targets count towards the loss. */
    private int checkBatch(int[][] batchTokens, int[][] batchTargets) {
        if (batchTokens == null || batchTokens.length == 0) throw new IllegalArgumentException("the batch must hold at least one sequence");
        if (batchTargets == null || batchTargets.length != batchTokens.length) {
            throw new IllegalArgumentException("the batch needs one target row per sequence (" + batchTokens.length
                    + "), was " + (batchTargets == null ? "null" : batchTargets.length));
        }
        int counted = 0;
        for (int b = 0; b < batchTokens.length; b++) {
            checkTokens(batchTokens[b], "sequence " + b);
            int[] targets = batchTargets[b];
            if (targets == null || targets.length != batchTokens[b].length) {
                throw new IllegalArgumentException("targets of sequence " + b + " must hold " + batchTokens[b].length
                        + " ids, was " + (targets == null ? "null" : targets.length));
            }
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] == IGNORE) continue;
                if (targets[i] < 0 || targets[i] >= spec.vocabSize()) {
                    throw new IllegalArgumentException("target " + i + " of sequence " + b + " must be in [0, "
                            + spec.vocabSize() + ") or -1, was " + targets[i]);
                }
                counted++;
            }
        }
        if (counted == 0) throw new IllegalArgumentException("every target of the batch is ignored (-1): there is no loss to compute");
        return counted;
    }
}
