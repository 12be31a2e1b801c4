package dev.logitlab.text;

import java.util.Arrays;
import java.util.List;

/**
 * The naive tokenizer of many first tutorials: split on whitespace, nothing else. Punctuation stays
 * glued to words and case matters, so "Olá!" and "olá" are two unrelated tokens.
 */
public final class SplitTokenizer extends VocabularyTokenizer implements Tokenizer {

    SplitTokenizer(Vocabulary vocabulary) { super(vocabulary); }

    static List<String> split(String text) {
        String t = text.replaceAll("\\h", " ").strip(); // \h: no-break spaces from pasted web text count too
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("[\\s\\h]+"));
    }

    @Override List<String> pieces(String text) { return split(text); }

    @Override public TokenizerKind kind() { return TokenizerKind.SPLIT; }

    @Override public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(tokenText(id));
        }
        return sb.toString();
    }
}
