package dev.logitlab.inspect;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.GradientModel;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.model.SequenceModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The model's token embeddings seen from their three main directions: the [V, C] matrix whose row
 * i is token i's vector, reduced by PCA ({@link Pca}) to 2 and 3 coordinates per token, with how
 * much of the spread each direction explains, and each token's text, id and count in the training
 * data (for colouring). Deterministic; {@link #basis()} passed back into the next projection keeps
 * the axes from flipping between the frames of a run.
 *
 * @param tokens     the text of each token, by id
 * @param counts     how often each token occurs in the training data (0 when unknown)
 * @param xy         [V, 2] row-major: each token on the first two components
 * @param xyz        [V, 3] row-major: each token on the first three components
 * @param explained  the share of the variance along components 1, 2, 3
 * @param dimensions C, the embedding's width
 * @param basis      the three components, each of length C (pass to the next projection)
 * @param ids        the token id of each point: every id of a small vocabulary, a chosen few of a large one
 *                   ({@link #pointsOf})
 */
public record EmbeddingProjection(List<String> tokens, int[] counts, float[] xy, float[] xyz, double[] explained,
                                  int dimensions, double[][] basis, int[] ids) {

    /**
     * The most points projected: GPT-2's 50,257 × 768 embeddings would take seconds of PCA and a scatter no
     * one can read, so a large vocabulary shows the tokens its data uses most (or its first ids).
     */
    public static final int MAX_POINTS = 5_000;

    /** The parameter names that hold token embeddings: the GPT's and RNN's, then the MiniGPT's. */
    public static final List<String> EMBEDDING_NAMES = List.of("wte.weight", "wte");

    public EmbeddingProjection {
        tokens = List.copyOf(tokens);
        if (counts.length != tokens.size() || xy.length != 2 * tokens.size() || xyz.length != 3 * tokens.size()
                || ids.length != tokens.size()) {
            throw new IllegalArgumentException("every token needs a count and coordinates");
        }
    }

    /** How many tokens (points) there are. */
    public int size() { return tokens.size(); }

    public double x(int token) { return xy[2 * token]; }
    public double y(int token) { return xy[2 * token + 1]; }

    /**
     * Projects a [V, C] embedding matrix. {@code previous} is the last projection's basis (or null):
     * each new component is flipped, if need be, to point the same way.
     */
    public static EmbeddingProjection of(float[] embeddings, int vocab, int width, List<String> tokens, int[] counts,
                                         double[][] previous) {
        return of(embeddings, vocab, width, tokens, counts, previous, Pca.Progress.NONE, () -> false);
    }

    /**
     * Like {@link #of(float[], int, int, List, int[], double[][])}, reporting the PCA's progress and
     * polling {@code cancel} inside its loops: a cancelled projection fails with a
     * {@link java.util.concurrent.CancellationException} and returns nothing.
     */
    public static EmbeddingProjection of(float[] embeddings, int vocab, int width, List<String> tokens, int[] counts,
                                         double[][] previous, Pca.Progress progress, BooleanSupplier cancel) {
        if (tokens.size() != vocab) throw new IllegalArgumentException("need " + vocab + " token texts, had " + tokens.size());
        int[] all = counts == null ? new int[vocab] : counts.clone();
        if (all.length != vocab) throw new IllegalArgumentException("need " + vocab + " counts, had " + all.length);
        int[] ids = pointsOf(all, MAX_POINTS);
        int n = ids.length;
        float[] rows = embeddings;
        List<String> texts = tokens;
        int[] c = all;
        if (n < vocab) {                                    // the chosen rows only, in the order chosen
            rows = new float[n * width];
            String[] t = new String[n];
            c = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(embeddings, ids[i] * width, rows, i * width, width);
                t[i] = tokens.get(ids[i]);
                c[i] = all[ids[i]];
            }
            texts = List.of(t);
        }
        int k = Math.min(3, width);
        Pca.Result r = Pca.fit(rows, n, width, k, previous, progress, cancel);
        float[] xy = new float[2 * n], xyz = new float[3 * n];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                float v = r.projected()[t * k + j];
                if (j < 2) xy[2 * t + j] = v;
                xyz[3 * t + j] = v;
            }
        }
        double[] explained = new double[3];
        for (int j = 0; j < k; j++) explained[j] = r.explained(j);
        return new EmbeddingProjection(texts, c, xy, xyz, explained, width, Pca.copy(r.components()), ids);
    }

    /**
     * The token ids to project: every id when there are at most {@code max}; otherwise the tokens the data
     * uses, most frequent first, at most {@code max} of them, or — with no counts (a checkpoint opened
     * without its data) — the first {@code max} ids, which in GPT-2's BPE are its earliest, most frequent merges.
     */
    public static int[] pointsOf(int[] counts, int max) {
        int vocab = counts.length;
        if (vocab <= max) return java.util.stream.IntStream.range(0, vocab).toArray();
        int[] used = java.util.stream.IntStream.range(0, vocab).filter(i -> counts[i] > 0).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .limit(max).mapToInt(Integer::intValue).toArray();
        return used.length > 0 ? used : java.util.stream.IntStream.range(0, max).toArray();
    }

    /** The embedding matrix of a model, as a copy: its values [V, C] row-major, and its shape. */
    public record Matrix(float[] values, int rows, int cols) {}

    /**
     * The model's token-embedding matrix. Fails with a sentence for the user when the model has
     * none (an n-gram model counts; it learns no vectors).
     */
    public static Matrix embeddingsOf(LanguageModel model) {
        // a GPT's values without its gradients: opening GPT-2 small's embeddings should not cost 500 MB of them
        List<Parameter> ps = model instanceof GradientModel g ? g.parameters() : model instanceof dev.logitlab.model.gpt.Gpt gpt
                ? gpt.parameterValues() : model instanceof SequenceModel s ? s.parameters() : List.of();
        for (String name : EMBEDDING_NAMES) {
            for (Parameter p : ps) {
                if (p.name().equals(name) && p.value().rank() == 2) {
                    INDArray v = p.value();
                    float[] values = v.dataType() == DataType.FLOAT ? v.dup('c').data().asFloat()
                            : v.castTo(DataType.FLOAT).dup('c').data().asFloat();
                    return new Matrix(values, (int) v.rows(), (int) v.columns());
                }
            }
        }
        throw new IllegalStateException(say("embeddings.none", ps.isEmpty() ? "n-gram" : model.spec().family()));
    }
}
