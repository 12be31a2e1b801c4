package dev.logitlab.model;

import dev.logitlab.data.SequenceBatch;

import java.util.List;

/**
 * A model that reads a whole window of tokens and predicts the next token at every position
 * (the char-RNN, the GPT). The {@code Trainer} drives it with {@link SequenceBatch}es.
 *
 * <p>{@link #nextTokenLogits(int[])} takes the tokens read so far, oldest first, with no padding
 * (1 to {@code spec().contextSize()} of them; a longer context is cut to its last tokens).
 */
public interface SequenceModel extends LanguageModel {

    /**
     * Forward and backward over a batch in training mode (dropout on): fills every parameter's
     * gradient with d(mean loss)/dθ and returns the mean cross-entropy over the counted targets.
     */
    double forwardBackward(SequenceBatch batch);

    /** Evaluation mode (no dropout, no gradients): mean loss and accuracy over the counted targets. */
    Evaluation evaluate(SequenceBatch batch);

    /**
     * Evaluation-mode logits at every position of the batch, [B, T, V] row-major; positions whose target
     * is {@link SequenceBatch#IGNORE} may be left zero. The default reads each prefix of each row with
     * {@link #nextTokenLogits} (slow, but right for any family); the GPT and the RNN override it.
     */
    default float[] logits(SequenceBatch batch) {
        int v = spec().vocabSize(), t = batch.length();
        float[] out = new float[batch.tokens().length * v];
        for (int b = 0; b < batch.batchSize(); b++) {
            for (int i = 0; i < t; i++) {
                if (batch.targets()[b * t + i] == SequenceBatch.IGNORE) continue;
                int from = Math.max(0, i + 1 - spec().contextSize());
                int[] prefix = java.util.Arrays.copyOfRange(batch.tokens(), b * t + from, b * t + i + 1);
                System.arraycopy(nextTokenLogits(prefix), 0, out, (b * t + i) * v, v);
            }
        }
        return out;
    }

    /** The trainable tensors with their gradients, in a fixed order (the order of the model file). */
    List<Parameter> parameters();

    /** The parameters an optimizer steps: all of them, unless the model freezes some (a GPT training its last blocks). */
    default List<Parameter> trainableParameters() { return parameters(); }

    /** Whether the model keeps state between batches whose rows continue each other (a recurrent model's hidden state). */
    default boolean carriesState() { return false; }

    /** Forgets any state carried between batches (before evaluation, or a new pass over the data). */
    default void resetState() {}

    @Override default long parameterCount() {
        return parameters().stream().mapToLong(p -> p.value().length()).sum();
    }
}
