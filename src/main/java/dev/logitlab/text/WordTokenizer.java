package dev.logitlab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level tokenizer: lower-cases, keeps words (letters with accents, inner hyphens and
 * apostrophes) and numbers whole, and splits every punctuation mark into a token of its own.
 * Words never seen in the corpus become [UNK].
 */
public final class WordTokenizer extends VocabularyTokenizer implements Tokenizer {
    /**
     * A word, a number, or any single other visible character (punctuation, symbols, emoji). The
     * last is a whole grapheme ({@code \X}), so "❤️" (heart + variation selector) and "👍🏽" (hand +
     * skin tone) stay one token instead of two that decode with a space between them.
     */
    private static final Pattern PIECE =
            Pattern.compile("[\\p{L}\\p{M}]+(?:['’\\-][\\p{L}\\p{M}]+)*|\\p{N}+(?:[.,]\\p{N}+)*|(?=\\S)\\X");

    WordTokenizer(Vocabulary vocabulary) { super(vocabulary); }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text.replaceAll("\\h", " ").toLowerCase(Locale.ROOT)); // \h: no-break spaces too
        while (m.find()) out.add(m.group());
        return out;
    }

    @Override List<String> pieces(String text) { return words(text); }

    @Override public TokenizerKind kind() { return TokenizerKind.WORD; }

    /** Joins with spaces, but no space before closing punctuation: "olá , tudo bem ?" → "olá, tudo bem?". */
    @Override public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String t = tokenText(id);
            boolean closing = t.length() == 1 && ".,!?;:)]}…%".indexOf(t.charAt(0)) >= 0;
            boolean afterOpening = sb.length() > 0 && "([{¿¡".indexOf(sb.charAt(sb.length() - 1)) >= 0;
            if (sb.length() > 0 && !closing && !afterOpening) sb.append(' ');
            sb.append(t);
        }
        return sb.toString();
    }
}
