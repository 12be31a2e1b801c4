package dev.logitlab.sample;

import java.util.Arrays;
import java.util.Random;

/**
 * Temperature, top-k and top-p (nucleus) sampling over the full vocabulary, in that order, as
 * Hugging Face's generate() applies them. Pure Java: a slider drag never waits for the model.
 */
public final class Sampler {
    private Sampler() {}

    /** Traces one step over a vocabulary without special tokens (every id may be drawn). */
    public static SamplingTrace trace(float[] logits, SamplingConfig config) {
        return trace(logits, config, SpecialTokens.none(logits.length));
    }

    /**
     * Traces one step. The never-drawn special tokens ([PAD], [BOS], [UNK]) keep their share of
     * {@code afterTemperature} (what the model said), but top-k and top-p judge only the drawable
     * tokens, and the final distribution is renormalised over those that survive.
     */
    public static SamplingTrace trace(float[] logits, SamplingConfig config, SpecialTokens specials) {
        int v = logits.length;
        if (v == 0) throw new IllegalArgumentException("cannot sample from an empty vocabulary");
        if (specials.vocabSize() != v) {
            throw new IllegalArgumentException("special tokens are for a vocabulary of " + specials.vocabSize() + ", the logits have " + v);
        }
        int[] candidates = java.util.stream.IntStream.range(0, v).filter(specials::drawable).toArray();
        if (candidates.length == 0) throw new IllegalArgumentException("the vocabulary has no token that may be drawn");
        double[] probs = afterTemperature(logits, config.temperature(), candidates);
        int[] order = descending(probs, logits);
        int[] drawable = Arrays.stream(order).filter(specials::drawable).toArray();   // candidates, most probable first

        boolean[] topK = new boolean[v], topP = new boolean[v];
        Arrays.fill(topK, true);
        Arrays.fill(topP, true);   // a filter marks only what it removed; never-drawn tokens it does not judge
        int k = config.topK() == 0 ? drawable.length : Math.min(config.topK(), drawable.length);
        for (int r = k; r < drawable.length; r++) topK[drawable[r]] = false;

        // Top-p on the top-k survivors, renormalised: keep the smallest most-probable prefix with mass ≥ p.
        double[] share = shares(logits, config.temperature(), Arrays.copyOf(drawable, k));
        double cumulative = 0;
        int nucleus = k;
        for (int r = 0; r < k && config.topP() < 1; r++) {
            cumulative += share[r];
            if (cumulative >= config.topP() - 1e-12) {
                nucleus = r + 1;
                break;
            }
        }
        for (int r = nucleus; r < k; r++) topP[drawable[r]] = false;

        double[] fin = new double[v];
        double[] kept = shares(logits, config.temperature(), Arrays.copyOf(drawable, nucleus));
        for (int r = 0; r < nucleus; r++) fin[drawable[r]] = kept[r];
        return new SamplingTrace(logits.clone(), probs, topK, topP, fin, order, config, specials);
    }

    /**
     * softmax(logits / T) over the given ids only (most probable first), computed from their own
     * largest logit so that a never-drawn token far above them cannot underflow them all to 0.
     */
    private static double[] shares(float[] logits, double temperature, int[] ids) {
        double[] q = new double[ids.length];
        if (ids.length == 0) return q;
        if (temperature == 0) {
            q[0] = 1;
            return q;
        }
        double max = logits[ids[0]], z = 0;
        for (int r = 0; r < ids.length; r++) z += q[r] = Math.exp((logits[ids[r]] - max) / temperature);
        for (int r = 0; r < ids.length; r++) q[r] /= z;
        return q;
    }

    /** Draws a token from the trace's final distribution; greedy (arg-max) when temperature is 0. */
    public static int draw(SamplingTrace trace, Random random) {
        if (trace.config().greedy()) return trace.argmax();
        double u = random.nextDouble(), cumulative = 0;
        int last = trace.argmax();
        for (int id : trace.order()) {
            double p = trace.finalProbs()[id];
            if (p == 0) continue;
            cumulative += p;
            last = id;
            if (u < cumulative) return id;
        }
        return last; // u fell in the rounding gap at the very end
    }

    /**
     * softmax(logits / T) over the whole vocabulary, computed stably; when T = 0, one-hot on the
     * drawable token with the largest logit (what greedy decoding picks).
     */
    static double[] afterTemperature(float[] logits, double temperature, int[] drawable) {
        int v = logits.length;
        double[] p = new double[v];
        int best = drawable[0];
        for (int i : drawable) if (logits[i] > logits[best]) best = i;
        if (temperature == 0) {
            p[best] = 1;
            return p;
        }
        double max = logits[best], z = 0;
        for (int i = 0; i < v; i++) max = Math.max(max, logits[i]);
        for (int i = 0; i < v; i++) z += p[i] = Math.exp((logits[i] - max) / temperature);
        for (int i = 0; i < v; i++) p[i] /= z;
        return p;
    }

    /** Ids by probability, highest first; ties (e.g. at T = 0) broken by logit, then by id. */
    static int[] descending(double[] probs, float[] logits) {
        Integer[] ids = new Integer[probs.length];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        Arrays.sort(ids, (a, b) -> {
            int c = Double.compare(probs[b], probs[a]);
            if (c != 0) return c;
            c = Float.compare(logits[b], logits[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[ids.length];
        for (int i = 0; i < out.length; i++) out[i] = ids[i];
        return out;
    }
}
