package dev.logitlab.model;

/**
 * One option a model family reads, as the CLI names it ({@code --layers}), what it means for that
 * family, the values it allows and its default: the family's own entry in the help text.
 */
public record Setting(String option, String meaning, String allowed, String defaultValue) {

    /** A whole-number setting: its allowed values are written from the range that validates it. */
    public static Setting of(String option, String meaning, IntRange range, int defaultValue) {
        return new Setting(option, meaning, range.text(), String.valueOf(defaultValue));
    }

    /** "blocks (1 to 48, default 3)". */
    public String describe() { return meaning + " (" + allowed + ", default " + defaultValue + ")"; }
}
