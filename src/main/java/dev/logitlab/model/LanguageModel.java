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
     * The logits for every example of a batch, [B, V] row-major (for the confusion matrix). The default
     * asks {@link #nextTokenLogits} once per example; families with a batched forward pass override it.
     */
    default float[] logits(dev.logitlab.data.Batch batch) {
        int v = spec().vocabSize(), n = batch.contextSize();
        float[] out = new float[batch.size() * v];
        for (int b = 0; b < batch.size(); b++) {
            int[] ctx = java.util.Arrays.copyOfRange(batch.contexts(), b * n, (b + 1) * n);
            System.arraycopy(nextTokenLogits(ctx), 0, out, b * v, v);
        }
        return out;
    }

    /**
     * Reading on token by token, as generation does: {@link Continuation#logits()} are the next-token
     * logits after everything read so far, {@link Continuation#append} reads one more token. The default
     * re-reads a window of the last {@code spec().contextSize()} tokens each time; a GPT keeps its
     * keys and values (a KV cache) and an RNN its hidden state instead, so each token costs one step.
     * {@code context} is what {@link #nextTokenLogits} would take.
     */
    default Continuation continueFrom(int[] context) {
        return new Continuation.Window(this, context);
    }

    /** A generation in progress: see {@link #continueFrom}. */
    interface Continuation {
        /** The next-token logits after every token read so far. */
        float[] logits();

        /** Reads one more token. */
        void append(int token);

        /** The default: the last {@code contextSize} tokens re-read by {@link #nextTokenLogits} at each step. */
        final class Window implements Continuation {
            private final LanguageModel model;
            private int[] seq;
            private int len;
            private float[] logits;

            Window(LanguageModel model, int[] context) {
                this.model = model;
                this.seq = java.util.Arrays.copyOf(context, Math.max(16, context.length * 2));
                this.len = context.length;
            }

            @Override public float[] logits() {
                if (logits == null) {
                    int n = Math.min(len, model.spec().contextSize());
                    logits = model.nextTokenLogits(java.util.Arrays.copyOfRange(seq, len - n, len));
                }
                return logits;
            }

            @Override public void append(int token) {
                if (len == seq.length) seq = java.util.Arrays.copyOf(seq, seq.length * 2);
                seq[len++] = token;
                logits = null;
            }
        }
    }

    /**
     * The number of threads this model's native operations run fastest on. Small models lose more
     * to thread synchronisation than they gain from a second core.
     */
    default int preferredThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
