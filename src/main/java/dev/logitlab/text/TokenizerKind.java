package dev.logitlab.text;

import java.util.Locale;

/** The tokenizers LogitLab knows, with the names the CLI and the window use. */
public enum TokenizerKind {
    SPLIT("split", "Whitespace split", "Splits on spaces only, as many first tutorials do: \"casa.\" and \"casa\" are different tokens."),
    WORD("word", "Word", "Lower-cased words with punctuation split off, plus [PAD] [UNK] [BOS] [EOS]."),
    CHAR("char", "Character", "One token per character (Unicode code point): a tiny vocabulary, long sequences."),
    GPT2("gpt2", "GPT-2 BPE", "GPT-2's byte-pair encoding (r50k_base): 50,257 tokens learned from web text; never unknown.");

    private final String cliName;
    private final String displayName;
    private final String description;

    TokenizerKind(String cliName, String displayName, String description) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.description = description;
    }

    public String cliName() { return cliName; }
    public String displayName() { return displayName; }
    public String description() { return description; }

    public static TokenizerKind fromCliName(String name) {
        for (TokenizerKind k : values()) {
            if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) return k;
        }
        throw new IllegalArgumentException("unknown tokenizer '" + name + "' (expected split, word, char or gpt2)");
    }

    @Override public String toString() { return displayName; }
}
