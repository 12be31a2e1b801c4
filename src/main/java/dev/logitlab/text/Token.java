package dev.logitlab.text;

/**
 * One token as a tokenizer produced it: its text (as it appears in the input, or the special
 * token's name), its id in the vocabulary, and whether the tokenizer had to map it to [UNK].
 */
public record Token(String text, int id, boolean unknown) {
    public Token {
        if (text == null) throw new IllegalArgumentException("token text must not be null");
    }

    /** The text with whitespace made visible, as drawn on a token chip: "␣world", "↵". */
    public String visibleText() {
        return Visible.of(text);
    }
}
