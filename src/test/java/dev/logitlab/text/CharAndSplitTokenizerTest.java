package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two simplest tokenizers: one token per code point, and one per whitespace-separated piece. */
class CharAndSplitTokenizerTest {

    static Stream<Arguments> characters() {
        return Stream.of(
                // accented letters are one code point each
                Arguments.of("maçã", List.of("m", "a", "ç", "ã")),
                // an emoji outside the BMP (a surrogate pair in Java) is one token, not two halves
                Arguments.of("a🙂b", List.of("a", "🙂", "b")),
                // spaces and newlines are tokens like any other character
                Arguments.of("a b\n", List.of("a", " ", "b", "\n")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("characters")
    void theCharTokenizerCutsCodePoints(String text, List<String> expected) {
        // given a character tokenizer fitted on the text
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.CHAR, List.of(text));

        // when the text is tokenized
        List<String> pieces = tokenizer.tokenize(text).stream().map(Token::text).toList();

        // then each code point is one token
        assertEquals(expected, pieces);
    }

    @Test
    void theCharVocabularyHoldsEachCharacterOnce() {
        // given a corpus with repeated characters
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.CHAR, List.of("banana"));

        // when its vocabulary is read
        // then it holds the specials and b, a, n in first-seen order
        assertEquals(List.of("[PAD]", "[UNK]", "[BOS]", "[EOS]", "b", "a", "n"), tokenizer.vocabularyList());
    }

    @Test
    void anUnseenCharacterIsUnknown() {
        // given a character tokenizer fitted on "abc"
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.CHAR, List.of("abc"));

        // when "aç" is tokenized
        List<Token> tokens = tokenizer.tokenize("aç");

        // then "ç" is [UNK] and flagged
        assertFalse(tokens.get(0).unknown());
        assertTrue(tokens.get(1).unknown());
        assertEquals(Vocabulary.UNK_ID, tokens.get(1).id());
    }

    @Test
    void theSplitTokenizerKeepsPunctuationAndCase() {
        // given a split tokenizer fitted on "casa. casa Casa"
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.SPLIT, List.of("casa. casa Casa"));

        // when the three pieces are encoded
        int[] ids = tokenizer.encode("casa. casa Casa");

        // then they are three different tokens: punctuation and case stay glued on
        assertEquals(3, ids.length);
        assertNotEquals(ids[0], ids[1]);
        assertNotEquals(ids[1], ids[2]);
        assertNotEquals(ids[0], ids[2]);
        assertEquals("casa.", tokenizer.tokenText(ids[0]));
    }

    @Test
    void theSplitTokenizerSplitsOnAnyRunOfWhitespace() {
        // given a split tokenizer fitted on text with tabs, newlines and repeated spaces
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.SPLIT, List.of("  eu\tgosto \n de   maçã  "));

        // when it is tokenized
        List<String> pieces = tokenizer.tokenize("  eu\tgosto \n de   maçã  ").stream().map(Token::text).toList();

        // then only the words remain, and decoding joins them with single spaces
        assertEquals(List.of("eu", "gosto", "de", "maçã"), pieces);
        assertEquals("eu gosto de maçã", tokenizer.decode(tokenizer.encode("  eu\tgosto \n de   maçã  ")));
    }

    @Test
    void blankTextHasNoSplitTokens() {
        // given a split tokenizer
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.SPLIT, List.of("a b"));

        // when blank text is tokenized
        // then there are no tokens
        assertEquals(0, tokenizer.encode("   ").length);
    }
}
