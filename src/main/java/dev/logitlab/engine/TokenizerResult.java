package dev.logitlab.engine;

import dev.logitlab.text.Token;
import dev.logitlab.text.TokenizerKind;

import java.util.List;

/**
 * One tokenizer's view of a text: its tokens, its vocabulary size when fitted on the corpus, how
 * many tokens the whole corpus becomes, and how many of the text's tokens it did not know.
 */
public record TokenizerResult(TokenizerKind kind, List<Token> tokens, int vocabSize, int corpusTokens, int unknownCount) {
    public TokenizerResult {
        tokens = List.copyOf(tokens);
    }
}
