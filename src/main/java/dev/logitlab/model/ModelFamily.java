package dev.logitlab.model;

import dev.logitlab.model.gpt.GptFamily;
import dev.logitlab.model.mlp.MlpFamily;
import dev.logitlab.model.ngram.NgramFamily;
import dev.logitlab.model.rnn.RnnFamily;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The registry of model families: one line each, binding the name the CLI ({@code --model}), model
 * files and the window use to the family's {@link FamilySupport}. Adding a family is its own package
 * plus one line here.
 */
public enum ModelFamily {
    // in the order the field met them: counting, then a neural network, recurrence, attention
    NGRAM(new NgramFamily()), MLP(new MlpFamily()), RNN(new RnnFamily()), GPT(new GptFamily());

    private final FamilySupport support;

    ModelFamily(FamilySupport support) { this.support = support; }

    /** What the family knows about itself: defaults, options and their ranges, how to build it. */
    public FamilySupport support() { return support; }

    public String cliName() { return support.cliName(); }
    /** The name people read ("MiniGPT (MLP)"), in the language in force. */
    public String displayName() { return support.label(); }

    /** Whether the family reads whole windows of tokens ({@link SequenceModel}) rather than a fixed context. */
    public boolean readsSequences() { return support.readsSequences(); }

    /** "ngram, mlp, rnn or gpt". */
    public static String cliNames() {
        String[] names = Arrays.stream(values()).map(ModelFamily::cliName).toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or " + names[names.length - 1];
    }

    public static ModelFamily fromCliName(String name) {
        for (ModelFamily f : values()) if (f.cliName().equals(name.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("model family '" + name + "' is not available (expected " + cliNames() + ")");
    }

    /** The family of a spec (each spec names its family). */
    public static ModelFamily of(ModelSpec spec) { return fromCliName(spec.family()); }

    @Override public String toString() { return displayName(); }
}
