package dev.logitlab.model;

/** A model whose forward pass uses attention, and can show the weights it used (the GPT). */
public interface AttentionModel {
    /**
     * One forward pass over {@code context} (as {@link SequenceModel#nextTokenLogits}) that keeps the
     * softmax weights of every layer and head; token labels are the ids as text ("12"), for the caller to replace.
     */
    AttentionMaps attention(int[] context);
}
