package dev.logitlab.engine;

import dev.logitlab.text.BpeTokenizer;

/**
 * A BPE learned on the corpus, with what the Tokens tab's lab draws: the corpus's token count after every
 * merge ({@code tokensAfter[0]} is its byte count), how many tokens GPT-2's own BPE makes of the same text,
 * and how long learning the merges took.
 */
public record BpeLab(BpeTokenizer tokenizer, long[] tokensAfter, long gpt2Tokens, double trainMillis) {
    public BpeLab {
        tokensAfter = tokensAfter.clone();
    }

    public long bytes() { return tokensAfter[0]; }
    public int steps() { return tokensAfter.length - 1; }

    /** Bytes per token after {@code k} merges: how much each token carries. */
    public double bytesPerToken(int k) { return (double) bytes() / tokensAfter[k]; }

    /** GPT-2's bytes per token on the same text, with its 50,257-token vocabulary. */
    public double gpt2BytesPerToken() { return (double) bytes() / gpt2Tokens; }

    public long tokensAfter(int k) { return tokensAfter[k]; }
}
