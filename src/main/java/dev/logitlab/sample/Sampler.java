package dev.logitlab.sample;

import java.util.Arrays;
import java.util.Random;

/**
 * Temperature, top-k and top-p (nucleus) sampling over the full vocabulary, in that order, as
 * Hugging Face's generate() applies them. Pure Java: a slider drag never waits for the model.
 */
public final class Sampler {
    private Sampler() {}

    public static SamplingTrace trace(float[] logits, SamplingConfig config) {
        int v = logits.length;
        if (v == 0) throw new IllegalArgumentException("cannot sample from an empty vocabulary");
        double[] probs = afterTemperature(logits, config.temperature());
        int[] order = descending(probs, logits);

        boolean[] topK = new boolean[v];
        int k = config.topK() == 0 ? v : Math.min(config.topK(), v);
        for (int r = 0; r < k; r++) topK[order[r]] = true;

        // Top-p on the top-k survivors, renormalised: keep the smallest most-probable prefix with mass ≥ p.
        double keptMass = 0;
        for (int r = 0; r < k; r++) keptMass += probs[order[r]];
        boolean[] topP = new boolean[v];
        double cumulative = 0;
        for (int r = 0; r < k; r++) {
            topP[order[r]] = true;
            cumulative += probs[order[r]] / keptMass;
            if (config.topP() < 1 && cumulative >= config.topP() - 1e-12) break;
        }
        for (int r = k; r < v; r++) topP[order[r]] = true; // top-p only judges what top-k kept

        double[] fin = new double[v];
        double z = 0;
        for (int i = 0; i < v; i++) if (topK[i] && topP[i]) z += probs[i];
        for (int i = 0; i < v; i++) if (topK[i] && topP[i]) fin[i] = probs[i] / z;
        return new SamplingTrace(logits.clone(), probs, topK, topP, fin, order, config);
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

    /** softmax(logits / T), computed stably; one-hot on the arg-max when T = 0. */
    static double[] afterTemperature(float[] logits, double temperature) {
        int v = logits.length;
        double[] p = new double[v];
        int best = 0;
        for (int i = 1; i < v; i++) if (logits[i] > logits[best]) best = i;
        if (temperature == 0) {
            p[best] = 1;
            return p;
        }
        double max = logits[best], z = 0;
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
