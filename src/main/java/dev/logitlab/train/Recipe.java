package dev.logitlab.train;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.data.Split;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

/**
 * Everything needed to go from a corpus to a model ready to train: which tokenizer, how many
 * tokens of context, how much of the corpus to hold out, the model's shape and the training
 * settings. The window and the CLI share it, so both train exactly the same way.
 */
public record Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model,
                     TrainConfig training) {

    public static final Recipe DEFAULT = new Recipe(TokenizerKind.WORD, 4, 0.1, MlpSpec.DEFAULT, TrainConfig.DEFAULT);

    public Recipe {
        if (tokenizer == null) throw new IllegalArgumentException("a tokenizer must be chosen");
        if (contextSize < Examples.MIN_CONTEXT || contextSize > Examples.MAX_CONTEXT) {
            throw new IllegalArgumentException("context must be between 1 and 8 tokens, was " + contextSize);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 0.5, was " + validationFraction);
        }
    }

    /** What {@link #prepare} builds: the fitted tokenizer, the split examples and a fresh model. */
    public record Prepared(Tokenizer tokenizer, Examples train, Examples validation, MiniGpt model,
                           double bestPossibleAccuracy) {}

    /** Fits the tokenizer, builds and splits the examples, and initialises the model (all seeded). */
    public Prepared prepare(Corpus corpus) {
        if (corpus.isEmpty()) throw new IllegalArgumentException("the corpus is empty: type or paste at least one sentence");
        Tokenizer tok = Tokenizers.fit(tokenizer, corpus.sentences());
        Examples all = Examples.from(corpus.sentences(), tok, contextSize);
        Split split = Split.of(corpus.size(), validationFraction, training.seed());
        Examples train = all.ofSentences(split.train());
        if (train.size() == 0) {
            throw new IllegalArgumentException("there is nothing to learn: no sentence has any tokens");
        }
        MiniGpt model = new MiniGpt(model().withVocabSize(tok.vocabSize()).withContextSize(contextSize), training.seed());
        return new Prepared(tok, train, all.ofSentences(split.validation()), model, train.bestPossibleAccuracy());
    }

    public Recipe withTokenizer(TokenizerKind k) { return new Recipe(k, contextSize, validationFraction, model, training); }
    public Recipe withContextSize(int n) { return new Recipe(tokenizer, n, validationFraction, model, training); }
    public Recipe withValidationFraction(double f) { return new Recipe(tokenizer, contextSize, f, model, training); }
    public Recipe withModel(MlpSpec m) { return new Recipe(tokenizer, contextSize, validationFraction, m, training); }
    public Recipe withTraining(TrainConfig t) { return new Recipe(tokenizer, contextSize, validationFraction, model, t); }
}
