package dev.logitlab.finetune;

import dev.logitlab.data.Corpus;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.TrainingEvent;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The base a classifier gets when none is given: a small GPT (2 blocks of 4 heads, 64 wide) with a word
 * tokenizer, first trained as a language model on the labelled file's own texts (never its labels), as
 * the window's Train does ({@link Recipe}), so that its hidden states already carry what the messages say.
 * Its block size fits the longest message ([BOS] … [EOS]), between 8 and {@link #MAX_BLOCK} tokens.
 */
public final class SmallBase {
    /** The shape (vocabulary and block size are filled in from the texts). */
    public static final GptSpec SHAPE = new GptSpec(1, 8, 2, 4, 64, 256, 0.0);
    /** nanoGPT's optimiser settings for a few epochs over a few thousand short messages. */
    public static final TrainConfig TRAINING = TrainConfig.TRANSFORMER.withEpochs(8).withBatchSize(16).withLearningRate(3e-3)
            .withWarmupSteps(20);
    public static final int MAX_BLOCK = 128;

    private SmallBase() {}

    /** Trains the base on {@code texts} (one message each); reports the language model's training as {@link TrainingEvent}s. */
    public static TrainedModel train(List<String> texts, long seed, TrainConfig training, Consumer<TrainingEvent> events,
                                     BooleanSupplier stop) {
        if (texts.isEmpty()) throw new IllegalArgumentException("there are no texts to train the base on");
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, texts);
        int longest = texts.stream().mapToInt(t -> tok.encode(t).length + 2).max().orElse(2);
        int block = Math.max(8, Math.min(MAX_BLOCK, longest));
        Recipe recipe = Recipe.forFamily(ModelFamily.GPT).withTokenizer(TokenizerKind.WORD).withContextSize(block)
                .withGpt(SHAPE).withValidationFraction(0.05).withTraining(training.withSeed(seed));
        Recipe.Prepared p = recipe.prepare(new Corpus("texts", texts));
        p.train(recipe.training(), events, stop, null);
        return new TrainedModel(p.model(), p.tokenizer(), p.format());
    }
}
