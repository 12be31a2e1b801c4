package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trained BPE as a tokenizer: nothing unknown, nothing lost, special tokens apart. */
class BpeTokenizerTest {

    private static final String MIXED = "Olá, você! ação coração 😀👍🏽 שלום עולם مرحبا e\u0301 naïve 日本語 the the the\n";
    private static final BpeTokenizer TOK = (BpeTokenizer) Tokenizers.fit(TokenizerKind.BPE,
            List.of(MIXED.repeat(5)), new BpeSpec(40, BpeSplit.GPT2));

    /** A random string: ASCII, Latin accents, combining marks, Hebrew and Arabic, CJK, emoji, and now and then a lone surrogate. */
    private static String randomText(Random rnd) {
        int[][] ranges = {{0x20, 0x7E}, {0xC0, 0x17F}, {0x300, 0x36F}, {0x5D0, 0x5EA}, {0x620, 0x64A}, {0x4E00, 0x4FFF},
                {0x1F600, 0x1F64F}, {0x1F3FB, 0x1F3FF}, {0x0, 0x1F}, {0xD800, 0xDFFF}, {0x10000, 0x10FFFF}};
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(24);
        for (int i = 0; i < n; i++) {
            int[] r = ranges[rnd.nextInt(ranges.length)];
            sb.appendCodePoint(r[0] + rnd.nextInt(r[1] - r[0] + 1));
        }
        return sb.toString();
    }

    @Test
    void tenThousandRandomUnicodeStringsComeBackExactly() {
        // given 10,000 random strings (fixed seed), lone surrogates and control characters included
        Random rnd = new Random(2026);
        for (int i = 0; i < 10_000; i++) {
            String s = randomText(rnd);
            // when each is encoded and decoded, then it is the same string
            assertEquals(s, TOK.decode(TOK.encode(s)), () -> "string " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "😀👍🏽❤️",               // emoji, a skin tone and a variation selector
            "שלום עולם",               // right-to-left Hebrew
            "e\u0301 a\u0300\u0323",  // combining marks after their letters
            "[BOS] [EOS] [PAD] [UNK]", // special tokens' names typed as text
            "",                         // nothing
            "\r\n\t  \u00A0 "})        // whitespace of every kind
    void awkwardTextsComeBackExactly(String text) {
        // when the text is encoded and decoded, then it is the same
        assertEquals(text, TOK.decode(TOK.encode(text)));
    }

    @Test
    void specialTokensComeAfterTheMergesAndTextNeverBecomesOne() {
        // given the tokenizer with 40 merges: ids 0–255 bytes, 256–295 merges, then [PAD] [UNK] [BOS] [EOS]
        assertEquals(40, TOK.merges().size());
        assertEquals(256 + 40 + 4, TOK.vocabSize());
        assertEquals(296, TOK.padId());
        assertEquals(298, TOK.bosId());
        assertEquals(299, TOK.eosId());
        assertTrue(TOK.isSpecial(TOK.bosId()));
        assertFalse(TOK.isSpecial(295));

        // when text spells a special token, then its ids are all ordinary
        for (int id : TOK.encode("[BOS]")) assertFalse(TOK.isSpecial(id));
        // and a special token decodes to its name between the text around it
        int[] ids = {TOK.bosId(), 'h', 'i', TOK.eosId()};
        assertEquals("[BOS]hi[EOS]", TOK.decode(ids));
        assertEquals("[EOS]", TOK.tokenText(TOK.eosId()));
    }

    @Test
    void bytesThatAreNotWholeCharactersAreShownAsHex() {
        // given "ç", two bytes C3 A7
        // when only its first byte is decoded, or a stray continuation byte, then they read \xC3 and \xA7
        assertEquals("\\xC3", TOK.decode(new int[] {0xC3}));
        assertEquals("a\\xA7b", TOK.decode(new int[] {'a', 0xA7, 'b'}));
        // and both bytes together are the character again
        assertEquals("ç", TOK.decode(new int[] {0xC3, 0xA7}));
        assertEquals("\\xFF", TOK.tokenText(0xFF));
    }

    @Test
    void tokensKeepTheirTextAndNothingIsUnknown() {
        // when a frequent word is tokenized, then its tokens' texts join to the word and none is [UNK]
        List<Token> tokens = TOK.tokenize(" the the");
        assertEquals(" the the", String.join("", tokens.stream().map(Token::text).toList()));
        assertTrue(tokens.stream().noneMatch(Token::unknown));
        // and " the", seen fifteen times, is one learned token
        assertEquals(" the", tokens.get(0).text());
        assertTrue(tokens.get(0).id() >= 256);
    }

    @Test
    void theTimelineAtStepKUsesOnlyTheFirstKMerges() {
        // at step 0 every byte is a token; at the last step the tokenizer is itself
        assertArrayEquals(new int[] {'t', 'h', 'e'}, TOK.upToMerge(0).encode("the"));
        assertEquals(TOK, TOK.upToMerge(TOK.merges().size()));
        for (int id : TOK.upToMerge(10).encode(MIXED)) assertTrue(id < 266, "id " + id + " was learned after step 10");
        assertThrows(IllegalArgumentException.class, () -> TOK.upToMerge(41));
    }

    @Test
    void mergesThatReferToTokensNotYetLearnedAreRefused() {
        // given a merge list whose first merge joins token 300, which does not exist yet
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BpeTokenizer(List.of(new BpeTokenizer.Merge(300, 97, 1)), BpeSplit.NONE));
        assertTrue(e.getMessage().contains("300"), e.getMessage());
    }

    @Test
    void anIdOutsideTheVocabularyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TOK.decode(new int[] {TOK.vocabSize()}));
        assertThrows(IllegalArgumentException.class, () -> TOK.tokenText(-1));
    }
}
