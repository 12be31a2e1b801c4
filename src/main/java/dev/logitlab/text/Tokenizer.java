package dev.logitlab.text;

import java.util.List;

/**
 * Turns text into token ids and back. The vocabulary-based tokenizers are fitted on a corpus
 * ({@link Tokenizers#fit}), and so is the trainable BPE ({@link BpeTrainer}); GPT-2's BPE comes with
 * its own 50,257-token vocabulary.
 */
public sealed interface Tokenizer permits SplitTokenizer, WordTokenizer, CharTokenizer, Gpt2Tokenizer, BpeTokenizer {

    TokenizerKind kind();

    /** The tokens of {@code text}, without [BOS]/[EOS]. */
    List<Token> tokenize(String text);

    default int[] encode(String text) {
        return tokenize(text).stream().mapToInt(Token::id).toArray();
    }

    /** Text for a sequence of ids, joined the way this tokenizer splits (spaces for words). */
    String decode(int[] ids);

    int vocabSize();

    /** The text of one token as a chip or a probability bar shows it (special tokens by name). */
    String tokenText(int id);

    int padId();
    int bosId();
    int eosId();

    boolean isSpecial(int id);

    /**
     * The whole vocabulary in id order, for saving with a model (empty for GPT-2: it is built in; empty
     * for the trainable BPE: its merges are saved instead).
     */
    List<String> vocabularyList();
}
