package dev.logitlab.model.gpt;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ActivationModel;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.AttentionModel;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.LensModel;
import dev.logitlab.model.LogitLens;
import dev.logitlab.model.NativeViews;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The GPT the app trains and runs: the same decoder as {@link ReferenceGpt} (GPT-2 style, pre-LayerNorm,
 * learned positions, GELU with the tanh approximation, untied lm_head), in float32 and built for speed.
 * Parameters are float32 ND4J arrays, so the optimizers, model files and weight statistics work as
 * for every other family; the passes themselves use no ND4J ops (tens of µs each, which would dominate
 * this model's small products) but OpenBLAS sgemm on the parameters' own memory and Java loops
 * over heap arrays, in buffers allocated once per batch shape ({@link GptPass}).
 *
 * <p>The same seed gives the same initial weights as {@code new ReferenceGpt(spec, seed)}; dropout
 * ({@code spec.dropout()}, on the embedding sum, the attention weights and each residual branch, as
 * nanoGPT) draws from its own stream seeded from the same seed. Not thread-safe.
 */
public final class Gpt implements SequenceModel, AttentionModel, ActivationModel, LensModel {
    /** A target that takes no part in the loss. */
    public static final int IGNORE = SequenceBatch.IGNORE;

    private final GptSpec spec;
    private final boolean tied;
    /** Every parameter's value by name, in GPT-2's state-dict order (no lm_head.weight when the head is tied). */
    private final Map<String, INDArray> values;
    /** Built with the gradients when first asked for: a model that only runs never holds them. */
    private List<Parameter> parameters;
    private GptWeights weights;
    private final GptPass.Dropout dropout;
    private GptPass trainPass, evalPass, inferPass;
    private int firstTrained;                        // blocks below this one are frozen (trainOnlyLast)
    private GptPass tuneTrain, tuneEval;            // fine-tuning: hidden states of whole messages
    private int[] tuneTokens;                        // the last training hiddenStates' tokens [B, cap] and lengths, for its backward
    private int[] tuneLengths;
    private boolean tuneLastRows;                    // whether it ran the last block at the last rows only

    public Gpt(GptSpec spec, long seed) {
        this(spec, new ReferenceGpt(Objects.requireNonNull(spec, "spec"), seed), false, seed);
    }

    /**
     * A GPT whose weights are all zero, to be filled with {@link #setWeights} (a checkpoint being read):
     * no double-precision reference is built, so a big model costs only its float32 weights.
     */
    public static Gpt unfilled(GptSpec spec) {
        return unfilled(spec, false);
    }

    /**
     * As {@link #unfilled(GptSpec)}; with {@code tiedHead} the head is wte itself (GPT-2's weight tying):
     * there is no lm_head.weight parameter, the logits are {@code ln_f(h) · wteᵀ}, and training adds the
     * head's gradient to wte's. At GPT-2 small's size that saves a 154 MB copy.
     */
    public static Gpt unfilled(GptSpec spec, boolean tiedHead) {
        return new Gpt(Objects.requireNonNull(spec, "spec"), null, tiedHead, 0);
    }

    private Gpt(GptSpec spec, ReferenceGpt init, boolean tied, long seed) {
        this.spec = spec;
        this.tied = tied;
        Map<String, Tensor> initial = new LinkedHashMap<>();
        if (init != null) for (Tensor t : init.parameters()) initial.put(t.name(), t);
        Map<String, INDArray> vs = new LinkedHashMap<>();
        // allocated once, outside any workspace: the passes keep views of this memory
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, long[]> e : shapes(spec, tied).entrySet()) {
                long[] shape = e.getValue();
                Tensor t = initial.get(e.getKey());
                float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
                if (t != null) for (int i = 0; i < values.length; i++) values[i] = (float) t.value()[i];
                vs.put(e.getKey(), Nd4j.create(values, shape, 'c'));
            }
        }
        this.values = vs;
        this.weights = new GptWeights(vs, Map.of(), spec.nLayer());
        this.dropout = spec.dropout() > 0 ? new GptPass.Dropout(spec.dropout(), seed ^ 0x5DEECE66DL) : null;
    }

    /**
     * Every parameter's name and shape, in GPT-2's state-dict order (as {@link ReferenceGpt#parameters()}):
     * wte [V, C], wpe [blockSize, C], per block ln_1, attn.c_attn [C, 3C], attn.c_proj [C, C], ln_2,
     * mlp.c_fc [C, M], mlp.c_proj [M, C] (weights [in, out], as GPT-2's Conv1D), ln_f, lm_head [C, V].
     */
    public static Map<String, long[]> shapes(GptSpec spec) {
        long v = spec.vocabSize(), c = spec.nEmbd(), m = spec.mlpHidden();
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("wte.weight", new long[]{v, c});
        s.put("wpe.weight", new long[]{spec.blockSize(), c});
        for (int l = 0; l < spec.nLayer(); l++) {
            String p = "h." + l + ".";
            s.put(p + "ln_1.weight", new long[]{c});
            s.put(p + "ln_1.bias", new long[]{c});
            s.put(p + "attn.c_attn.weight", new long[]{c, 3 * c});
            s.put(p + "attn.c_attn.bias", new long[]{3 * c});
            s.put(p + "attn.c_proj.weight", new long[]{c, c});
            s.put(p + "attn.c_proj.bias", new long[]{c});
            s.put(p + "ln_2.weight", new long[]{c});
            s.put(p + "ln_2.bias", new long[]{c});
            s.put(p + "mlp.c_fc.weight", new long[]{c, m});
            s.put(p + "mlp.c_fc.bias", new long[]{m});
            s.put(p + "mlp.c_proj.weight", new long[]{m, c});
            s.put(p + "mlp.c_proj.bias", new long[]{c});
        }
        s.put("ln_f.weight", new long[]{c});
        s.put("ln_f.bias", new long[]{c});
        s.put("lm_head.weight", new long[]{c, v});
        return s;
    }

    /** {@link #shapes(GptSpec)} less lm_head.weight when the head is tied to wte. */
    public static Map<String, long[]> shapes(GptSpec spec, boolean tiedHead) {
        Map<String, long[]> s = shapes(spec);
        if (tiedHead) s.remove("lm_head.weight");
        return s;
    }

    /** Whether the head is wte itself (no lm_head.weight of its own). */
    public boolean tiedHead() { return tied; }

    @Override public GptSpec spec() { return spec; }

    /**
     * In the reference's (GPT-2 state dict) order: wte, wpe, h.0 … h.{nLayer−1}, ln_f, lm_head (absent when
     * tied). The gradients are allocated on the first call (a model that only runs never makes one).
     */
    @Override public List<Parameter> parameters() {
        if (parameters == null) {
            Map<String, INDArray> grads = new LinkedHashMap<>();
            List<Parameter> ps = new ArrayList<>();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                values.forEach((name, value) -> {
                    INDArray g = Nd4j.zeros(DataType.FLOAT, value.shape());
                    grads.put(name, g);
                    ps.add(new Parameter(name, value, g));
                });
            }
            parameters = List.copyOf(ps);
            weights = new GptWeights(values, grads, spec.nLayer());
            trainPass = evalPass = inferPass = tuneTrain = tuneEval = null;          // they read the old views
        }
        return parameters;
    }

    /** The parameters' names and values in {@link #parameters()}'s order, without gradients (null): for reading and writing files. */
    public List<Parameter> parameterValues() {
        List<Parameter> out = new ArrayList<>();
        values.forEach((name, value) -> out.add(new Parameter(name, value, null)));
        return out;
    }

    @Override public long parameterCount() {
        return values.values().stream().mapToLong(INDArray::length).sum();
    }

    /** A copy of the named parameter's values, row-major; for a tied head, lm_head.weight is wte transposed ([C, V]). */
    public float[] weights(String name) {
        if (tied && name.equals("lm_head.weight")) {
            float[] wte = weights("wte.weight"), head = new float[wte.length];
            int v = spec.vocabSize(), c = spec.nEmbd();
            for (int r = 0; r < v; r++) for (int k = 0; k < c; k++) head[k * v + r] = wte[r * c + k];
            return head;
        }
        FloatBuffer f = NativeViews.floats(value(name));
        float[] out = new float[f.capacity()];
        f.get(0, out);
        return out;
    }

    /** Overwrites the named parameter's values (row-major, same size). */
    public void setWeights(String name, float[] values) {
        FloatBuffer f = NativeViews.floats(value(name));
        if (values.length != f.capacity()) {
            throw new IllegalArgumentException(name + " holds " + f.capacity() + " numbers, was given " + values.length);
        }
        f.put(0, values);
    }

    /** Takes every weight of a reference model with the same spec (rounded to float32). */
    public void copyFrom(ReferenceGpt reference) {
        checkSameSpec(reference);
        for (Tensor t : reference.parameters()) {
            float[] values = new float[t.size()];
            for (int i = 0; i < values.length; i++) values[i] = (float) t.value()[i];
            setWeights(t.name(), values);
        }
    }

    /** Writes every weight into a reference model with the same spec. */
    public void copyTo(ReferenceGpt reference) {
        checkSameSpec(reference);
        for (Tensor t : reference.parameters()) {
            float[] values = weights(t.name());
            for (int i = 0; i < values.length; i++) t.value()[i] = values[i];
        }
    }

    private void checkSameSpec(ReferenceGpt reference) {
        if (!reference.spec().withDropout(0).equals(spec.withDropout(0))) {
            throw new IllegalArgumentException("the reference's spec must match " + spec + ", was " + reference.spec());
        }
    }

    private INDArray value(String name) {
        INDArray p = values.get(name);
        if (p == null) throw new IllegalArgumentException(tied && name.equals("lm_head.weight")
                ? "the head is tied to wte: lm_head.weight is no parameter of its own" : "no parameter named " + name);
        return p;
    }

    @Override public double forwardBackward(SequenceBatch batch) {
        int counted = check(batch);
        parameters();                                           // the gradients, on the first step
        trainPass = pass(trainPass, batch.batchSize(), batch.length(), true);
        trainPass.forward(batch.tokens(), 0, batch.length(), true, dropout, Integer.MAX_VALUE);
        double loss = trainPass.crossEntropy(batch.targets(), counted, true)[0];
        trainPass.backward(batch.tokens(), firstTrained);
        return loss;
    }

    /**
     * Trains only the last {@code blocks} blocks (and ln_f, and an untied lm_head) from now on: the blocks
     * below, the embeddings and a tied head stay as they are, and the backward pass stops at the first trained
     * block. {@code blocks} = nLayer trains everything again.
     */
    public void trainOnlyLast(int blocks) {
        if (blocks < 1 || blocks > spec.nLayer()) throw new IllegalArgumentException("the blocks to train must be 1 to " + spec.nLayer() + ", was " + blocks);
        firstTrained = spec.nLayer() - blocks;
    }

    /** What an optimizer steps: every parameter, or after {@link #trainOnlyLast} those it names. */
    @Override public List<Parameter> trainableParameters() {
        if (firstTrained == 0) return parameters();
        List<Parameter> out = new ArrayList<>(parametersFrom(firstTrained));
        if (!tied) out.add(parameters().get(parameters().size() - 1));        // lm_head.weight, last in order
        return out;
    }

    @Override public Evaluation evaluate(SequenceBatch batch) {
        int counted = check(batch);
        evalPass = pass(evalPass, batch.batchSize(), batch.length(), false);
        evalPass.forward(batch.tokens(), 0, batch.length(), false, null, Integer.MAX_VALUE);
        double[] r = evalPass.crossEntropy(batch.targets(), counted, false);
        return new Evaluation(r[0], r[1] / counted, counted);
    }

    /** Evaluation-mode logits at every position of the batch, [B, T, V] row-major. */
    public float[] logits(SequenceBatch batch) {
        checkTokens(batch.tokens(), batch.length());
        evalPass = pass(evalPass, batch.batchSize(), batch.length(), false);
        evalPass.forward(batch.tokens(), 0, batch.length(), false, null, Integer.MAX_VALUE);
        float[] out = new float[batch.tokens().length * spec.vocabSize()];
        evalPass.logits.get(0, out);
        return out;
    }

    @Override public float[] nextTokenLogits(int[] context) {
        int[] ctx = window(context);
        infer(ctx.length, false, false).forward(ctx, 0, ctx.length, false, null, 1);
        float[] out = new float[spec.vocabSize()];
        inferPass.logits.get(0, out);
        return out;
    }

    @Override public AttentionMaps attention(int[] context) {
        int[] ctx = window(context);
        int t = ctx.length;
        infer(t, true, false).forward(ctx, 0, t, false, null, 1);
        int cap = inferPass.cap;
        float[][][] maps = new float[spec.nLayer()][spec.nHead()][t * t];
        for (int l = 0; l < spec.nLayer(); l++) {
            for (int h = 0; h < spec.nHead(); h++) {
                for (int i = 0; i < t; i++) System.arraycopy(inferPass.att[l], (h * cap + i) * cap, maps[l][h], i * t, t);
            }
        }
        List<String> labels = Arrays.stream(ctx).mapToObj(Integer::toString).toList();
        return new AttentionMaps(spec.nLayer(), spec.nHead(), t, maps, labels);
    }

    /**
     * The logit lens: ln_f and lm_head on the embeddings' output and on each block's output, as
     * nostalgebraist's. One forward pass, then one product with lm_head per layer.
     */
    @Override public LogitLens logitLens(int[] context, int top) {
        int[] ctx = window(context);
        int t = ctx.length, v = spec.vocabSize();
        GptPass p = infer(t, false, true);
        p.forward(ctx, 0, t, false, null, 1);
        return LogitLens.of(ctx, spec.nLayer() + 1, v, top, new LogitLens.Source() {
            @Override public void prepare(int row) { p.lens(row, t); }
            @Override public void logits(int position, float[] into) { p.logits.get(position * v, into, 0, v); }
        });
    }

    /**
     * One inference forward pass over {@code context} (its last blockSize tokens, no dropout), and per
     * block the MLP's GELU output ([T, mlpHidden]) and the residual stream leaving the block ([T, nEmbd]),
     * every position of the context, row-major: "block 1 · MLP (GELU)", "block 1 · output", …
     */
    @Override public List<NamedActivations> activations(int[] context) {
        int[] ctx = window(context);
        int t = ctx.length, c = spec.nEmbd(), ff = spec.mlpHidden();
        infer(t, false, true).forward(ctx, 0, t, false, null, 1);
        List<NamedActivations> out = new ArrayList<>();
        for (int l = 0; l < spec.nLayer(); l++) {
            out.add(new NamedActivations(dev.logitlab.i18n.Messages.say("activation.block_mlp", l + 1), Arrays.copyOf(inferPass.act[l].h, t * ff)));
            out.add(new NamedActivations(dev.logitlab.i18n.Messages.say("activation.block_output", l + 1), Arrays.copyOf(inferPass.resid[l + 1], t * c)));
        }
        return out;
    }

    /**
     * A KV cache: each appended token costs one position's work, reading the keys and values kept from
     * the earlier positions. Positions are learned and absolute, so once the text outgrows blockSize
     * every window starts somewhere new and the last blockSize tokens are re-read in full. The cache holds
     * room for the positions used so far, doubling (up to blockSize) as the text grows.
     */
    @Override public Continuation continueFrom(int[] context) {
        return new KvCache(window(context));
    }

    private final class KvCache implements Continuation {
        private GptPass pass;
        private final int[] tokens = new int[spec.blockSize()];
        private final float[] logits = new float[spec.vocabSize()];
        private int len;

        KvCache(int[] context) {
            System.arraycopy(context, 0, tokens, 0, context.length);
            len = context.length;
            pass = new GptPass(spec, weights, 1, room(len + 1), false, false, false);
            run(0);
        }

        private void run(int p0) {
            pass.forward(tokens, p0, len, false, null, 1);
            pass.logits.get(0, logits);
        }

        @Override public float[] logits() { return logits.clone(); }

        @Override public void append(int token) {
            checkToken(token, len);
            if (len == tokens.length) {
                System.arraycopy(tokens, 1, tokens, 0, len - 1);     // the window slides: every position changes
                tokens[len - 1] = token;
                run(0);
            } else {
                if (len == pass.cap) {                                  // full: a pass twice as long, the cache copied over
                    GptPass longer = new GptPass(spec, weights, 1, room(2 * len), false, false, false);
                    longer.copyCache(pass, len);
                    pass = longer;
                }
                tokens[len++] = token;
                run(len - 1);
            }
        }
    }

    // ---- fine-tuning on the hidden state (a classification head reads ln_f's output at a message's last token)

    /**
     * The parameters trained when blocks {@code firstBlock} … nLayer−1 and ln_f are (the blocks below are
     * frozen); {@code firstBlock} = 0 adds the embeddings, nLayer leaves ln_f alone. lm_head is never among
     * them: a head on the hidden state does not read it.
     */
    public List<Parameter> parametersFrom(int firstBlock) {
        checkBlock(firstBlock);
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : parameters()) {
            String n = p.name();
            if (n.startsWith("lm_head")) continue;
            if (n.startsWith("wte") || n.startsWith("wpe")) {
                if (firstBlock == 0) out.add(p);
            } else if (n.startsWith("h.")) {
                if (Integer.parseInt(n.substring(2, n.indexOf('.', 2))) >= firstBlock) out.add(p);
            } else {
                out.add(p);   // ln_f
            }
        }
        return out;
    }

    /**
     * Evaluation-mode residual stream entering block {@code block} (nLayer: leaving the last block, before
     * ln_f) at every position of each sequence: {@code [len_i, C]} row-major per sequence. What a frozen
     * stack of blocks hands the trained ones, computed once per message and kept across epochs.
     */
    public float[][] blockInputs(int[][] sequences, int block) {
        checkBlock(block);
        int[] tokens = prepareTune(sequences, false);
        int cap = tuneEval.cap;
        tuneEval.forwardBlocks(tokens, 0, block, false, null);
        int c = spec.nEmbd();
        float[][] out = new float[sequences.length][];
        for (int b = 0; b < sequences.length; b++) out[b] = Arrays.copyOfRange(tuneEval.resid[block], b * cap * c, (b * cap + sequences[b].length) * c);
        return out;
    }

    /**
     * The hidden state after ln_f at each sequence's last token, {@code [B, C]} row-major, the batch padded
     * to its longest sequence (causal attention: padding after a token never reaches it). Blocks from
     * {@code firstBlock} on run here; with {@code inputs} (from {@link #blockInputs} at firstBlock) the blocks
     * below are not run at all, otherwise the whole stack is. With {@code train} (dropout as the spec says)
     * the pass is kept for {@link #backwardHidden}.
     */
    public float[] hiddenStates(int[][] sequences, float[][] inputs, int firstBlock, boolean train) {
        checkBlock(firstBlock);
        int[] tokens = prepareTune(sequences, train);
        GptPass p = train ? tuneTrain : tuneEval;
        int c = spec.nEmbd(), cap = p.cap, nLayer = spec.nLayer();
        int from = 0;
        if (inputs != null && firstBlock > 0) {
            if (inputs.length != sequences.length) throw new IllegalArgumentException("need one input per sequence (" + sequences.length + "), was " + inputs.length);
            float[] x = p.resid[firstBlock];
            Arrays.fill(x, 0, sequences.length * cap * c, 0f);
            for (int b = 0; b < sequences.length; b++) {
                if (inputs[b].length != sequences[b].length * c) {
                    throw new IllegalArgumentException("input " + b + " must hold " + sequences[b].length * c + " numbers, was " + inputs[b].length);
                }
                System.arraycopy(inputs[b], 0, x, b * cap * c, inputs[b].length);
            }
            from = firstBlock;
        }
        // The head reads one row per sequence, so the last block need only run there (keys and values aside):
        // always when nothing is trained below it, and when the last block is the first one trained.
        boolean lastRows = from < nLayer && (!train || (firstBlock == nLayer - 1 && firstBlock > 0 && dropout == null));
        float[] out = new float[sequences.length * c];
        if (lastRows) {
            int[] rows = new int[sequences.length];
            for (int b = 0; b < sequences.length; b++) rows[b] = b * cap + sequences[b].length - 1;
            p.forwardBlocks(tokens, from, nLayer - 1, train, dropout);
            p.forwardLastRows(rows, train);
            System.arraycopy(p.lnF.h, 0, out, 0, out.length);
        } else {
            p.forwardBlocks(tokens, from, nLayer, train, dropout);
            for (int b = 0; b < sequences.length; b++) System.arraycopy(p.lnF.h, (b * cap + sequences[b].length - 1) * c, out, b * c, c);
        }
        if (train) tuneLastRows = lastRows;
        return out;
    }

    /**
     * The backward pass of the last training {@link #hiddenStates}, from the gradient of the loss in each
     * returned hidden state ({@code [B, C]}): fills the gradients of {@link #parametersFrom}(firstBlock) and
     * does no work for the blocks below.
     */
    public void backwardHidden(float[] dHidden, int firstBlock) {
        checkBlock(firstBlock);
        if (tuneTrain == null || tuneLengths == null) throw new IllegalStateException("backwardHidden needs a training hiddenStates first");
        int c = spec.nEmbd(), cap = tuneTrain.cap, b = tuneLengths.length;
        if (dHidden.length != b * c) throw new IllegalArgumentException("dHidden must hold " + b * c + " numbers, was " + dHidden.length);
        if (tuneLastRows) {
            if (firstBlock != spec.nLayer() - 1) throw new IllegalArgumentException("the last forward trained from block " + (spec.nLayer() - 1) + ", not " + firstBlock);
            tuneTrain.backwardLastRows(dHidden);
            return;
        }
        float[] d = new float[b * cap * c];
        for (int i = 0; i < b; i++) System.arraycopy(dHidden, i * c, d, (i * cap + tuneLengths[i] - 1) * c, c);
        tuneTrain.backwardHidden(tuneTokens, d, firstBlock);
    }

    /** Sizes the fine-tuning pass for this batch (one allocation for the longest batch yet) and lays out its tokens [B, cap]. */
    private int[] prepareTune(int[][] sequences, boolean train) {
        if (sequences == null || sequences.length == 0) throw new IllegalArgumentException("the batch must hold at least one sequence");
        if (train) parameters();                           // the gradients, before the training pass that fills them
        int cap = 0;
        for (int b = 0; b < sequences.length; b++) {
            if (sequences[b] == null || sequences[b].length == 0 || sequences[b].length > spec.blockSize()) {
                throw new IllegalArgumentException("sequence " + b + " must hold 1 to " + spec.blockSize() + " tokens, was "
                        + (sequences[b] == null ? "null" : sequences[b].length));
            }
            for (int i = 0; i < sequences[b].length; i++) checkToken(sequences[b][i], i);
            cap = Math.max(cap, sequences[b].length);
        }
        GptPass p = train ? tuneTrain : tuneEval;
        if (p == null || p.maxBatch < sequences.length || p.maxCap < cap) {
            int batch = Math.max(sequences.length, p == null ? 0 : p.maxBatch), longest = Math.max(cap, p == null ? 0 : p.maxCap);
            p = new GptPass(spec, weights, batch, longest, train, train, true);
            if (train) tuneTrain = p; else tuneEval = p;
        }
        p.use(sequences.length, cap);
        int[] tokens = new int[sequences.length * cap];   // padding: token 0, read by nothing that counts
        int[] lengths = new int[sequences.length];
        for (int b = 0; b < sequences.length; b++) {
            System.arraycopy(sequences[b], 0, tokens, b * cap, sequences[b].length);
            lengths[b] = sequences[b].length;
        }
        if (train) {
            tuneTokens = tokens;
            tuneLengths = lengths;
        }
        return tokens;
    }

    private void checkBlock(int block) {
        if (block < 0 || block > spec.nLayer()) throw new IllegalArgumentException("block must be in [0, " + spec.nLayer() + "], was " + block);
    }

    /**
     * Two threads for models of the teaching config's size and up: measured with GptBenchmark on the
     * 2-core machine, training took 48 ms a step on two OpenBLAS threads against 65 ms on one (B = 32,
     * T = 32); the B = 1 forward pass was 0.87 ms against 0.77 ms, a loss too small to matter. The big
     * products (lm_head, the MLP) carry the gain, so tiny models, whose products are all small, stay on one.
     * On a machine that other work already keeps busy, two threads were slower (156 ms a step).
     */
    @Override public int preferredThreads() {
        return parameterCount() < 250_000 ? 1 : Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    private GptPass pass(GptPass cached, int batch, int cap, boolean training) {
        if (cached != null && cached.batch == batch && cached.cap == cap) return cached;
        return new GptPass(spec, weights, batch, cap, training, training, training);
    }

    /**
     * The one-sequence inference pass for {@code positions} tokens, keeping the attention weights and every
     * block's activations only if asked: allocated by need (a pass that kept everything for all 1,024
     * positions of GPT-2 small would hold about 1.6 GB, 600 MB of it attention maps; one that keeps
     * nothing, about 200 MB), reused while it is long enough and keeps what is asked.
     */
    private GptPass infer(int positions, boolean keepAttention, boolean keepLayers) {
        GptPass p = inferPass;
        if (p == null || p.cap < positions || (keepAttention && !p.keepsAttention()) || (keepLayers && !p.keepsLayers())) {
            int cap = room(positions);
            inferPass = null;                                                // the old pass may go before the new one is made
            inferPass = p = new GptPass(spec, weights, 1, cap, false, keepAttention, keepLayers);
        }
        return p;
    }

    /** Room for {@code positions}: the next power of two from 16, at most blockSize (few reallocations as a text grows). */
    private int room(int positions) {
        return Math.min(spec.blockSize(), Math.max(16, Integer.highestOneBit(Math.max(1, positions - 1)) << 1));
    }

    private int[] window(int[] context) {
        if (context == null || context.length == 0) throw new IllegalArgumentException("context must hold at least one token, was empty");
        int n = Math.min(context.length, spec.blockSize());
        int[] ctx = Arrays.copyOfRange(context, context.length - n, context.length);
        for (int i = 0; i < n; i++) checkToken(ctx[i], i);
        return ctx;
    }

    private void checkToken(int token, int position) {
        if (token < 0 || token >= spec.vocabSize()) {
            throw new IllegalArgumentException("token at position " + position + " must be in [0, " + spec.vocabSize() + "), was " + token);
        }
    }

    private void checkTokens(int[] tokens, int length) {
        if (length > spec.blockSize()) {
            throw new IllegalArgumentException("rows must hold at most blockSize " + spec.blockSize() + " tokens, was " + length);
        }
        for (int i = 0; i < tokens.length; i++) checkToken(tokens[i], i % length);
    }

    /** Validates a batch and returns how many targets count. */
    private int check(SequenceBatch batch) {
        checkTokens(batch.tokens(), batch.length());
        int counted = 0;
        for (int i = 0; i < batch.targets().length; i++) {
            int t = batch.targets()[i];
            if (t == IGNORE) continue;
            if (t < 0 || t >= spec.vocabSize()) {
                throw new IllegalArgumentException("target " + i + " must be in [0, " + spec.vocabSize() + ") or -1, was " + t);
            }
            counted++;
        }
        if (counted == 0) throw new IllegalArgumentException("every target of the batch is ignored (-1): there is no loss to compute");
        return counted;
    }
}
