package dev.logitlab.model;

import java.util.Locale;

/** The model families LogitLab can train, with the names the CLI ({@code --model}) and the window use. */
public enum ModelFamily {
    // in the order the field met them: counting, then a neural network, recurrence, attention
    NGRAM("ngram", "n-gram (Markov)"),
    MLP("mlp", "MiniGPT (MLP)"),
    RNN("rnn", "char-RNN (RNN / GRU)"),
    GPT("gpt", "GPT (transformer)");

    private final String cliName;
    private final String displayName;

    ModelFamily(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    public String cliName() { return cliName; }
    public String displayName() { return displayName; }

    /** Whether the family reads whole windows of tokens ({@link SequenceModel}) rather than a fixed context. */
    public boolean readsSequences() { return this == RNN || this == GPT; }

    public static ModelFamily fromCliName(String name) {
        for (ModelFamily f : values()) if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("model family '" + name + "' is not available (expected ngram, mlp, rnn or gpt)");
    }

    @Override public String toString() { return displayName; }
}
