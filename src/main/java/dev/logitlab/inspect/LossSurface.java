package dev.logitlab.inspect;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Examples;
import dev.logitlab.data.SequenceBatch;
import dev.logitlab.data.SequenceData;
import dev.logitlab.model.ComputeThreads;
import dev.logitlab.model.Evaluation;
import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.NativeViews;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The loss around the current weights on a plane, after Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets": loss(θ + α·d1 + β·d2) over a grid of (α, β), on a fixed evaluation set.
 * The two directions are either random and filter-normalised (each filter of a direction scaled to
 * the norm of the same filter of the weights, so the plot does not depend on the weights' scale), or
 * the two main directions of the training path (PCA of the kept checkpoints). The weights are
 * restored exactly afterwards, even when the grid is cancelled or fails. Runs on the compute thread.
 */
public final class LossSurface {
    private LossSurface() {}

    /** Which plane: random filter-normalised directions, or the training path's PCA directions. */
    public enum Axes {
        RANDOM("axes.random"), PCA("axes.pca");
        private final String key;
        Axes(String key) { this.key = key; }
        /** The name in the language in force. */
        public String displayName() { return say(key); }
    }

    public static final int MIN_GRID = 3, MAX_GRID = 51, DEFAULT_GRID = 31;
    public static final double DEFAULT_RANGE = 1.0, MAX_RANGE = 10.0;
    /** The evaluation set: at most about this many targets of the training data, chosen once. */
    public static final int EVAL_TARGETS = 2048;

    /** Grid size (points per side) and half-width of the plane, validated. */
    public record Settings(int grid, double range, long seed) {
        public static final Settings DEFAULT = new Settings(DEFAULT_GRID, DEFAULT_RANGE, 1);

        public Settings {
            if (grid < MIN_GRID || grid > MAX_GRID) {
                throw new IllegalArgumentException("grid must be between " + MIN_GRID + " and " + MAX_GRID + ", was " + grid);
            }
            if (!(range > 0 && range <= MAX_RANGE)) {
                throw new IllegalArgumentException("range must be in (0, " + (int) MAX_RANGE + "], was " + range);
            }
        }
    }

    /**
     * A computed surface. {@code loss[i][j]} is the loss at (alphas[i], betas[j]); the centre (0, 0)
     * is the model as it is. {@code path} holds the checkpoints' (α, β) in PCA mode (else empty) and
     * {@code explained} the variance share of the two PCA axes (else empty).
     */
    public record Result(Axes axes, double[] alphas, double[] betas, double[][] loss, double centreLoss,
                         int evalTargets, double[][] path, double[] explained) {
        public int grid() { return alphas.length; }

        public double minLoss() {
            double m = Double.POSITIVE_INFINITY;
            for (double[] row : loss) for (double v : row) if (Double.isFinite(v)) m = Math.min(m, v);
            return m;
        }

        public double maxLoss() {
            double m = Double.NEGATIVE_INFINITY;
            for (double[] row : loss) for (double v : row) if (Double.isFinite(v)) m = Math.max(m, v);
            return m;
        }

        /** The grid as CSV: a header line, then one {@code alpha,beta,loss} line per point. */
        public String toCsv() {
            StringBuilder sb = new StringBuilder("alpha,beta,loss\n");
            for (int i = 0; i < alphas.length; i++) {
                for (int j = 0; j < betas.length; j++) {
                    sb.append(String.format(java.util.Locale.ROOT, "%.6g,%.6g,%.8g%n", alphas[i], betas[j], loss[i][j]));
                }
            }
            return sb.toString();
        }
    }

    /** Called after each grid point with the points done and the total. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /** A fixed sample of data to measure the loss on: examples for a MiniGPT, sequences for an RNN or GPT. */
    public static final class EvalSet {
        private final Examples examples;
        private final List<SequenceBatch> batches;
        private final int targets;

        private EvalSet(Examples examples, List<SequenceBatch> batches, int targets) {
            this.examples = examples;
            this.batches = batches;
            this.targets = targets;
        }

        /** Up to {@code maxTargets} examples, evenly spread over the set. */
        public static EvalSet of(Examples all, int maxTargets) {
            int n = all.size(), k = Math.min(n, maxTargets), c = all.contextSize();
            if (k == 0) throw new IllegalArgumentException(say("surface.no_data"));
            int[] ctx = new int[k * c], tgt = new int[k], sent = new int[k];
            for (int i = 0; i < k; i++) {
                int e = (int) ((long) i * n / k);
                System.arraycopy(all.contexts(), e * c, ctx, i * c, c);
                tgt[i] = all.targets()[e];
                sent[i] = all.sentenceOf()[e];
            }
            return new EvalSet(new Examples(c, ctx, tgt, sent), null, k);
        }

        /** About {@code maxTargets} targets of whole rows or windows, evenly spread (as the trainer evaluates). */
        public static EvalSet of(SequenceData all, int maxTargets) {
            if (all == null || all.isEmpty()) throw new IllegalArgumentException(say("surface.no_data"));
            List<SequenceBatch> b = List.copyOf(all.evaluationBatches(32, maxTargets));
            int t = b.stream().mapToInt(SequenceBatch::counted).sum();
            return new EvalSet(null, b, t);
        }

        /**
         * A sample of {@code corpus} read as the model reads its training data (its tokenizer, its text
         * format: sentences framed by [BOS] … [EOS], or running text).
         */
        public static EvalSet of(dev.logitlab.model.TrainedModel m, dev.logitlab.data.Corpus corpus, int maxTargets) {
            var tok = m.tokenizer();
            int n = m.model().spec().contextSize();
            boolean running = m.format() == dev.logitlab.data.TextFormat.RUNNING;
            if (m.model() instanceof SequenceModel) {
                if (running) return of(SequenceData.ofStream(tok.encode(corpus.sentences().get(0)), n, tok.padId()), maxTargets);
                List<int[]> rows = new java.util.ArrayList<>();
                for (String sentence : corpus.sentences()) {
                    int[] body = tok.encode(sentence);
                    int[] seq = new int[body.length + 2];
                    seq[0] = tok.bosId();
                    System.arraycopy(body, 0, seq, 1, body.length);
                    seq[seq.length - 1] = tok.eosId();
                    rows.add(seq);
                }
                return of(SequenceData.ofSentences(rows, n, tok.padId()), maxTargets);
            }
            Examples all = running ? Examples.fromStream(tok.encode(corpus.sentences().get(0)), n, tok.padId())
                    : Examples.from(corpus.sentences(), tok, n);
            return of(all, maxTargets);
        }

        public int targets() { return targets; }

        /** Mean cross-entropy of the model on this set, in nats. */
        public double loss(LanguageModel model) {
            if (examples != null) return model.evaluate(examples).loss();
            if (!(model instanceof SequenceModel s)) throw new IllegalArgumentException("sequence data needs a model that reads sequences");
            double loss = 0;
            int n = 0;
            for (SequenceBatch b : batches) {
                if (b.counted() == 0) continue;
                s.resetState();
                Evaluation e = s.evaluate(b);
                loss += e.loss() * e.examples();
                n += e.examples();
            }
            s.resetState();
            return n == 0 ? Double.NaN : loss / n;
        }
    }

    /** The model's trainable tensors; a counting model (n-gram) has none and is refused. */
    public static List<Parameter> parameters(LanguageModel model) {
        if (model instanceof GradientModel g) return g.parameters();
        if (model instanceof SequenceModel s) return s.parameters();
        throw new IllegalArgumentException(say("surface.ngram"));
    }

    /** A grid over two random filter-normalised directions. */
    public static Result random(LanguageModel model, EvalSet set, Settings s, Progress progress, BooleanSupplier cancel) {
        List<Parameter> params = parameters(model);
        Random rnd = new Random(s.seed());
        float[][] d1 = filterNormalised(params, rnd), d2 = filterNormalised(params, rnd);
        double[] axis = axis(s.grid(), s.range());
        return grid(model, params, set, Axes.RANDOM, d1, d2, axis, axis.clone(), new double[0][], new double[0], progress, cancel);
    }

    /**
     * A grid over the training path's two main directions (not filter-normalised, as in the paper's
     * section 7), centred on the current weights. The range is in units of the path's extent: 1 spans
     * the farthest checkpoint.
     */
    public static Result pca(LanguageModel model, EvalSet set, List<float[]> checkpoints, Settings s,
                             Progress progress, BooleanSupplier cancel) {
        List<Parameter> params = parameters(model);
        TrajectoryPca.Result pca = TrajectoryPca.of(checkpoints, flatten(params));
        double extent = 0;
        for (double[] p : pca.projections()) extent = Math.max(extent, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        if (!(extent > 0)) throw new IllegalArgumentException(say("surface.no_path"));
        double[] axis = axis(s.grid(), s.range() * extent * 1.1);
        return grid(model, params, set, Axes.PCA, unflatten(pca.d1(), params), unflatten(pca.d2(), params), axis, axis.clone(),
                pca.projections(), pca.explained(), progress, cancel);
    }

    static double[] axis(int n, double range) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = -range + 2 * range * i / (n - 1);
        a[n / 2] = 0;   // the centre exactly, for an odd grid
        return a;
    }

    private static Result grid(LanguageModel model, List<Parameter> params, EvalSet set, Axes axes, float[][] d1, float[][] d2,
                               double[] alphas, double[] betas, double[][] path, double[] explained,
                               Progress progress, BooleanSupplier cancel) {
        ComputeThreads.use(model.preferredThreads());
        float[][] origin = new float[params.size()][];
        for (int k = 0; k < params.size(); k++) origin[k] = read(params.get(k).value());
        double centre = set.loss(model);
        double[][] loss = new double[alphas.length][betas.length];
        int total = alphas.length * betas.length, done = 0;
        try {
            for (int i = 0; i < alphas.length; i++) {
                for (int j = 0; j < betas.length; j++) {
                    if (cancel.getAsBoolean()) throw new CancellationException("the loss surface was cancelled");
                    if (alphas[i] == 0 && betas[j] == 0) {
                        loss[i][j] = centre;
                    } else {
                        for (int k = 0; k < params.size(); k++) {
                            shift(params.get(k).value(), origin[k], d1[k], (float) alphas[i], d2[k], (float) betas[j]);
                        }
                        loss[i][j] = set.loss(model);
                    }
                    progress.update(++done, total);
                }
            }
        } finally {
            for (int k = 0; k < params.size(); k++) write(params.get(k).value(), origin[k]);
        }
        return new Result(axes, alphas, betas, loss, centre, set.targets(), path, explained);
    }

    /**
     * A random Gaussian direction, filter by filter scaled to the weights' norm: each filter of a
     * matrix gets the norm of the same filter of the weights. A filter is what the paper's code
     * takes as one along PyTorch's first dimension: one output unit of a layer, or one token's row
     * of an embedding table. LogitLab stores layers as [in, out], so a layer's filters are its
     * columns, and an embedding table's ([V, C]: {@code wte}, {@code wpe}) its rows. Biases and other
     * vectors (LayerNorm gains; anything with fewer than two dimensions longer than 1) get zero, as in the paper.
     */
    static float[][] filterNormalised(List<Parameter> params, Random rnd) {
        float[][] d = new float[params.size()][];
        for (int k = 0; k < params.size(); k++) {
            INDArray value = params.get(k).value();
            float[] w = read(value);
            float[] dir = new float[w.length];
            d[k] = dir;
            if (!isMatrix(value.shape())) continue;
            for (int[] filter : filters(params.get(k))) {
                double dn = 0, wn = 0;
                for (int i : filter) {
                    float g = (float) rnd.nextGaussian();
                    dir[i] = g;
                    dn += (double) g * g;
                    wn += (double) w[i] * w[i];
                }
                double scale = dn > 0 ? Math.sqrt(wn) / Math.sqrt(dn) : 0;
                for (int i : filter) dir[i] *= (float) scale;
            }
        }
        return d;
    }

    /** Whether a matrix's filters are its rows (an embedding table) rather than its columns (a layer's output units). */
    static boolean filtersAreRows(String name) {
        String base = name.endsWith(".weight") ? name.substring(0, name.length() - ".weight".length()) : name;
        return base.equals("wte") || base.equals("wpe");
    }

    /** The flat indices of each filter of a matrix parameter (row-major storage). */
    static int[][] filters(Parameter p) {
        long[] shape = p.value().shape();
        int rows = (int) shape[0], cols = (int) (p.value().length() / rows);
        boolean byRow = filtersAreRows(p.name());
        int[][] f = new int[byRow ? rows : cols][byRow ? cols : rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (byRow) f[r][c] = r * cols + c; else f[c][r] = r * cols + c;
            }
        }
        return f;
    }

    /** At least two dimensions longer than 1: a matrix of filters, not a bias or a gain vector. */
    static boolean isMatrix(long[] shape) {
        int big = 0;
        for (long s : shape) if (s > 1) big++;
        return big >= 2;
    }

    private static void shift(INDArray value, float[] origin, float[] d1, float a, float[] d2, float b) {
        float[] w = new float[origin.length];
        for (int i = 0; i < w.length; i++) w[i] = origin[i] + a * d1[i] + b * d2[i];
        write(value, w);
    }

    /** All the weights, one flat copy, in parameter order. */
    public static float[] flatten(List<Parameter> params) {
        long n = params.stream().mapToLong(p -> p.value().length()).sum();
        float[] out = new float[Math.toIntExact(n)];
        int at = 0;
        for (Parameter p : params) {
            float[] v = read(p.value());
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    static float[][] unflatten(float[] flat, List<Parameter> params) {
        float[][] out = new float[params.size()][];
        int at = 0;
        for (int k = 0; k < params.size(); k++) {
            int n = (int) params.get(k).value().length();
            out[k] = java.util.Arrays.copyOfRange(flat, at, at + n);
            at += n;
        }
        return out;
    }

    static float[] read(INDArray a) {
        if (isPlainFloat(a)) {
            FloatBuffer b = NativeViews.floats(a);
            float[] out = new float[b.capacity()];
            b.get(0, out);
            return out;
        }
        return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    static void write(INDArray a, float[] v) {
        if (isPlainFloat(a)) {
            NativeViews.floats(a).put(0, v);
        } else {
            a.assign(Nd4j.createFromArray(v).reshape(a.shape()).castTo(a.dataType()));
        }
    }

    private static boolean isPlainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.offset() == 0 && !a.isView();
    }
}
