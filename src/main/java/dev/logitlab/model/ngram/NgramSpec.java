package dev.logitlab.model.ngram;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.model.IntRange;
import dev.logitlab.model.ModelSpec;

/**
 * An n-gram model's shape: {@code n} tokens per count (the next token and the n − 1 before it)
 * and the add-k smoothing constant {@code k}.
 */
public record NgramSpec(int vocabSize, int n, double k) implements ModelSpec {
    public static final int MIN_N = 2, MAX_N = 5;
    public static final double DEFAULT_K = 0.01;
    /** The contexts an n-gram reads: n − 1, so 1 to 4 tokens (the help and the CLI's checks read this too). */
    public static final IntRange CONTEXT = IntRange.of(MIN_N - 1, MAX_N - 1);

    public NgramSpec {
        if (vocabSize < 2) throw new IllegalArgumentException(say("spec.vocab_min", vocabSize));
        if (vocabSize > 65_535) throw new IllegalArgumentException(say("ngram.vocab_max", vocabSize));
        if (n < MIN_N || n > MAX_N) throw new IllegalArgumentException(say("ngram.n", n));
        if (!(k > 0 && k <= 10)) throw new IllegalArgumentException(say("ngram.k", k));
    }

    /** The spec whose context is {@code contextSize} tokens: n = context + 1. */
    public static NgramSpec forContext(int vocabSize, int contextSize, double k) {
        if (!CONTEXT.contains(contextSize)) {
            throw new IllegalArgumentException(say("ngram.context", CONTEXT.text(), contextSize));
        }
        return new NgramSpec(vocabSize, contextSize + 1, k);
    }

    @Override public String family() { return "ngram"; }
    @Override public int contextSize() { return n - 1; }
}
