package dev.logitlab.text;

import java.util.ArrayList;
import java.util.List;

/** Builds tokenizers: fitted on a corpus, or restored from a saved vocabulary. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * A tokenizer of the given kind whose vocabulary holds every token of {@code sentences}; a BPE
     * learns {@link BpeSpec#DEFAULT}'s merges on them.
     */
    public static Tokenizer fit(TokenizerKind kind, List<String> sentences) {
        return fit(kind, sentences, BpeSpec.DEFAULT);
    }

    /** Like {@link #fit(TokenizerKind, List)}; a BPE learns as {@code bpe} says (the other kinds ignore it). */
    public static Tokenizer fit(TokenizerKind kind, List<String> sentences, BpeSpec bpe) {
        return switch (kind) {
            case SPLIT -> new SplitTokenizer(Vocabulary.of(all(sentences, SplitTokenizer::split)));
            case WORD -> new WordTokenizer(Vocabulary.of(all(sentences, WordTokenizer::words)));
            case CHAR -> new CharTokenizer(Vocabulary.of(all(sentences, CharTokenizer::chars)));
            case GPT2 -> Gpt2Tokenizer.INSTANCE;
            case BPE -> BpeTrainer.train(sentences, bpe).tokenizer();
        };
    }

    /**
     * Rebuilds a tokenizer from {@link Tokenizer#vocabularyList()} as saved with a model. A BPE is rebuilt
     * from its merges instead ({@link BpeTokenizer#BpeTokenizer(List, BpeSplit)}).
     */
    public static Tokenizer restore(TokenizerKind kind, List<String> vocabulary) {
        return switch (kind) {
            case SPLIT -> new SplitTokenizer(Vocabulary.fromList(vocabulary));
            case WORD -> new WordTokenizer(Vocabulary.fromList(vocabulary));
            case CHAR -> new CharTokenizer(Vocabulary.fromList(vocabulary));
            case GPT2 -> Gpt2Tokenizer.INSTANCE;
            case BPE -> throw new IllegalArgumentException("a BPE is restored from its merges, not a vocabulary list");
        };
    }

    private static List<String> all(List<String> sentences, java.util.function.Function<String, List<String>> cut) {
        List<String> out = new ArrayList<>();
        for (String s : sentences) out.addAll(cut.apply(s));
        return out;
    }
}
