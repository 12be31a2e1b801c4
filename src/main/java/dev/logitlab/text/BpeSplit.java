package dev.logitlab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How byte-pair encoding cuts text before it merges: with GPT-2's pattern, merges never cross a word
 * boundary (" the" and "the," stay apart, so no token glues a word to its comma); with none, the whole
 * text (or each sentence of a corpus of sentences) is one run of bytes and any two neighbours may merge.
 */
public enum BpeSplit {
    GPT2("gpt2"), NONE("none");

    /**
     * GPT-2's pre-tokenizer (openai/gpt-2 encoder.py): English contractions, a word or a number with
     * the space before it, a run of other symbols with the space before it, and whitespace.
     */
    static final Pattern GPT2_PATTERN =
            Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    private final String cliName;

    BpeSplit(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    /** The pieces of {@code text} that merges stay inside; together they are the whole text, in order. */
    public List<String> chunks(String text) {
        if (this == NONE || text.isEmpty()) return text.isEmpty() ? List.of() : List.of(text);
        List<String> out = new ArrayList<>();
        Matcher m = GPT2_PATTERN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    public static BpeSplit fromCliName(String name) {
        for (BpeSplit s : values()) if (s.cliName.equals(name.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown split '" + name + "' (expected gpt2 or none)");
    }
}
