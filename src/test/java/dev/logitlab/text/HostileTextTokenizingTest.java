package dev.logitlab.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokenizing is linear and stack-safe for any input: long chains of joined words or numbers, which
 * overflowed the stack of the word tokenizer's old regular expression, and 10 MB of adversarial text
 * for every tokenizer. The word tokenizer's scanner cuts ordinary text exactly as the old pattern did.
 */
class HostileTextTokenizingTest {
    /** The word tokenizer's former pattern: the oracle the scanner must agree with on ordinary text. */
    private static final Pattern OLD =
            Pattern.compile("[\\p{L}\\p{M}]+(?:['’\\-][\\p{L}\\p{M}]+)*|\\p{N}+(?:[.,]\\p{N}+)*|(?=\\S)\\X");

    private static List<String> oldWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = OLD.matcher(text.replaceAll("\\h", " ").toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test
    void theScannerCutsTheBundledCorporaAsThePatternDid() throws IOException {
        // given every line of the bundled corpora
        for (String name : List.of("pt-everyday.txt", "en-everyday.txt", "pt-greetings.txt")) {
            for (String line : Files.readAllLines(Path.of("datasets", name), StandardCharsets.UTF_8)) {
                // then the scanner's pieces are the pattern's
                assertEquals(oldWords(line), WordTokenizer.words(line), line);
            }
        }
    }

    @Test
    void theScannerAgreesWithThePatternOnShortRandomTexts() {
        // given short texts drawn from the characters where the two could differ: letters, accents and
        // combining marks, joiners (- ' ’ . ,), digits, spaces of several kinds, emoji with modifiers, controls
        String[] alphabet = {"a", "B", "é", "\u0301", "ß", "İ", "я", "字", "-", "'", "’", ".", ",", "0", "7", "٣", "½", " ", "\t",
                "\n", "\u00A0", "\u2009", "!", "¿", "❤", "\uFE0F", "👍", "🏽", "\u200D", "🇧", "🇷", "\u0000", "\u001B", "\r"};
        Random rnd = new Random(15);
        for (int c = 0; c < 3000; c++) {
            StringBuilder sb = new StringBuilder();
            for (int i = rnd.nextInt(12); i >= 0; i--) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
            String text = sb.toString();
            // then both cut it the same way
            assertEquals(oldWords(text), WordTokenizer.words(text), () -> "text: " + Visible.of(text));
        }
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                // the catalogue's cases: 3,000 hyphenated links, and 3,000 numbers joined by commas
                Arguments.of("ab-ab-… ×3000", 3000, (IntFunction<String>) i -> "ab", "-", 1),
                Arguments.of("0,1,2,…,2999", 3000, (IntFunction<String>) String::valueOf, ",", 1),
                // apostrophes and points join too
                Arguments.of("d'd'd'… ×5000", 5000, (IntFunction<String>) i -> "d", "'", 1),
                Arguments.of("1.2.3.… ×5000", 5000, (IntFunction<String>) i -> String.valueOf(i % 10), ".", 1),
                // a doubled joiner ends the piece: "ab--ab" is three pieces, so 3,000 links are 5,999 pieces
                Arguments.of("ab--ab--… ×3000", 3000, (IntFunction<String>) i -> "ab", "--", 3000 + 2999 * 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void aLongChainIsCutWithoutOverflowingTheStack(String label, int links, IntFunction<String> link, String joiner, int pieces) {
        // given a chain of joined words or numbers
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < links; i++) sb.append(i > 0 ? joiner : "").append(link.apply(i));

        // when each tokenizer fits and encodes it (a StackOverflowError would fail the test)
        for (TokenizerKind kind : TokenizerKind.values()) {
            Tokenizer tok = Tokenizers.fit(kind, List.of(sb.toString()));
            tok.encode(sb.toString());
        }

        // then the word tokenizer keeps the chain as the pieces it is made of
        assertEquals(pieces, WordTokenizer.words(sb.toString()).size());
    }

    static Stream<Arguments> adversarialUnits() {
        return Stream.of(
                // joined words, joined numbers, one word with no space at all, punctuation only,
                // emoji with modifiers, a letter under a pile of combining marks, spaces only
                Arguments.of("ab-"), Arguments.of("0,1,"), Arguments.of("a"), Arguments.of("!?"),
                Arguments.of("👍🏽"), Arguments.of("e\u0301\u0301\u0301"), Arguments.of(" \t"));
    }

    static Stream<Arguments> chainUnits() {
        // the shapes the old pattern recursed on, and runs with no break at all (a token per character,
        // "!?" or emoji, costs the same at 1 MB below, for every tokenizer)
        return Stream.of(Arguments.of("ab-"), Arguments.of("0,1,"), Arguments.of("d'"), Arguments.of("a"),
                Arguments.of("e\u0301\u0301\u0301"), Arguments.of(" \t"));
    }

    @ParameterizedTest(name = "10 MB of \"{0}\" for the word tokenizer")
    @MethodSource("chainUnits")
    void tenMegabytesOfAdversarialTextTokenize(String unit) {
        // given 10 MB (UTF-16 chars) of one repeated unit
        String text = unit.repeat(10_000_000 / unit.length());

        // when the word tokenizer fits and encodes it
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of(text));
        int[] ids = tok.encode(text);

        // then it holds as many tokens as the scanner found pieces, none unknown
        assertEquals(WordTokenizer.words(text).size(), ids.length);
        assertEquals(0, java.util.Arrays.stream(ids).filter(id -> id == Vocabulary.UNK_ID).count());
    }

    @ParameterizedTest(name = "1 MB of \"{0}\" for every tokenizer")
    @MethodSource("adversarialUnits")
    void everyTokenizerEncodesAMegabyteOfAdversarialText(String unit) {
        // given 1 MB of one repeated unit
        String text = unit.repeat(1_000_000 / unit.length());

        for (TokenizerKind kind : TokenizerKind.values()) {
            // when each tokenizer fits and encodes it
            Tokenizer tok = Tokenizers.fit(kind, List.of(text));
            int[] ids = tok.encode(text);

            // then every id is in its vocabulary
            assertEquals(ids.length, java.util.Arrays.stream(ids).filter(id -> id >= 0 && id < tok.vocabSize()).count(), kind.cliName());
        }
    }

    @Test
    void gpt2EncodesALongRunInPartsThatDecodeToTheSameText() {
        // given runs longer than the tokenizer encodes at once, of letters, symbols and spaces, between words
        String text = "olá " + "a".repeat(Gpt2Tokenizer.MAX_RUN * 3 + 7) + " " + "😀".repeat(Gpt2Tokenizer.MAX_RUN) + " ".repeat(600) + "fim";

        // when it is encoded and decoded
        int[] ids = Gpt2Tokenizer.INSTANCE.encode(text);

        // then the text comes back whole (no surrogate pair was cut), and ordinary text is GPT-2's own encoding
        assertEquals(text, Gpt2Tokenizer.INSTANCE.decode(ids));
        assertEquals(List.of(15496, 995), java.util.Arrays.stream(Gpt2Tokenizer.INSTANCE.encode("Hello world")).boxed().toList());
    }
}
