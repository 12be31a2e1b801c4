package dev.logitlab.data;

/**
 * A mini-batch for models that read whole windows of tokens (the char-RNN, the GPT): {@code batchSize}
 * rows of {@code length} tokens, row-major [B, T], and at every position the id of the token that
 * follows it as the target. A target of {@link #IGNORE} takes no part in the loss: the padding at
 * the end of a short sentence, or a sentence's first word (nothing can predict it; see {@link Examples}).
 *
 * <p>{@code continues} says that row b continues the text of row b of the previous batch (running
 * text read in order), so a recurrent model may carry its hidden state across (truncated BPTT).
 */
public record SequenceBatch(int batchSize, int length, int[] tokens, int[] targets, boolean continues) {
    /** A target that takes no part in the loss (PyTorch's {@code ignore_index=-1}, as in nanoGPT). */
    public static final int IGNORE = -1;

    public SequenceBatch {
        if (batchSize < 1) throw new IllegalArgumentException("a batch needs at least one row, was " + batchSize);
        if (length < 1) throw new IllegalArgumentException("rows need at least one token, was " + length);
        if (tokens == null || tokens.length != batchSize * length) {
            throw new IllegalArgumentException("tokens must hold batchSize × length = " + batchSize * length + " ids");
        }
        if (targets == null || targets.length != tokens.length) {
            throw new IllegalArgumentException("targets must hold one id (or -1) per token");
        }
    }

    public SequenceBatch(int batchSize, int length, int[] tokens, int[] targets) {
        this(batchSize, length, tokens, targets, false);
    }

    /** How many targets count towards the loss. */
    public int counted() {
        int n = 0;
        for (int t : targets) if (t != IGNORE) n++;
        return n;
    }
}
