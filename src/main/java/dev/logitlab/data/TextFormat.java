package dev.logitlab.data;

import java.util.Locale;

/**
 * How a corpus is laid out. {@link #LINES}: one sentence per line (the seed datasets); each sentence
 * is read on its own, between [BOS] and [EOS], and whole sentences are held out for validation.
 * {@link #RUNNING}: running text such as a book; it is one long stream of tokens, and validation
 * is its last part (nanoGPT's contiguous 90/10 split), so no line of it is seen in training.
 */
public enum TextFormat {
    LINES, RUNNING;

    /** Texts this long are taken as running text when the format is not given: nobody types a book line by line. */
    public static final int RUNNING_TEXT_CHARS = 100_000;

    public static TextFormat detect(String text) {
        return text.length() >= RUNNING_TEXT_CHARS ? RUNNING : LINES;
    }

    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public static TextFormat fromCliName(String name) {
        for (TextFormat f : values()) if (f.cliName().equals(name.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("text format must be lines or running, was '" + name + "'");
    }
}
