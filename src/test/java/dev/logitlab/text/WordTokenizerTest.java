package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lower-cased words, punctuation split off, [UNK] for what the corpus never had. */
class WordTokenizerTest {

    static Stream<Arguments> pieces() {
        return Stream.of(
                // punctuation becomes tokens of its own; case is folded
                Arguments.of("Olá! Como você está?", List.of("olá", "!", "como", "você", "está", "?")),
                // commas and full stops split off too
                Arguments.of("Sim, claro.", List.of("sim", ",", "claro", ".")),
                // inner hyphens and apostrophes keep a word whole
                Arguments.of("guarda-chuva d'água", List.of("guarda-chuva", "d'água")),
                // a number keeps its decimal comma; the percent sign is separate
                Arguments.of("3,5 ou 50%", List.of("3,5", "ou", "50", "%")),
                // brackets and Spanish-style opening marks are tokens
                Arguments.of("(sim) ¿qué?", List.of("(", "sim", ")", "¿", "qué", "?")),
                // an emoji is one token, even with a variation selector or a skin tone
                Arguments.of("❤️ 👍🏽!", List.of("❤️", "👍🏽", "!")),
                // runs of whitespace, tabs and newlines only separate
                Arguments.of("  muito \t bem\n", List.of("muito", "bem")),
                // nothing to tokenize
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("pieces")
    void splitsTextIntoLowerCasedWordsAndPunctuation(String text, List<String> expected) {
        // given a word tokenizer fitted on the text itself
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, List.of(text));

        // when the text is tokenized
        List<String> texts = tokenizer.tokenize(text).stream().map(Token::text).toList();

        // then the pieces are as expected
        assertEquals(expected, texts);
    }

    static Stream<Arguments> decodings() {
        return Stream.of(
                // closing punctuation sticks to the word before it
                Arguments.of("Olá, tudo bem?", "olá, tudo bem?"),
                // opening brackets stick to the word after them
                Arguments.of("Ele (talvez) venha.", "ele (talvez) venha."),
                // inverted marks open too
                Arguments.of("¡Hola! ¿Qué tal?", "¡hola! ¿qué tal?"),
                // numbers and percentages
                Arguments.of("Subiu 3,5%.", "subiu 3,5%."),
                // an emoji with a variation selector comes back intact
                Arguments.of("Eu ❤️ pão", "eu ❤️ pão"));
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @MethodSource("decodings")
    void decodingReattachesPunctuation(String text, String expected) {
        // given a word tokenizer fitted on the text
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, List.of(text));

        // when the text is encoded and decoded
        String decoded = tokenizer.decode(tokenizer.encode(text));

        // then the lower-cased text comes back with its punctuation in place
        assertEquals(expected, decoded);
    }

    @Test
    void anUnseenWordBecomesUnknownButKeepsItsText() {
        // given a tokenizer fitted on one sentence
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, List.of("eu gosto de comer maçã"));

        // when a sentence with a new word is tokenized
        List<Token> tokens = tokenizer.tokenize("eu gosto de banana");

        // then the new word maps to [UNK], is flagged unknown and still shows what was typed
        Token banana = tokens.get(3);
        assertEquals(Vocabulary.UNK_ID, banana.id());
        assertTrue(banana.unknown());
        assertEquals("banana", banana.text());
        // and the known words are not flagged
        assertFalse(tokens.get(0).unknown());
        assertEquals("[UNK]", tokenizer.tokenText(banana.id()));
        assertEquals("eu gosto de [UNK]", tokenizer.decode(tokenizer.encode("eu gosto de banana")));
    }

    @Test
    void caseDoesNotMakeANewWord() {
        // given a tokenizer fitted on a lower-case sentence
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, List.of("olá mundo"));

        // when the same words arrive capitalised
        List<Token> tokens = tokenizer.tokenize("OLÁ Mundo");

        // then they are known, with the same ids
        assertFalse(tokens.get(0).unknown());
        assertEquals(tokenizer.encode("olá")[0], tokens.get(0).id());
        assertEquals(tokenizer.encode("mundo")[0], tokens.get(1).id());
    }

    @Test
    void theNameOfASpecialTokenTypedAsTextIsNotTheSpecialToken() {
        // given a tokenizer fitted on ordinary text
        Tokenizer tokenizer = Tokenizers.fit(TokenizerKind.WORD, List.of("fim da frase"));

        // when a user types "[EOS]"
        int[] ids = tokenizer.encode("[EOS]");

        // then no id is the end-of-sentence id: special tokens cannot be injected through text
        for (int id : ids) assertTrue(id != tokenizer.eosId());
    }
}
