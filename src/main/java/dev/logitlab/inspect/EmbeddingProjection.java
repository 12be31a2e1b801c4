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
 */
public record EmbeddingProjection(List<String> tokens, int[] counts, float[] xy, float[] xyz, double[] explained,
                                  int dimensions, double[][] basis) {

    /** The parameter names that hold token embeddings: the GPT's and RNN's, then the MiniGPT's. */
    public static final List<String> EMBEDDING_NAMES = List.of("wte.weight", "wte");

    public EmbeddingProjection {
        tokens = List.copyOf(tokens);
        if (counts.length != tokens.size() || xy.length != 2 * tokens.size() || xyz.length != 3 * tokens.size()) {
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
        int[] c = counts == null ? new int[vocab] : counts.clone();
        if (c.length != vocab) throw new IllegalArgumentException("need " + vocab + " counts, had " + c.length);
        int k = Math.min(3, width);
        Pca.Result r = Pca.fit(embeddings, vocab, width, k, previous, progress, cancel);
        float[] xy = new float[2 * vocab], xyz = new float[3 * vocab];
        for (int t = 0; t < vocab; t++) {
            for (int j = 0; j < k; j++) {
                float v = r.projected()[t * k + j];
                if (j < 2) xy[2 * t + j] = v;
                xyz[3 * t + j] = v;
            }
        }
        double[] explained = new double[3];
        for (int j = 0; j < k; j++) explained[j] = r.explained(j);
        return new EmbeddingProjection(tokens, c, xy, xyz, explained, width, Pca.copy(r.components()));
    }

    /** The embedding matrix of a model, as a copy: its values [V, C] row-major, and its shape. */
    public record Matrix(float[] values, int rows, int cols) {}

    /**
     * The model's token-embedding matrix. Fails with a sentence for the user when the model has
     * none (an n-gram model counts; it learns no vectors).
     */
    public static Matrix embeddingsOf(LanguageModel model) {
        List<Parameter> ps = model instanceof GradientModel g ? g.parameters()
                : model instanceof SequenceModel s ? s.parameters() : List.of();
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
