package dev.logitlab.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text pasted from the web often has no-break spaces; the word-level tokenizers treat them as spaces. */
class NoBreakSpaceTest {

    @ParameterizedTest
    @EnumSource(value = TokenizerKind.class, names = {"SPLIT", "WORD"})
    void noBreakSpacesSeparateWords(TokenizerKind kind) {
        // given a tokenizer fitted on ordinary text
        Tokenizer tok = Tokenizers.fit(kind, List.of("bom dia"));
        // when the same words arrive separated by U+00A0 and U+202F
        List<Token> tokens = tok.tokenize("bom\u00A0dia\u202Fbom");
        // then they are the same known words
        assertEquals(List.of("bom", "dia", "bom"), tokens.stream().map(Token::text).toList());
        assertEquals(0, tokens.stream().filter(Token::unknown).count());
    }
}
