package dev.logitlab.text;

import java.util.List;

/**
 * One token per Unicode code point, so "ç" and "ã" are single tokens and emoji are not cut in half.
 * Characters never seen in the corpus become [UNK].
 */
public final class CharTokenizer extends VocabularyTokenizer implements Tokenizer {

    CharTokenizer(Vocabulary vocabulary) { super(vocabulary); }

    static List<String> chars(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    @Override List<String> pieces(String text) { return chars(text); }

    @Override public TokenizerKind kind() { return TokenizerKind.CHAR; }

    @Override public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) sb.append(tokenText(id));
        return sb.toString();
    }
}
