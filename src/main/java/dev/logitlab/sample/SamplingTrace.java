package dev.logitlab.sample;

/**
 * Everything one sampling step did, over the full vocabulary, so the probability bars can show
 * exactly what the sampler will draw from.
 *
 * @param logits           the model's raw next-token logits
 * @param afterTemperature softmax(logits / T); one-hot on the arg-max when T = 0
 * @param keptByTopK       which tokens survived the top-k filter (all when top-k is off)
 * @param keptByTopP       which tokens survived the top-p filter applied after top-k
 * @param finalProbs       the distribution actually sampled from: kept tokens, renormalised to sum 1
 * @param order            token ids sorted by {@code afterTemperature}, most probable first (ties by logit, then by id)
 */
public record SamplingTrace(float[] logits, double[] afterTemperature, boolean[] keptByTopK,
                            boolean[] keptByTopP, double[] finalProbs, int[] order, SamplingConfig config) {

    public int vocabSize() { return logits.length; }

    public boolean kept(int id) { return keptByTopK[id] && keptByTopP[id]; }

    /** The most probable token of the final distribution (what greedy decoding would pick). */
    public int argmax() { return order[0]; }

    public int keptCount() {
        int n = 0;
        for (int i = 0; i < logits.length; i++) if (kept(i)) n++;
        return n;
    }
}
