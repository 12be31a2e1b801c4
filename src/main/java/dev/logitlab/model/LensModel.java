package dev.logitlab.model;

/** A model whose residual stream can be decoded layer by layer: the logit lens (every GPT). */
public interface LensModel {
    /**
     * One forward pass over {@code context} (its last context-size tokens, as {@link LanguageModel#nextTokenLogits})
     * and the lens of every layer at every position, with the {@code top} best tokens of each cell.
     */
    LogitLens logitLens(int[] context, int top);
}
