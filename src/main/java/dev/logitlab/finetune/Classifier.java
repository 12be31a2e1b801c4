package dev.logitlab.finetune;

import dev.logitlab.model.NativeViews;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A GPT with a classification head: a linear layer ({@code head.weight} [C, K], {@code head.bias} [K]) on
 * the hidden state after ln_f at the message's last token, whose softmax gives each of the K classes' probability
 * (the GPT guide's spam classifier). The base keeps its lm_head, so a saved classifier still opens as a
 * language model. A message is read as the base was trained: GPT-2's BPE reads the text alone (its last
 * token is the text's), a tokenizer trained here reads [BOS] text [EOS] (the last token is [EOS], which
 * has seen the whole message); longer messages keep their first blockSize tokens.
 *
 * <p>Not thread-safe: call on the thread that owns the model (the compute thread in the window).
 */
public final class Classifier {
    /** Messages are read in batches of this many. */
    static final int EVAL_BATCH = 16;

    private final TrainedModel base;
    private final Gpt gpt;
    private final List<String> labels;
    private final Parameter headW, headB;

    /**
     * A new head on {@code base} (whose model must be a {@link Gpt}) for {@code labels}, initialised as
     * PyTorch's {@code nn.Linear}: weights uniform in ±1/√C, drawn from {@code seed}; biases 0.
     */
    public Classifier(TrainedModel base, List<String> labels, long seed) {
        this(base, labels, initialWeights(base, labels, seed), new float[labels.size()]);
    }

    /** A classifier with the given head ({@code weights} [C, K] row-major, {@code bias} [K]). */
    public Classifier(TrainedModel base, List<String> labels, float[] weights, float[] bias) {
        this.base = Objects.requireNonNull(base, "base");
        Gpt g = gptOf(base);
        this.gpt = g;
        this.labels = List.copyOf(labels);
        if (this.labels.size() < 2) throw new IllegalArgumentException("a classifier needs at least two labels, was " + this.labels);
        int c = g.spec().nEmbd(), k = this.labels.size();
        if (weights.length != c * k) throw new IllegalArgumentException("head.weight must hold " + c * k + " numbers, was " + weights.length);
        if (bias.length != k) throw new IllegalArgumentException("head.bias must hold " + k + " numbers, was " + bias.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            headW = new Parameter("head.weight", Nd4j.create(weights.clone(), new long[]{c, k}, 'c'), Nd4j.zeros(DataType.FLOAT, c, k));
            headB = new Parameter("head.bias", Nd4j.create(bias.clone(), new long[]{k}, 'c'), Nd4j.zeros(DataType.FLOAT, k));
        }
    }

    private static Gpt gptOf(TrainedModel base) {
        if (!(base.model() instanceof Gpt g)) {
            throw new IllegalArgumentException("a classifier needs a GPT base, was a " + base.model().spec().family() + " model");
        }
        return g;
    }

    private static float[] initialWeights(TrainedModel base, List<String> labels, long seed) {
        int c = gptOf(Objects.requireNonNull(base, "base")).spec().nEmbd(), k = labels.size();
        Random rnd = new Random(seed);
        double bound = 1 / Math.sqrt(c);
        float[] w = new float[c * k];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
        return w;
    }

    /** The base model and its tokenizer. */
    public TrainedModel base() { return base; }

    public Gpt gpt() { return gpt; }

    /** The class names, in the order of the head's outputs (the labelled file's order of first appearance). */
    public List<String> labels() { return labels; }

    /** The head's two parameters: {@code head.weight} [C, K] and {@code head.bias} [K]. */
    public List<Parameter> head() { return List.of(headW, headB); }

    /** A copy of the head's weights [C, K] row-major. */
    public float[] headWeights() { return copy(headW); }

    /** A copy of the head's biases [K]. */
    public float[] headBias() { return copy(headB); }

    /** The token ids the model reads for {@code text} (see the class comment), at least one. */
    public int[] encode(String text) {
        Tokenizer tok = base.tokenizer();
        int[] body = tok.encode(text);
        int[] seq;
        if (tok.kind() == TokenizerKind.GPT2 && body.length > 0) {
            seq = body;
        } else {
            seq = new int[body.length + 2];
            seq[0] = tok.bosId();
            System.arraycopy(body, 0, seq, 1, body.length);
            seq[seq.length - 1] = tok.eosId();
        }
        return seq.length > gpt.spec().blockSize() ? Arrays.copyOf(seq, gpt.spec().blockSize()) : seq;
    }

    /** Each class's probability for {@code text}, and the most probable class. */
    public Prediction classify(String text) {
        return classify(List.of(text)).get(0);
    }

    /** {@link #classify(String)} for many texts, read in batches. */
    public List<Prediction> classify(List<String> texts) {
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += EVAL_BATCH) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + EVAL_BATCH));
            int[][] seqs = part.stream().map(this::encode).toArray(int[][]::new);
            out.addAll(predictions(gpt.hiddenStates(seqs, null, gpt.spec().nLayer(), false), part.size()));
        }
        return out;
    }

    /** Loss, accuracy, confusion matrix and mistakes over labelled messages (whose labels index {@link #labels}). */
    public ClassifierEvaluation evaluate(List<LabelledText> texts) {
        return evaluate(texts, (from, to) -> {
            int[][] seqs = texts.subList(from, to).stream().map(t -> encode(t.text())).toArray(int[][]::new);
            return gpt.hiddenStates(seqs, null, gpt.spec().nLayer(), false);
        });
    }

    /** Where the hidden states of messages [from, to) of a list come from: a forward pass, or a cache of frozen blocks. */
    @FunctionalInterface
    interface HiddenSource {
        float[] hidden(int from, int to);
    }

    /** {@link #evaluate(List)} with the hidden states read from {@code source}. */
    ClassifierEvaluation evaluate(List<LabelledText> texts, HiddenSource source) {
        if (texts.isEmpty()) return ClassifierEvaluation.EMPTY;
        int k = labels.size();
        int[][] confusion = new int[k][k];
        List<ClassifierEvaluation.Misclassified> wrong = new ArrayList<>();
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < texts.size(); from += EVAL_BATCH) {
            int to = Math.min(texts.size(), from + EVAL_BATCH);
            List<Prediction> ps = predictions(source.hidden(from, to), to - from);
            for (int i = 0; i < ps.size(); i++) {
                LabelledText t = texts.get(from + i);
                if (t.label() >= k) throw new IllegalArgumentException("label " + t.label() + " of line " + t.line() + " is not one of the " + k + " classes");
                Prediction p = ps.get(i);
                confusion[t.label()][p.index()]++;
                loss -= Math.log(Math.max(p.probability(t.label()), Double.MIN_NORMAL));
                if (p.index() == t.label()) correct++;
                else wrong.add(new ClassifierEvaluation.Misclassified(t, p));
            }
        }
        return new ClassifierEvaluation(labels, loss / texts.size(), (double) correct / texts.size(), confusion, wrong, texts.size());
    }

    /** The head's predictions for hidden states [B, C]. */
    List<Prediction> predictions(float[] hidden, int batch) {
        int c = gpt.spec().nEmbd(), k = labels.size();
        double[] p = Head.softmax(Head.logits(toDouble(hidden), batch, c, toDouble(copy(headW)), toDouble(copy(headB)), k), batch, k);
        List<Prediction> out = new ArrayList<>(batch);
        for (int r = 0; r < batch; r++) {
            double[] row = Arrays.copyOfRange(p, r * k, (r + 1) * k);
            int best = 0;
            for (int j = 1; j < k; j++) if (row[j] > row[best]) best = j;
            out.add(new Prediction(labels.get(best), best, labels, row));
        }
        return out;
    }

    /**
     * The head's mean cross-entropy on hidden states [B, C] with these labels; fills the head's gradients
     * and returns d(loss)/d(hidden) [B, C] in {@code dHidden} (when not null).
     */
    double headLossAndBackward(float[] hidden, int[] classes, float[] dHidden) {
        int batch = classes.length, c = gpt.spec().nEmbd(), k = labels.size();
        double[] dW = new double[c * k], db = new double[k], dh = dHidden == null ? null : new double[batch * c];
        double loss = Head.crossEntropy(toDouble(hidden), batch, c, toDouble(copy(headW)), toDouble(copy(headB)), k, classes, dW, db, dh);
        NativeViews.floats(headW.grad()).put(0, toFloat(dW));
        NativeViews.floats(headB.grad()).put(0, toFloat(db));
        if (dHidden != null) for (int i = 0; i < dh.length; i++) dHidden[i] = (float) dh[i];
        return loss;
    }

    private static float[] copy(Parameter p) {
        FloatBuffer f = NativeViews.floats(p.value());
        float[] out = new float[f.capacity()];
        f.get(0, out);
        return out;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
