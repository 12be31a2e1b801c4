package dev.logitlab.model;

import dev.logitlab.data.Examples;

/**
 * A next-token model: given the last tokens, logits over the whole vocabulary. Every family
 * answers this question, so sampling, evaluation and the views need no special cases; how a
 * family learns (counting, or gradients: {@link GradientModel}) is its own business.
 * Not thread-safe: one thread (the compute thread) owns a model.
 * Not sealed: a sealed type may permit subclasses in other packages only inside a named module,
 * and ND4J runs on the class path only.
 */
public interface LanguageModel {

    ModelSpec spec();

    /** Logits over the whole vocabulary for the token after {@code context} (length = context size). */
    float[] nextTokenLogits(int[] context);

    /** How many numbers the model has learned (weights, or counts for an n-gram model). */
    long parameterCount();

    /**
     * Mean cross-entropy (nats) and accuracy of the next-token predictions over the examples,
     * one example at a time; families with a faster batched path override it.
     */
    default Evaluation evaluate(Examples examples) {
        int n = examples.size();
        if (n == 0) return Evaluation.EMPTY;
        double loss = 0;
        int correct = 0;
        for (int e = 0; e < n; e++) {
            float[] logits = nextTokenLogits(examples.context(e));
            int target = examples.targets()[e], best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < logits.length; i++) {
                if (logits[i] > max) { max = logits[i]; best = i; }
            }
            double sum = 0;
            for (float z : logits) sum += Math.exp(z - max);
            loss += max + Math.log(sum) - logits[target];   // −log softmax(logits)[target]
            if (best == target) correct++;
        }
        return new Evaluation(loss / n, (double) correct / n, n);
    }

    /**
     * The number of threads this model's native operations run fastest on. Small models lose more
     * to thread synchronisation than they gain from a second core.
     */
    default int preferredThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
