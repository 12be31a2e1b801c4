package dev.logitlab.model;

import static dev.logitlab.i18n.Messages.say;

import java.util.Locale;

/** The model families LogitLab can train, with the names the CLI ({@code --model}) and the window use. */
public enum ModelFamily {
    // in the order the field met them: counting, then a neural network, recurrence, attention
    NGRAM("ngram"), MLP("mlp"), RNN("rnn"), GPT("gpt");

    private final String cliName;

    ModelFamily(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }
    /** The name people read ("MiniGPT (MLP)"), in the language in force. */
    public String displayName() { return say("family." + cliName); }

    /** Whether the family reads whole windows of tokens ({@link SequenceModel}) rather than a fixed context. */
    public boolean readsSequences() { return this == RNN || this == GPT; }

    public static ModelFamily fromCliName(String name) {
        for (ModelFamily f : values()) if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("model family '" + name + "' is not available (expected ngram, mlp, rnn or gpt)");
    }

    @Override public String toString() { return displayName(); }
}
