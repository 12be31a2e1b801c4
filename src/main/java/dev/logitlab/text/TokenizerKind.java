package dev.logitlab.text;

import static dev.logitlab.i18n.Messages.say;

import java.util.Locale;

/** The tokenizers LogitLab knows, with the names the CLI and the window use. */
public enum TokenizerKind {
    SPLIT("split"), WORD("word"), CHAR("char"), GPT2("gpt2"), BPE("bpe");

    private final String cliName;

    TokenizerKind(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }
    /** The name people read ("Word"), in the language in force. */
    public String displayName() { return say("tokenizer." + cliName + ".name"); }
    /** One sentence on what it does, in the language in force. */
    public String description() { return say("tokenizer." + cliName + ".about"); }

    public static TokenizerKind fromCliName(String name) {
        for (TokenizerKind k : values()) {
            if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) return k;
        }
        throw new IllegalArgumentException("unknown tokenizer '" + name + "' (expected split, word, char, gpt2 or bpe)");
    }

    @Override public String toString() { return displayName(); }
}
