package dev.logitlab.model;

import static dev.logitlab.i18n.Messages.say;

import dev.logitlab.train.TrainConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything LogitLab knows about one model family, in one place (its package): its names, its
 * defaults and presets, the options it reads with the ranges it allows, how it builds a model, and
 * how a run of it is named. {@link ModelFamily} lists the families, one line each; the CLI, the
 * recipe and the engine ask the family instead of switching on its name.
 */
public interface FamilySupport {

    /** The name {@code train --model} takes and model files record: "ngram", "mlp", "rnn", "gpt". */
    String cliName();

    /** The name people read in lists ("MiniGPT (MLP)"), in the language in force. */
    default String label() { return say("family." + cliName()); }

    /** The short name used in sentences ("the MiniGPT", "the GPT"). */
    String shortLabel();

    /** Whether it reads whole windows of tokens ({@link SequenceModel}) rather than a fixed context. */
    boolean readsSequences();

    /** Whether it learns by counting in one pass (no gradient steps, no parameters to train). */
    default boolean counts() { return false; }

    /** The tokens of context it may read, and how many it reads by default. */
    IntRange context();

    int defaultContext();

    /** How a run of it trains by default. */
    TrainConfig defaultTraining();

    /** Its shape options ({@code --layers}, …) with their meaning, range and default: its part of the help. */
    List<Setting> settings();

    /** The training options of a model trained by gradient steps over examples of a fixed context. */
    List<String> GRADIENT_TRAINING = List.of("--epochs", "--iters", "--batch", "--lr");

    /** … and of one trained over windows, with nanoGPT's warm-up, weight decay and clipping. */
    List<String> SEQUENCE_TRAINING = List.of("--epochs", "--iters", "--batch", "--lr", "--warmup", "--weight-decay", "--clip");

    /** The training options it honours ({@code --epochs}, {@code --iters}, …); none for a counting model. */
    List<String> trainingOptions();

    /** Every option it reads: {@code --context}, its settings and its training options. */
    default List<String> options() {
        List<String> all = new ArrayList<>();
        all.add("--context");
        settings().forEach(s -> all.add(s.option()));
        all.addAll(trainingOptions());
        return all;
    }

    /** Its default shape (vocabulary and context are placeholders, filled in from the data). */
    ModelSpec defaultSpec();

    /** Named shapes a user can start from; the first is the default. */
    Map<String, ModelSpec> presets();

    /**
     * {@code base} (one of this family's specs) with the given shape options applied, each checked
     * against this family's own ranges. Options it does not use are ignored here; see
     * {@link Options#refuseUnused}.
     */
    ModelSpec configure(ModelSpec base, Options given);

    /** A fresh, seeded model of {@code spec} for {@code vocabSize} tokens and {@code contextSize} tokens of context. */
    LanguageModel create(ModelSpec spec, int vocabSize, int contextSize, long seed);

    /** A run's short name: "MiniGPT 32/128", "n-gram n=5", "GPT 3×4×128", "RNN GRU 128". */
    String describe(ModelSpec spec, int contextSize);
}
