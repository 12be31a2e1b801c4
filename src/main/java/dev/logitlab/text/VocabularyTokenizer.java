package dev.logitlab.text;

import java.util.ArrayList;
import java.util.List;

/** Shared behaviour of the tokenizers whose vocabulary is fitted on a corpus. */
abstract class VocabularyTokenizer {
    protected final Vocabulary vocabulary;

    VocabularyTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The pieces of text this tokenizer cuts, before they are looked up. */
    abstract List<String> pieces(String text);

    public List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        for (String piece : pieces(text)) {
            boolean known = vocabulary.contains(piece) && !Vocabulary.SPECIALS.contains(piece);
            out.add(new Token(piece, known ? vocabulary.idOf(piece) : Vocabulary.UNK_ID, !known));
        }
        return out;
    }

    public int vocabSize() { return vocabulary.size(); }
    public String tokenText(int id) { return vocabulary.token(id); }
    public int padId() { return Vocabulary.PAD_ID; }
    public int bosId() { return Vocabulary.BOS_ID; }
    public int eosId() { return Vocabulary.EOS_ID; }
    public boolean isSpecial(int id) { return Vocabulary.isSpecial(id); }
    public List<String> vocabularyList() { return vocabulary.tokens(); }
}
