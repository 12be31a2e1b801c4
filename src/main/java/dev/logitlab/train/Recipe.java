package dev.logitlab.train;

import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.data.Split;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

/**
 * Everything needed to go from a corpus to a model ready to train: which tokenizer, how many
 * tokens of context, how much of the corpus to hold out, the model family and its shape (the
 * MiniGPT's layers, or the n-gram's smoothing k) and the training settings. The window and the CLI share it, so both train exactly the same way.
 */
public record Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model,
                     TrainConfig training, ModelFamily family, double smoothing) {

    public static final Recipe DEFAULT = new Recipe(TokenizerKind.WORD, 4, 0.1, MlpSpec.DEFAULT, TrainConfig.DEFAULT);

    /** A MiniGPT recipe (the n-gram smoothing left at its default). */
    public Recipe(TokenizerKind tokenizer, int contextSize, double validationFraction, MlpSpec model, TrainConfig training) {
        this(tokenizer, contextSize, validationFraction, model, training, ModelFamily.MLP, NgramSpec.DEFAULT_K);
    }

    public Recipe {
        if (tokenizer == null) throw new IllegalArgumentException("a tokenizer must be chosen");
        if (contextSize < Examples.MIN_CONTEXT || contextSize > Examples.MAX_CONTEXT) {
            throw new IllegalArgumentException("context must be between 1 and 8 tokens, was " + contextSize);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 0.5, was " + validationFraction);
        }
        if (family == null) throw new IllegalArgumentException("a model family must be chosen");
        if (family == ModelFamily.NGRAM) NgramSpec.forContext(2, contextSize, smoothing); // validates n and k early
    }

    /** What {@link #prepare} builds: the fitted tokenizer, the split examples and a fresh model. */
    public record Prepared(Tokenizer tokenizer, Examples train, Examples validation, LanguageModel model,
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
        LanguageModel model = switch (family) {
            case MLP -> new MiniGpt(model().withVocabSize(tok.vocabSize()).withContextSize(contextSize), training.seed());
            case NGRAM -> new NgramModel(NgramSpec.forContext(tok.vocabSize(), contextSize, smoothing));
            case RNN, GPT -> throw new IllegalArgumentException(family.displayName() + " is not wired into recipes yet");
        };
        return new Prepared(tok, train, all.ofSentences(split.validation()), model, train.bestPossibleAccuracy());
    }

    public Recipe withTokenizer(TokenizerKind k) { return new Recipe(k, contextSize, validationFraction, model, training, family, smoothing); }
    public Recipe withContextSize(int n) { return new Recipe(tokenizer, n, validationFraction, model, training, family, smoothing); }
    public Recipe withValidationFraction(double f) { return new Recipe(tokenizer, contextSize, f, model, training, family, smoothing); }
    public Recipe withModel(MlpSpec m) { return new Recipe(tokenizer, contextSize, validationFraction, m, training, family, smoothing); }
    public Recipe withFamily(ModelFamily f) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, f, smoothing); }
    public Recipe withSmoothing(double k) { return new Recipe(tokenizer, contextSize, validationFraction, model, training, family, k); }
    public Recipe withTraining(TrainConfig t) { return new Recipe(tokenizer, contextSize, validationFraction, model, t, family, smoothing); }
}
