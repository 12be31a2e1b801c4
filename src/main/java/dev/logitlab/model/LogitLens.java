package dev.logitlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The logit lens (nostalgebraist, 2020): what a GPT would predict if it stopped early. Row 0 decodes
 * the embeddings' output, row l + 1 the residual stream leaving block l, each through the model's own
 * final LayerNorm and head ({@code softmax(ln_f(h) · Wᵀ)}); the last row is the model's prediction.
 * Columns are the context's positions, each predicting the token after it.
 *
 * @param after         what each row decodes: "embeddings", "block 0", "block 1", …
 * @param tokens        the context's ids
 * @param cells         [row][position]
 */
public record LogitLens(List<String> after, int[] tokens, Cell[][] cells) {

    /**
     * One layer at one position.
     *
     * @param topIds               the most probable next tokens, best first
     * @param topProbabilities     their probabilities
     * @param finalToken           the final layer's top-1 token at this position
     * @param finalTokenProbability the probability this layer gives {@code finalToken}
     * @param finalTokenRank       its rank here (0 = this layer's top-1 too)
     * @param klToFinal            KL(final ‖ this layer) in nats: what reading this layer loses
     */
    public record Cell(int[] topIds, float[] topProbabilities, int finalToken, float finalTokenProbability,
                       int finalTokenRank, float klToFinal) {}

    public int rows() { return cells.length; }

    public int positions() { return tokens.length; }

    public Cell cell(int row, int position) { return cells[row][position]; }

    /** Where a lens reads its logits: one row of [positions, V] per layer, the last row the model's own. */
    public interface Source {
        /** Makes layer {@code row}'s logits ready (0 = the embeddings' output). */
        void prepare(int row);

        /** Copies the prepared layer's logits at {@code position} into {@code into} [V]. */
        void logits(int position, float[] into);
    }

    /** Builds the lens over {@code rows} layers of {@code source}, keeping the {@code top} best tokens of each cell. */
    public static LogitLens of(int[] tokens, int rows, int vocab, int top, Source source) {
        if (top < 1) throw new IllegalArgumentException("top must be at least 1, was " + top);
        int t = tokens.length, k = Math.min(top, vocab);
        float[] z = new float[vocab];
        // the final layer first: every other row is compared with it
        float[][] finalLogProbs = new float[t][];
        int[] finalToken = new int[t];
        source.prepare(rows - 1);
        for (int p = 0; p < t; p++) {
            source.logits(p, z);
            finalLogProbs[p] = logSoftmax(z);
            finalToken[p] = argmax(z);
        }
        Cell[][] cells = new Cell[rows][t];
        for (int r = 0; r < rows; r++) {
            if (r < rows - 1) source.prepare(r);
            for (int p = 0; p < t; p++) {
                float[] logp;
                if (r == rows - 1) {
                    logp = finalLogProbs[p];
                } else {
                    source.logits(p, z);
                    logp = logSoftmax(z);
                }
                int[] ids = topIds(logp, k);
                float[] probs = new float[k];
                for (int i = 0; i < k; i++) probs[i] = (float) Math.exp(logp[ids[i]]);
                int f = finalToken[p], rank = 0;
                for (float x : logp) if (x > logp[f]) rank++;
                double kl = 0;
                float[] fin = finalLogProbs[p];
                for (int i = 0; i < vocab; i++) kl += Math.exp(fin[i]) * (fin[i] - logp[i]);
                cells[r][p] = new Cell(ids, probs, f, (float) Math.exp(logp[f]), rank, (float) Math.max(0, kl));
            }
        }
        List<String> after = new ArrayList<>();
        for (int r = 0; r < rows; r++) after.add(r == 0 ? "embeddings" : "block " + (r - 1));
        return new LogitLens(List.copyOf(after), tokens.clone(), cells);
    }

    private static float[] logSoftmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : z) max = Math.max(max, x);
        double sum = 0;
        for (float x : z) sum += Math.exp(x - max);
        float logZ = (float) (max + Math.log(sum));
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) out[i] = z[i] - logZ;
        return out;
    }

    private static int argmax(float[] z) {
        int best = 0;
        for (int i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
        return best;
    }

    /** The k largest entries' indices, largest first (ties: lower index first), in one pass with a small sorted buffer. */
    static int[] topIds(float[] x, int k) {
        int[] ids = new int[k];
        float[] vals = new float[k];
        Arrays.fill(vals, Float.NEGATIVE_INFINITY);
        Arrays.fill(ids, -1);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (ids[k - 1] >= 0 && v <= vals[k - 1]) continue;
            int j = k - 1;
            while (j > 0 && (ids[j - 1] < 0 || v > vals[j - 1])) {
                vals[j] = vals[j - 1];
                ids[j] = ids[j - 1];
                j--;
            }
            vals[j] = v;
            ids[j] = i;
        }
        return ids;
    }
}
