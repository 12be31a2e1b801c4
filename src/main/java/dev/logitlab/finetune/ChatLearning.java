package dev.logitlab.finetune;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.data.Corpus;
import dev.logitlab.model.FamilySupport;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.TrainConfig;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The chat's {@code deeptrain}: the model learns the lines the user typed, as the seed project's Mini LM
 * learns from its conversation log. It is language-model training on those lines, with the model's own
 * tokenizer (a word it never saw stays [UNK]) and its family's own trainer and defaults, so it works for
 * every family: an n-gram model adds the lines to its counts, the MiniGPT, the char-RNN and the GPT take
 * gradient steps. An instruction-tuned model keeps its template. The model is changed in place; call on the
 * thread that owns it.
 */
public final class ChatLearning {
    private ChatLearning() {}

    /** How many passes over the log {@code deeptrain} makes when not told. */
    public static final int DEFAULT_EPOCHS = 30;

    public static TrainingSummary learn(TrainedModel model, List<String> lines, int epochs, long seed,
                                        Consumer<TrainingEvent> events, BooleanSupplier stop) {
        if (lines.isEmpty()) throw new IllegalArgumentException(say("chat.nothing_to_learn"));
        ModelFamily family = ModelFamily.of(model.model().spec());
        FamilySupport f = family.support();
        int context = Math.min(model.model().spec().contextSize(), f.context().max());
        Recipe recipe = Recipe.forFamily(family).withContextSize(context).withValidationFraction(0);
        Corpus corpus = Corpus.of("chat log", String.join("\n", lines), model.format());
        Recipe.Prepared data = recipe.prepareFor(corpus, model.tokenizer(), model.model());
        TrainConfig config = f.defaultTraining().withEpochs(epochs).withSeed(seed);
        if (model.model().parameterCount() >= InstructTuning.PRETRAINED_PARAMETERS) {
            config = config.withLearningRate(5e-5).withWarmupSteps(0);   // a pretrained model: a gentle rate, as for tuning
        }
        return data.train(config, events, stop, null);
    }
}
