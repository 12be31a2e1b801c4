package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a token is drawn on a chip, and how the CLI names tokenizers. */
class TokenAndKindTest {

    static Stream<Arguments> visibleTexts() {
        return Stream.of(
                Arguments.of(" world", "␣world"),   // a leading space is drawn as ␣
                Arguments.of("a b", "a␣b"),         // and so is an inner one
                Arguments.of("\n", "↵"),            // a newline as ↵
                Arguments.of("\t", "⇥"),            // a tab as ⇥
                Arguments.of("\r\n", "␍↵"),         // a Windows line ending as both marks
                Arguments.of("maçã", "maçã"),       // ordinary text is unchanged
                Arguments.of("🙂", "🙂"),            // emoji too
                Arguments.of("", "∅"));             // an empty token still shows something
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @MethodSource("visibleTexts")
    void visibleTextMakesWhitespaceVisible(String text, String expected) {
        // given a token with this text
        Token token = new Token(text, 7, false);

        // when it is drawn
        // then whitespace is replaced by visible marks
        assertEquals(expected, token.visibleText());
    }

    @Test
    void controlCharactersAreShownAsEscapes() {
        // given a token holding a NUL byte
        Token token = new Token("a\u0000", 3, false);

        // when it is drawn
        // then the control character is shown as \x00
        assertEquals("a\\x00", token.visibleText());
    }

    @Test
    void aTokenNeedsText() {
        // given no text
        // when a token is made
        // then it is refused
        assertThrows(IllegalArgumentException.class, () -> new Token(null, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerKind.class)
    void everyKindIsFoundByItsCliName(TokenizerKind kind) {
        // given a kind's CLI name, in any case
        // when it is looked up
        // then the kind comes back
        assertSame(kind, TokenizerKind.fromCliName(kind.cliName()));
        assertSame(kind, TokenizerKind.fromCliName(kind.cliName().toUpperCase()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "bytes",     // a plausible but unknown name
            "words",     // a near miss
            "",          // nothing typed
    })
    void anUnknownNameIsRejectedByName(String name) {
        // given a name no tokenizer has
        // when it is looked up
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerKind.fromCliName(name));

        // then the message quotes the bad value and lists the good ones
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("split, word, char, gpt2 or bpe"), e.getMessage());
    }
}
