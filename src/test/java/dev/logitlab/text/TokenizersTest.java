package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tokenizer kind, fitted on a corpus, encodes that corpus and decodes it back. */
class TokenizersTest {

    private static final List<String> CORPUS = List.of(
            "Olá! Como você está?",
            "eu gosto de comer maçã",
            "O coração bate forte 🙂",
            "Ação, reação e emoção.");

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                // split keeps the text exactly (single spaces between pieces)
                Arguments.of(TokenizerKind.SPLIT, "Olá! Como você está?", "Olá! Como você está?"),
                Arguments.of(TokenizerKind.SPLIT, "Ação, reação e emoção.", "Ação, reação e emoção."),
                // char keeps the text exactly, accents and emoji included
                Arguments.of(TokenizerKind.CHAR, "Olá! Como você está?", "Olá! Como você está?"),
                Arguments.of(TokenizerKind.CHAR, "O coração bate forte 🙂", "O coração bate forte 🙂"),
                // word lower-cases and re-attaches the punctuation it split off
                Arguments.of(TokenizerKind.WORD, "Olá! Como você está?", "olá! como você está?"),
                Arguments.of(TokenizerKind.WORD, "Ação, reação e emoção.", "ação, reação e emoção."),
                // GPT-2 is byte-level: everything comes back exactly, even text it was never "fitted" on
                Arguments.of(TokenizerKind.GPT2, "Olá! Como você está?", "Olá! Como você está?"),
                Arguments.of(TokenizerKind.GPT2, "O coração bate forte 🙂", "O coração bate forte 🙂"),
                Arguments.of(TokenizerKind.GPT2, "Nunca visto: pão-de-ló 🦙\n", "Nunca visto: pão-de-ló 🦙\n"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("roundTrips")
    void decodingTheEncodingGivesTheTextBack(TokenizerKind kind, String text, String expected) {
        // given a tokenizer of this kind fitted on the corpus
        Tokenizer tokenizer = Tokenizers.fit(kind, CORPUS);

        // when a sentence is encoded and decoded
        String decoded = tokenizer.decode(tokenizer.encode(text));

        // then the text comes back (lower-cased for the word tokenizer)
        assertEquals(expected, decoded);
        assertSame(kind, tokenizer.kind());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TokenizerKind.class, names = {"SPLIT", "WORD", "CHAR"})
    void aFittedTokenizerKnowsEveryTokenOfItsCorpus(TokenizerKind kind) {
        // given a tokenizer fitted on the corpus
        Tokenizer tokenizer = Tokenizers.fit(kind, CORPUS);

        // when each sentence is tokenized
        // then no token is unknown, none is a special token, and every id is inside the vocabulary
        for (String sentence : CORPUS) {
            for (Token t : tokenizer.tokenize(sentence)) {
                assertFalse(t.unknown(), kind + " did not know '" + t.text() + "'");
                assertFalse(tokenizer.isSpecial(t.id()), "'" + t.text() + "' got a special id");
                assertTrue(t.id() < tokenizer.vocabSize());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TokenizerKind.class, names = {"SPLIT", "WORD", "CHAR"})
    void specialTokensTakeTheFirstFourIds(TokenizerKind kind) {
        // given a fitted tokenizer
        Tokenizer tokenizer = Tokenizers.fit(kind, CORPUS);

        // when its special ids and their texts are read
        // then [PAD] [UNK] [BOS] [EOS] are ids 0–3 and only they are special
        assertEquals(List.of("[PAD]", "[UNK]", "[BOS]", "[EOS]"), tokenizer.vocabularyList().subList(0, 4));
        assertEquals(0, tokenizer.padId());
        assertEquals(2, tokenizer.bosId());
        assertEquals(3, tokenizer.eosId());
        assertEquals("[UNK]", tokenizer.tokenText(Vocabulary.UNK_ID));
        for (int id = 0; id < 4; id++) assertTrue(tokenizer.isSpecial(id));
        assertFalse(tokenizer.isSpecial(4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TokenizerKind.class, names = "BPE", mode = EnumSource.Mode.EXCLUDE)   // a BPE is restored from its merges: BpeModelFileTest
    void aRestoredTokenizerEncodesExactlyAsTheFittedOne(TokenizerKind kind) {
        // given a fitted tokenizer and its saved vocabulary
        Tokenizer fitted = Tokenizers.fit(kind, CORPUS);
        List<String> saved = fitted.vocabularyList();

        // when it is restored from that vocabulary
        Tokenizer restored = Tokenizers.restore(kind, saved);

        // then it has the same vocabulary and gives the same ids for every sentence
        assertEquals(fitted.vocabSize(), restored.vocabSize());
        assertEquals(saved, restored.vocabularyList());
        for (String sentence : CORPUS) assertArrayEquals(fitted.encode(sentence), restored.encode(sentence), sentence);
    }

    @Test
    void theVocabularyIsOrderedByFirstAppearance() {
        // given a corpus in which "b" appears before "a", and "a" again later
        List<String> corpus = List.of("b a", "a c b");

        // when a word tokenizer is fitted on it
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, corpus);

        // then the vocabulary is the specials, then each word once, in first-seen order
        assertEquals(List.of("[PAD]", "[UNK]", "[BOS]", "[EOS]", "b", "a", "c"), tokenizer.vocabularyList());
    }

    @Test
    void fittingTwiceGivesTheSameVocabulary() {
        // given the same corpus, fitted twice
        // when both vocabularies are compared
        // then they are identical: a vocabulary is reproducible
        assertEquals(Tokenizers.fit(TokenizerKind.WORD, CORPUS).vocabularyList(),
                Tokenizers.fit(TokenizerKind.WORD, CORPUS).vocabularyList());
    }

    @Test
    void aVocabularyThatDoesNotStartWithTheSpecialsIsRejected() {
        // given a saved vocabulary that lost its special tokens
        List<String> broken = List.of("olá", "mundo");

        // when it is restored
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tokenizers.restore(TokenizerKind.WORD, broken));

        // then the message says what a vocabulary must start with
        assertTrue(e.getMessage().contains("[PAD]"), e.getMessage());
    }

    @Test
    void aVocabularyWithADuplicateTokenIsRejected() {
        // given a saved vocabulary in which a token appears twice
        List<String> broken = List.of("[PAD]", "[UNK]", "[BOS]", "[EOS]", "casa", "casa");

        // when it is restored
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tokenizers.restore(TokenizerKind.SPLIT, broken));

        // then the message names the token
        assertTrue(e.getMessage().contains("'casa'"), e.getMessage());
    }
}
