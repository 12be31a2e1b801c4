package dev.logitlab.sample;

/**
 * Everything one sampling step did, over the full vocabulary, so the probability bars can show
 * exactly what the sampler will draw from.
 *
 * @param logits           the model's raw next-token logits
 * @param afterTemperature softmax(logits / T); one-hot on the arg-max when T = 0
 * @param keptByTopK       false for the drawable tokens the top-k filter removed (none when top-k is off)
 * @param keptByTopP       false for the drawable tokens the top-p filter, applied after top-k, removed
 * @param finalProbs       the distribution actually sampled from: kept tokens, renormalised to sum 1
 * @param order            token ids sorted by {@code afterTemperature}, most probable first (ties by logit, then by id)
 * @param specials         which tokens are never drawn (they are never kept) or never offered
 */
public record SamplingTrace(float[] logits, double[] afterTemperature, boolean[] keptByTopK,
                            boolean[] keptByTopP, double[] finalProbs, int[] order, SamplingConfig config,
                            SpecialTokens specials) {

    public int vocabSize() { return logits.length; }

    public boolean kept(int id) { return specials.drawable(id) && keptByTopK[id] && keptByTopP[id]; }

    /** The most probable token of the final distribution (what greedy decoding would pick). */
    public int argmax() {
        for (int id : order) if (kept(id)) return id;
        throw new IllegalStateException("a trace always keeps at least one token");
    }

    public int keptCount() {
        int n = 0;
        for (int i = 0; i < logits.length; i++) if (kept(i)) n++;
        return n;
    }
}
