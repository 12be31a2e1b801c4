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
    /** One grapheme cluster ({@code \X}) at the start of a region: a bounded match, never a repetition. */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    WordTokenizer(Vocabulary vocabulary) { super(vocabulary); }

    /**
     * The pieces of {@code text}, lower-cased, left to right: a word (letters and combining marks, with
     * inner hyphens and apostrophes: "guarda-chuva", "d'água"), a number (digits, with inner points and
     * commas: "3,14", "1.000"), or any single other visible character (punctuation, symbols, emoji), as a
     * whole grapheme so "❤️" (heart + variation selector) and "👍🏽" (hand + skin tone) stay one token.
     * <p>
     * A hand-written scanner, not one regular expression: the pattern {@code [\p{L}\p{M}]+(?:['’\-]
     * [\p{L}\p{M}]+)*} it replaces recursed once per hyphen in Java's regex engine, so a chain such as
     * {@code ab-ab-ab-…} of a few thousand links overflowed the stack. This runs in time linear in the
     * text and in constant stack.
     */
    static List<String> words(String text) {
        String t = text.replaceAll("\\h", " ").toLowerCase(Locale.ROOT); // \h: no-break spaces too
        List<String> out = new ArrayList<>();
        Matcher grapheme = GRAPHEME.matcher(t);
        int i = 0, n = t.length();
        while (i < n) {
            int cp = t.codePointAt(i);
            int end;
            if (isWordChar(cp)) end = chain(t, i, WordTokenizer::isWordChar, "'’-");
            else if (isDigit(cp)) end = chain(t, i, WordTokenizer::isDigit, ".,");
            else if (isSpace(cp)) { i += Character.charCount(cp); continue; }
            else if (cp < 0x300 && (i + 1 == n || t.charAt(i + 1) < 0x300)) end = i + 1; // nothing below U+0300 extends a grapheme
            else {
                grapheme.region(i, n);
                end = grapheme.lookingAt() ? grapheme.end() : i + Character.charCount(cp);
            }
            out.add(t.substring(i, end));
            i = end;
        }
        return out;
    }

    /**
     * The end of the run of {@code member} characters starting at {@code from}, continued across any one
     * {@code joiners} character that has another member right after it (so "ab-ab" is one piece, "ab-" ends before the hyphen).
     */
    private static int chain(String t, int from, java.util.function.IntPredicate member, String joiners) {
        int i = run(t, from, member);
        while (i + 1 < t.length() && joiners.indexOf(t.charAt(i)) >= 0 && member.test(t.codePointAt(i + 1))) {
            i = run(t, i + 1, member);
        }
        return i;
    }

    private static int run(String t, int from, java.util.function.IntPredicate member) {
        int i = from;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (!member.test(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** {@code [\p{L}\p{M}]}: a letter of any script, or a combining mark. */
    private static boolean isWordChar(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    /** {@code \p{N}}: a digit, letter-like number or other number of any script. */
    private static boolean isDigit(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** {@code \s} as Java's regular expressions read it: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r';
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
