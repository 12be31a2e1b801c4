package dev.logitlab.model.rnn;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.ActivationModel;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import dev.logitlab.model.rnn.RnnSpec.Cell;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A char-RNN (Karpathy 2015): each token's embedding feeds a recurrent layer (a vanilla tanh RNN
 * or a GRU), whose state after each token goes through {@code denseLayers} tanh layers and a
 * linear output layer to logits over the vocabulary. Unlike a windowed model it reads text of any
 * length one token at a time, so everything it knows about the past must fit in its hidden state.
 *
 * <p>Trained with truncated backpropagation through time: the gradient flows back over one window;
 * when a batch continues the previous one ({@link SequenceBatch#continues()}), the state the
 * previous window ended in is carried over as a constant, so the model still sees the text as one
 * stream. The backward pass is written out by hand and checked against finite differences in double.
 *
 * <p>Parameters, named as in PyTorch ({@code rnn.weight_ih} …) but stored [in, out]:
 * {@code wte.weight} [V, E]; {@code rnn.weight_ih} [E, gH], {@code rnn.weight_hh} [H, gH],
 * {@code rnn.bias_ih} [gH], {@code rnn.bias_hh} [gH] with g = 1 (RNN) or 3 (GRU, gates r|z|n);
 * {@code dense.l.weight} [H, H], {@code dense.l.bias} [H]; {@code head.weight} [H, V], {@code head.bias} [V].
 * Initialised as PyTorch does: embeddings N(0, 1), everything else U(−1/√fan-in, 1/√fan-in)
 * (the recurrent layer's fan-in counted as H, as {@code torch.nn.GRU} does).
 *
 * <p>Not thread-safe: one thread (the compute thread) owns a model.
 */
public final class CharRnn implements SequenceModel, ActivationModel {
    private final RnnSpec spec;
    private final DataType dtype;
    private final INDArray wte;                   // [V, E]
    private final List<Parameter> parameters = new ArrayList<>();
    private final Gemm gemm;
    private final RecurrentLayer rnn;
    private final Readout readout;

    private double[] carried;                     // [B, H] the last training window's final state, or null

    public CharRnn(RnnSpec spec, long seed) {
        this(spec, seed, DataType.FLOAT);
    }

    /** {@code dtype} DOUBLE is for gradient checks; the app trains in FLOAT. */
    public CharRnn(RnnSpec spec, long seed, DataType dtype) {
        if (spec == null) throw new IllegalArgumentException("a char-RNN needs a spec");
        this.spec = spec;
        this.dtype = dtype;
        this.gemm = new Gemm(dtype);
        Random rnd = new Random(seed);
        int v = spec.vocabSize(), e = spec.nEmbd(), h = spec.hidden(), gh = RecurrentLayer.gates(spec.cell()) * h;
        double k = 1 / Math.sqrt(h);
        wte = add("wte.weight", gaussian(rnd, v, e));
        INDArray[] rp = {
                add("rnn.weight_ih", uniform(rnd, k, e, gh)),
                add("rnn.weight_hh", uniform(rnd, k, h, gh)),
                add("rnn.bias_ih", uniform(rnd, k, gh)),
                add("rnn.bias_hh", uniform(rnd, k, gh))};
        rnn = new RecurrentLayer(spec.cell(), e, h, rp, grads(rp), gemm);
        INDArray[] w = new INDArray[spec.denseLayers()], b = new INDArray[w.length];
        for (int l = 0; l < w.length; l++) {
            w[l] = add("dense." + l + ".weight", uniform(rnd, k, h, h));
            b[l] = add("dense." + l + ".bias", uniform(rnd, k, h));
        }
        INDArray headW = add("head.weight", uniform(rnd, k, h, v)), headB = add("head.bias", uniform(rnd, k, v));
        readout = new Readout(h, v, w, b, grads(w), grads(b), headW, headB, grad(headW), grad(headB), gemm);
    }

    @Override public RnnSpec spec() { return spec; }
    @Override public List<Parameter> parameters() { return parameters; }
    @Override public boolean carriesState() { return true; }
    @Override public void resetState() { carried = null; }

    /** The state the next continuing batch starts from ([B, H], a copy), or null: for tests. */
    double[] carriedState() { return carried == null ? null : carried.clone(); }

    /** Sets the state the next continuing batch starts from: lets a test hold it fixed. */
    void carryState(double[] state) { carried = state.clone(); }

    /**
     * Its products are small ([B, H] · [H, 3H] each time step), so a second core gives little: at
     * V=65, E=32, H=256, B=32, T=64 on the shared 2-core machine, the GRU trained at 27.6 k tokens/s
     * on one thread and 26.2 k on two (the vanilla RNN 55 k and 70 k). One thread leaves the other
     * core to the window, unless the layer is wide.
     */
    @Override public int preferredThreads() {
        return spec.hidden() >= 512 ? Runtime.getRuntime().availableProcessors() : 1;
    }

    /**
     * One training step: the mean cross-entropy over the batch's counted targets, and its gradient
     * in every parameter's grad (overwritten). Starts from the carried state when the batch
     * continues the previous one row for row (same batch size), from zeros otherwise; afterwards
     * carries this window's final state.
     */
    @Override public double forwardBackward(SequenceBatch batch) {
        int counted = checkBatch(batch);
        int bs = batch.batchSize(), t = batch.length(), e = spec.nEmbd(), hd = spec.hidden();
        int[] tokens = timeMajor(batch.tokens(), bs, t);
        double[] h0 = batch.continues() && carried != null && carried.length == bs * hd ? carried : null;

        rnn.forward(embed(tokens), bs, t, h0);                                 // states [(T+1)·B, H]
        double[] logits = readout.forward(rnn.states(), bs * hd, bs * t);      // [T·B, V]
        double loss = softmaxCrossEntropy(logits, timeMajor(batch.targets(), bs, t), bs * t, counted, true);
        double[] dStates = readout.backward(logits);                           // [T·B, H]
        double[] dx = rnn.backward(dStates);                                   // [T·B, E]

        // the embedding's gradient: each looked-up row receives its position's slice of dx,
        // summed over repeats of the same token (a scatter-add)
        double[] gWte = new double[spec.vocabSize() * e];                      // [V, E]
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < e; j++) gWte[tokens[i] * e + j] += dx[i * e + j];
        }
        gemm.write(gWte, grad(wte));
        carried = rnn.finalState();                                            // detached: a plain copy
        return loss;
    }

    /**
     * Mean loss and accuracy over the counted targets, reading each row from a zero state. The
     * state carried between training batches is left as it was.
     */
    @Override public Evaluation evaluate(SequenceBatch batch) {
        int counted = checkBatch(batch);
        int bs = batch.batchSize(), t = batch.length();
        int[] targets = timeMajor(batch.targets(), bs, t);
        rnn.forward(embed(timeMajor(batch.tokens(), bs, t)), bs, t, null);
        double[] logits = readout.forward(rnn.states(), bs * spec.hidden(), bs * t);
        int v = spec.vocabSize(), correct = 0;
        for (int i = 0; i < bs * t; i++) {
            if (targets[i] == SequenceBatch.IGNORE) continue;
            int best = 0;
            for (int j = 1; j < v; j++) if (logits[i * v + j] > logits[i * v + best]) best = j;
            if (best == targets[i]) correct++;
        }
        double loss = softmaxCrossEntropy(logits, targets, bs * t, counted, false);
        return new Evaluation(loss, (double) correct / counted, counted);
    }

    /** Logits at every position, each row read from a zero state as {@link #evaluate} does; [B, T, V] row-major. */
    @Override public float[] logits(SequenceBatch batch) {
        checkBatch(batch);
        int bs = batch.batchSize(), t = batch.length(), v = spec.vocabSize();
        rnn.forward(embed(timeMajor(batch.tokens(), bs, t)), bs, t, null);
        double[] logits = readout.forward(rnn.states(), bs * spec.hidden(), bs * t);   // [T·B, V]
        float[] out = new float[bs * t * v];                                           // [B, T, V]
        for (int i = 0; i < t; i++) {
            for (int b = 0; b < bs; b++) {
                int src = (i * bs + b) * v, dst = (b * t + i) * v;
                for (int j = 0; j < v; j++) out[dst + j] = (float) logits[src + j];
            }
        }
        return out;
    }

    /**
     * The logits after reading {@code context} from a zero state. Any length of at least one token
     * is read in full, even beyond {@code spec().window()}: an RNN has no positions to run out of,
     * its training carried state across windows, and so the answer equals what
     * {@link #continueFrom} gives after the same tokens.
     */
    @Override public float[] nextTokenLogits(int[] context) {
        checkTokens(context, "context");
        rnn.forward(embed(context), 1, context.length, null);
        return toFloats(readout.forward(rnn.states(), context.length * spec.hidden(), 1));
    }

    /**
     * Reads {@code context} from a zero state, as {@link #nextTokenLogits} does, and returns the
     * recurrent state h_t after every token ([T, H], "recurrent state h_t") and each dense layer's
     * tanh output at every position ([T, H], "dense layer 1 (tanh)", …).
     */
    @Override public List<NamedActivations> activations(int[] context) {
        checkTokens(context, "context");
        int t = context.length, hd = spec.hidden();
        rnn.forward(embed(context), 1, t, null);
        double[] states = rnn.states();                                        // h0, then h_1 … h_T
        List<NamedActivations> out = new ArrayList<>();
        out.add(new NamedActivations(dev.logitlab.i18n.Messages.say("activation.rnn_state"), toFloats(states, hd, t * hd)));
        readout.forward(states, hd, t);
        for (int l = 0; l < spec.denseLayers(); l++) {
            out.add(new NamedActivations(dev.logitlab.i18n.Messages.say("activation.dense_layer", l + 1), toFloats(readout.denseOutput(l), 0, t * hd)));
        }
        return out;
    }

    private static float[] toFloats(double[] values, int from, int count) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) f[i] = (float) values[from + i];
        return f;
    }

    /** Keeps the hidden state between tokens: each {@link Continuation#append} costs one time step. */
    @Override public Continuation continueFrom(int[] context) {
        checkTokens(context, "context");
        return new Stateful(context);
    }

    /** A generation in progress that keeps its [1, H] hidden state. */
    private final class Stateful implements Continuation {
        private double[] state;
        private float[] logits;

        Stateful(int[] context) {
            rnn.forward(embed(context), 1, context.length, null);
            state = rnn.finalState();
        }

        @Override public float[] logits() {
            if (logits == null) logits = toFloats(readout.forward(state, 0, 1));
            return logits;
        }

        @Override public void append(int token) {
            if (token < 0 || token >= spec.vocabSize()) {
                throw new IllegalArgumentException("token must be in [0, " + spec.vocabSize() + "), was " + token);
            }
            rnn.forward(embed(new int[]{token}), 1, 1, state);
            state = rnn.finalState();
            logits = null;
        }
    }

    /**
     * Mean −log softmax(logits)[target] over the counted rows; with {@code backward}, overwrites
     * the logits with d(mean loss)/d(logits) = (softmax − one-hot) / counted (zero on ignored rows).
     */
    private double softmaxCrossEntropy(double[] logits, int[] targets, int rows, int counted, boolean backward) {
        int v = spec.vocabSize();
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int row = i * v, target = targets[i];
            if (target == SequenceBatch.IGNORE) {
                if (backward) Arrays.fill(logits, row, row + v, 0);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < v; j++) max = Math.max(max, logits[row + j]);
            for (int j = 0; j < v; j++) sum += Math.exp(logits[row + j] - max);
            double logZ = max + Math.log(sum);
            loss += logZ - logits[row + target];
            if (backward) {
                for (int j = 0; j < v; j++) logits[row + j] = Math.exp(logits[row + j] - logZ) / counted;
                logits[row + target] -= 1.0 / counted;
            }
        }
        return loss / counted;
    }

    /** The embeddings of {@code tokens}: [N, E]. */
    private double[] embed(int[] tokens) {
        int e = spec.nEmbd();
        double[] x = new double[tokens.length * e];
        for (int i = 0; i < tokens.length; i++) gemm.readRange(wte, tokens[i] * e, e, x, i * e);  // row tokens[i] of [V, E]
        return x;
    }

    /** A [B, T] row-major array re-laid as [T, B]: the B rows of one time step side by side. */
    private static int[] timeMajor(int[] batchMajor, int bs, int t) {
        int[] out = new int[batchMajor.length];
        for (int b = 0; b < bs; b++) {
            for (int i = 0; i < t; i++) out[i * bs + b] = batchMajor[b * t + i];
        }
        return out;
    }

    private void checkTokens(int[] tokens, String what) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException(what + " must hold at least one token, was " + (tokens == null ? "null" : "empty"));
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= spec.vocabSize()) {
                throw new IllegalArgumentException(what + ": token at position " + i + " must be in [0, "
                        + spec.vocabSize() + "), was " + tokens[i]);
            }
        }
    }

    /** Validates a batch against this model and returns how many targets count. */
    private int checkBatch(SequenceBatch batch) {
        if (batch == null) throw new IllegalArgumentException("a batch is needed, was null");
        if (batch.length() > spec.window()) {
            throw new IllegalArgumentException("batch rows must be at most the window of " + spec.window()
                    + " tokens, were " + batch.length());
        }
        checkTokens(batch.tokens(), "batch");
        int[] targets = batch.targets();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != SequenceBatch.IGNORE && (targets[i] < 0 || targets[i] >= spec.vocabSize())) {
                throw new IllegalArgumentException("target at row " + i / batch.length() + ", position " + i % batch.length()
                        + " must be in [0, " + spec.vocabSize() + ") or -1, was " + targets[i]);
            }
        }
        int counted = batch.counted();
        if (counted == 0) throw new IllegalArgumentException("every target of the batch is ignored (-1): there is no loss to compute");
        return counted;
    }

    private INDArray add(String name, INDArray value) {
        parameters.add(new Parameter(name, value, Nd4j.zeros(dtype, value.shape())));
        return value;
    }

    private INDArray grad(INDArray value) {
        for (Parameter p : parameters) if (p.value() == value) return p.grad();
        throw new IllegalStateException("not a parameter");
    }

    private INDArray[] grads(INDArray[] values) {
        INDArray[] g = new INDArray[values.length];
        for (int i = 0; i < g.length; i++) g[i] = grad(values[i]);
        return g;
    }

    private INDArray gaussian(Random rnd, long... shape) {
        double[] d = new double[(int) (shape[0] * shape[1])];
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextGaussian();
        return Nd4j.create(d, shape, 'c').castTo(dtype);
    }

    private INDArray uniform(Random rnd, double bound, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] d = new double[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = (rnd.nextDouble() * 2 - 1) * bound;
        return Nd4j.create(d, shape, 'c').castTo(dtype);
    }

    /** The first V values of a logits array (the readout's arrays are sized for a whole batch). */
    private float[] toFloats(double[] logits) {
        float[] f = new float[spec.vocabSize()];
        for (int i = 0; i < f.length; i++) f[i] = (float) logits[i];
        return f;
    }
}
