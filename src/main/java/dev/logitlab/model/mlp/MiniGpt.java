package dev.logitlab.model.mlp;

import dev.logitlab.data.Batch;
import dev.logitlab.data.Examples;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.Workspaces;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * "MiniGPT", the model of the seed projects: look up an embedding for each of the last N tokens,
 * concatenate them, pass them through one or two dense layers and project to logits over the
 * whole vocabulary (Bengio et al. 2003). The backward pass is written out by hand, layer by layer,
 * and checked against finite differences in the tests.
 */
public final class MiniGpt implements GradientModel, dev.logitlab.model.ActivationModel {
    private final MlpSpec spec;
    private final DataType dtype;
    private final INDArray wte;                  // [V, C]   token embeddings
    private final INDArray[] w, b;               // w[0]: [N·C, H], w[1]: [H, H]; b[l]: [1, H]
    private final INDArray lmHeadW, lmHeadB;     // [H, V], [1, V]
    private final List<Parameter> parameters = new ArrayList<>();
    private final FastStep fast;                 // the float32 training step; null in double precision

    public MiniGpt(MlpSpec spec, long seed) {
        this(spec, seed, DataType.FLOAT);
    }

    /** {@code dtype} DOUBLE is for gradient checks; the app trains in FLOAT. */
    public MiniGpt(MlpSpec spec, long seed, DataType dtype) {
        this.spec = spec;
        this.dtype = dtype;
        Random rnd = new Random(seed);
        int v = spec.vocabSize(), c = spec.nEmbd(), h = spec.hiddenSize(), in = spec.contextSize() * c;
        wte = add("wte", gaussian(rnd, v, c, 1.0));   // as torch.nn.Embedding: N(0, 1)
        w = new INDArray[spec.hiddenLayers()];
        b = new INDArray[spec.hiddenLayers()];
        for (int l = 0; l < w.length; l++) {
            int fanIn = l == 0 ? in : h;
            w[l] = add("hidden" + l + ".weight", uniform(rnd, fanIn, h, 1 / Math.sqrt(fanIn))); // as torch.nn.Linear
            b[l] = add("hidden" + l + ".bias", uniform(rnd, 1, h, 1 / Math.sqrt(fanIn)));
        }
        lmHeadW = add("lmHead.weight", uniform(rnd, h, v, 1 / Math.sqrt(h)));
        lmHeadB = add("lmHead.bias", uniform(rnd, 1, v, 1 / Math.sqrt(h)));
        if (dtype == DataType.FLOAT) {
            INDArray[] gw = new INDArray[w.length], gb = new INDArray[b.length];
            for (int l = 0; l < w.length; l++) {
                gw[l] = grad(w[l]);
                gb[l] = grad(b[l]);
            }
            fast = new FastStep(spec, wte, grad(wte), w, gw, b, gb, lmHeadW, grad(lmHeadW), lmHeadB, grad(lmHeadB));
        } else {
            fast = null;
        }
    }

    private INDArray add(String name, INDArray value) {
        parameters.add(new Parameter(name, value, Nd4j.zeros(dtype, value.shape())));
        return value;
    }

    private INDArray gaussian(Random rnd, int rows, int cols, double std) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextGaussian() * std;
        return Nd4j.create(d, new long[]{rows, cols}, 'c').castTo(dtype);
    }

    private INDArray uniform(Random rnd, int rows, int cols, double bound) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = (rnd.nextDouble() * 2 - 1) * bound;
        return Nd4j.create(d, new long[]{rows, cols}, 'c').castTo(dtype);
    }

    @Override public MlpSpec spec() { return spec; }

    /**
     * Its matrices are small ([32, 128] × [128, 128] at the defaults), so OpenMP's hand-offs cost
     * more than a second core gives: on the 2-core test machine the default set trained at
     * 13.7–14.1 k tokens/s on one thread against 7.2–9.4 k on two, and one thread leaves the
     * other core to the window.
     */
    @Override public int preferredThreads() {
        long widest = Math.max((long) spec.contextSize() * spec.nEmbd(), spec.hiddenSize());
        return widest * spec.vocabSize() < 4_000_000 ? 1 : Runtime.getRuntime().availableProcessors();
    }
    @Override public List<Parameter> parameters() { return parameters; }

    /** What the forward pass keeps for the backward pass. */
    private record Activations(INDArray x, INDArray[] pre, INDArray[] out, INDArray logits) {}

    private Activations forward(int[] contexts, int batchSize) {
        int n = spec.contextSize(), c = spec.nEmbd();
        INDArray x = Nd4j.pullRows(wte, 1, contexts).reshape('c', batchSize, (long) n * c);  // [B, N·C]
        INDArray[] pre = new INDArray[w.length], out = new INDArray[w.length];
        INDArray hIn = x;
        for (int l = 0; l < w.length; l++) {
            pre[l] = hIn.mmul(w[l]).addiRowVector(b[l]);                          // [B, H]
            out[l] = spec.activation().apply(pre[l]);                              // [B, H]
            hIn = out[l];
        }
        INDArray logits = hIn.mmul(lmHeadW).addiRowVector(lmHeadB);               // [B, V]
        return new Activations(x, pre, out, logits);
    }

    @Override public float[] nextTokenLogits(int[] context) {
        if (context.length != spec.contextSize()) {
            throw new IllegalArgumentException("context must hold " + spec.contextSize() + " ids, was " + context.length);
        }
        try (MemoryWorkspace ws = Workspaces.step()) {
            return forward(context, 1).logits().castTo(DataType.FLOAT).toFloatVector();
        }
    }

    /** One batched forward pass: [B, V] row-major. */
    @Override public float[] logits(dev.logitlab.data.Batch batch) {
        try (MemoryWorkspace ws = Workspaces.step()) {
            INDArray z = forward(batch.contexts(), batch.size()).logits();           // [B, V]
            return z.castTo(DataType.FLOAT).dup('c').reshape(new long[] {z.length()}).toFloatVector();
        }
    }

    /**
     * What each hidden layer outputs (after its activation) when the model reads {@code context}:
     * one array of {@code hiddenSize} values per layer, for activation histograms.
     */
    public float[][] hiddenActivations(int[] context) {
        if (context.length != spec.contextSize()) {
            throw new IllegalArgumentException("context must hold " + spec.contextSize() + " ids, was " + context.length);
        }
        try (MemoryWorkspace ws = Workspaces.step()) {
            Activations a = forward(context, 1);
            float[][] out = new float[w.length][];
            for (int l = 0; l < w.length; l++) out[l] = a.out()[l].castTo(DataType.FLOAT).toFloatVector();
            return out;
        }
    }

    /** Each hidden layer's output, named "hidden layer 1" …: {@link #hiddenActivations}. */
    @Override public java.util.List<dev.logitlab.model.ActivationModel.NamedActivations> activations(int[] context) {
        float[][] values = hiddenActivations(context);
        java.util.List<dev.logitlab.model.ActivationModel.NamedActivations> out = new java.util.ArrayList<>();
        for (int l = 0; l < values.length; l++) {
            out.add(new dev.logitlab.model.ActivationModel.NamedActivations(dev.logitlab.i18n.Messages.say("activation.hidden_layer", l + 1), values[l]));
        }
        return out;
    }

    /** Softmax over each row, shifted by the row maximum so exp never overflows. */
    private static INDArray softmaxRows(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1).reshape(logits.rows(), 1));
    }

    @Override public double forwardBackward(Batch batch) {
        return fast != null ? fast.forwardBackward(batch) : forwardBackwardReference(batch);
    }

    /**
     * The training step written with ND4J ops, one line per equation: the version to read, and the
     * one the gradient check verifies in double precision. {@link FastStep} computes the same in float32.
     */
    double forwardBackwardReference(Batch batch) {
        // Every temporary of a step lives in a reused workspace: ND4J's off-heap allocations
        // otherwise cost more than this small model's arithmetic. Gradients live outside it.
        try (MemoryWorkspace ws = Workspaces.step()) {
            return forwardBackwardInWorkspace(batch);
        }
    }

    private double forwardBackwardInWorkspace(Batch batch) {
        int bs = batch.size();
        Activations a = forward(batch.contexts(), bs);
        INDArray probs = softmaxRows(a.logits());                                  // [B, V]
        double loss = 0;
        for (int i = 0; i < bs; i++) {
            int t = batch.targets()[i];
            double p = probs.getDouble(i, t);
            loss -= Math.log(Math.max(p, 1e-30));                                   // −log p(target)
            probs.putScalar(i, t, p - 1);                                          // softmax − one-hot
        }
        INDArray dLogits = probs.divi(bs);                                         // [B, V] d(mean loss)/d(logits)

        INDArray hLast = a.out()[w.length - 1];
        Nd4j.gemm(hLast, dLogits, grad(lmHeadW), true, false, 1.0, 0.0);           // [H, V] = hᵀ · dLogits, written in place
        grad(lmHeadB).assign(dLogits.sum(true, 0));                                // [1, V]
        INDArray dOut = Nd4j.gemm(dLogits, lmHeadW, false, true);                  // [B, H] = dLogits · Wᵀ
        for (int l = w.length - 1; l >= 0; l--) {
            INDArray dPre = spec.activation().backward(a.pre()[l], a.out()[l], dOut); // [B, H]
            INDArray in = l == 0 ? a.x() : a.out()[l - 1];
            Nd4j.gemm(in, dPre, grad(w[l]), true, false, 1.0, 0.0);                // [in, H] = inᵀ · dPre
            grad(b[l]).assign(dPre.sum(true, 0));                                  // [1, H]
            dOut = Nd4j.gemm(dPre, w[l], false, true);                             // [B, in] = dPre · Wᵀ
        }
        // The embedding lookup's gradient: each looked-up row of wte receives its slice of dX,
        // summed over repeats (a scatter-add). Written into the gradient's buffer directly: the
        // matrix form onehot(ids)ᵀ · dX would build a [B·N, V] matrix, 26 MB a step for GPT-2's vocabulary.
        double[] dX = dOut.dup('c').data().asDouble();                            // [B·N·C], row r = token r of the batch
        INDArray gWte = grad(wte).assign(0);                                       // [V, C]
        DataBuffer buf = gWte.data();
        int c = spec.nEmbd();
        int[] ids = batch.contexts();
        for (int r = 0; r < ids.length; r++) {
            long base = (long) ids[r] * c;
            for (int k = 0; k < c; k++) buf.put(base + k, buf.getDouble(base + k) + dX[r * c + k]);
        }
        return loss / bs;
    }

    private INDArray grad(INDArray value) {
        for (Parameter p : parameters) if (p.value() == value) return p.grad();
        throw new IllegalStateException("not a parameter");
    }

    @Override public Evaluation evaluate(Examples examples) {
        try (MemoryWorkspace ws = Workspaces.step()) {
            return evaluateInWorkspace(examples);
        }
    }

    private Evaluation evaluateInWorkspace(Examples examples) {
        int total = examples.size();
        if (total == 0) return Evaluation.EMPTY;
        double loss = 0;
        int correct = 0;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) order[i] = i;
        for (int from = 0; from < total; from += 512) {
            int to = Math.min(total, from + 512);
            Batch batch = examples.batch(order, from, to);
            INDArray logits = forward(batch.contexts(), batch.size()).logits();
            INDArray probs = softmaxRows(logits);
            int[] guess = logits.argMax(1).toIntVector();
            for (int i = 0; i < batch.size(); i++) {
                int t = batch.targets()[i];
                loss -= Math.log(Math.max(probs.getDouble(i, t), 1e-30));
                if (guess[i] == t) correct++;
            }
        }
        return new Evaluation(loss / total, (double) correct / total, total);
    }
}
