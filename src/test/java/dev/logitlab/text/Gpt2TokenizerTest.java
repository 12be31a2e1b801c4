package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GPT-2's r50k byte-level BPE, checked against ids published with GPT-2 itself. */
class Gpt2TokenizerTest {

    private final Tokenizer gpt2 = Tokenizers.fit(TokenizerKind.GPT2, List.of());

    static Stream<Arguments> referenceEncodings() {
        return Stream.of(
                // the classic example: "Hello" and " world" (the space belongs to the word after it)
                Arguments.of("Hello world", new int[]{15496, 995}),
                // lower case is a different token
                Arguments.of("hello world", new int[]{31373, 995}),
                Arguments.of("hello", new int[]{31373}),
                // the most frequent token of English, with its leading space
                Arguments.of(" the", new int[]{262}),
                // Hugging Face's documentation example
                Arguments.of("Hello, my dog is cute", new int[]{15496, 11, 616, 3290, 318, 13779}),
                // single bytes: "!" is the first printable byte and gets id 0; "a" is 64, "A" is 32
                Arguments.of("!", new int[]{0}),
                Arguments.of("a", new int[]{64}),
                Arguments.of("A", new int[]{32}),
                // the lone space and the newline, whose byte tokens come after the printable ones
                Arguments.of(" ", new int[]{220}),
                Arguments.of("\n", new int[]{198}));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("referenceEncodings")
    void encodesAsGpt2Does(String text, int[] expected) {
        // given GPT-2's tokenizer
        // when the text is encoded
        int[] ids = gpt2.encode(text);

        // then the ids are GPT-2's own
        assertArrayEquals(expected, ids);
    }

    @Test
    void aWordWithItsLeadingSpaceIsOneToken() {
        // given GPT-2's tokenizer
        // when " world" is tokenized
        List<Token> tokens = gpt2.tokenize(" world");

        // then it is a single token whose text keeps the space, drawn as ␣
        assertEquals(1, tokens.size());
        assertEquals(" world", tokens.get(0).text());
        assertEquals("␣world", tokens.get(0).visibleText());
        assertEquals(995, tokens.get(0).id());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "Olá! Como você está? Tudo bem, obrigado.",   // Portuguese accents
            "coração, ação, pão, avô, você",              // ç, ã, ô, ê: several multi-byte characters
            "Bom dia! 😀🎉 🦙",                             // emoji, some cut into byte fragments
            "日本語のテキスト",                              // CJK: three bytes per character
            "linha um\nlinha dois\ttab",                  // whitespace of every kind
            "",                                           // nothing
    })
    void decodingTheEncodingGivesTheExactText(String text) {
        // given GPT-2's tokenizer
        // when the text is encoded and decoded
        String decoded = gpt2.decode(gpt2.encode(text));

        // then it comes back byte for byte
        assertEquals(text, decoded);
    }

    @Test
    void endOfTextIsTheLastIdAndServesAsEverySpecial() {
        // given GPT-2's tokenizer
        // when its special ids are read
        // then <|endoftext|> is id 50256, the last of 50,257, and is pad, bos and eos at once
        assertEquals(50257, gpt2.vocabSize());
        assertEquals(50256, Gpt2Tokenizer.END_OF_TEXT);
        assertEquals("<|endoftext|>", gpt2.tokenText(50256));
        assertEquals(50256, gpt2.padId());
        assertEquals(50256, gpt2.bosId());
        assertEquals(50256, gpt2.eosId());
        assertTrue(gpt2.isSpecial(50256));
        assertFalse(gpt2.isSpecial(0));
    }

    @Test
    void endOfTextDecodesByNameBetweenOrdinaryText() {
        // given ids for "Hello", <|endoftext|>, " world"
        int[] ids = {15496, 50256, 995};

        // when they are decoded
        // then the special token appears by name between the two
        assertEquals("Hello<|endoftext|> world", gpt2.decode(ids));
    }

    @Test
    void typedEndOfTextIsOrdinaryText() {
        // given a user who types the special token's name
        // when it is encoded
        int[] ids = gpt2.encode("<|endoftext|>");

        // then it is several ordinary tokens, not id 50256, and still decodes to the same text
        assertTrue(ids.length > 1);
        for (int id : ids) assertTrue(id != 50256);
        assertEquals("<|endoftext|>", gpt2.decode(ids));
    }

    @Test
    void aByteFragmentShowsAsItsBytes() {
        // given id 127, the byte 0xC3 alone: the first half of "ç", "ã", "é" … in UTF-8
        // when its text is read
        // then it is shown as the byte, not as a replacement character
        assertEquals("\\xC3", gpt2.tokenText(127));
    }

    @Test
    void anEmojiCutIntoFragmentsShowsEachFragmentAsBytes() {
        // given "🦙" (F0 9F A6 99), which r50k cuts into three tokens
        // when it is tokenized
        List<String> texts = gpt2.tokenize("🦙").stream().map(Token::text).toList();

        // then each token shows its bytes, and together they still decode to the emoji
        assertEquals(List.of("\\xF0\\x9F", "\\xA6", "\\x99"), texts);
        assertEquals("🦙", gpt2.decode(gpt2.encode("🦙")));
    }

    @Test
    void aFragmentWithALeadingSpaceShowsTheSpaceAsASpace() {
        // given " 😀" (20 F0 9F 98 80), whose first token is the space plus three bytes of the emoji
        // when it is tokenized
        List<Token> tokens = gpt2.tokenize(" 😀");

        // then the space is drawn as ␣ like every other leading space, and only the fragment as bytes
        assertEquals("␣\\xF0\\x9F\\x98", tokens.get(0).visibleText());
    }

    @Test
    void everyAccentedPortugueseLetterIsKnown() {
        // given GPT-2's tokenizer, which has no [UNK]
        // when accented text is tokenized
        // then no token is flagged unknown
        for (Token t : gpt2.tokenize("maçã, avó, você, pão")) assertFalse(t.unknown(), t.text());
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(ints = {-1, 50257, 100_000})
    void anIdOutsideTheVocabularyIsRejected(int id) {
        // given an id that GPT-2 does not have
        // when its text is asked for
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.tokenText(id));

        // then the message names the id
        assertTrue(e.getMessage().contains(String.valueOf(id)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[]{id}));
    }

    @Test
    void itHasNoVocabularyToSave() {
        // given GPT-2's built-in vocabulary
        // when the vocabulary to save with a model is asked for
        // then it is empty: restoring needs only the kind
        assertTrue(gpt2.vocabularyList().isEmpty());
    }
}
