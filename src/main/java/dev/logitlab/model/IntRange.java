package dev.logitlab.model;

import static dev.logitlab.i18n.Messages.say;

/**
 * The whole numbers a setting allows, {@code min} to {@code max} inclusive: the one source for a
 * spec's validation, the CLI's checks and the help text, so what the help promises is what is enforced.
 */
public record IntRange(int min, int max) {
    public IntRange {
        if (min > max) throw new IllegalArgumentException("empty range " + min + " to " + max);
    }

    public static IntRange of(int min, int max) { return new IntRange(min, max); }

    public boolean contains(int value) { return value >= min && value <= max; }

    /** "1 to 12", the form the help texts and messages use. */
    public String text() { return min + " " + say("range.to") + " " + max; }

    /**
     * {@code value} when it is in range; otherwise an IllegalArgumentException whose message names
     * {@code what} (an option such as "--layers", or a field), the range and the value.
     */
    public int check(String what, int value) {
        if (!contains(value)) throw new IllegalArgumentException(say("range.outside", what, text(), value));
        return value;
    }
}
