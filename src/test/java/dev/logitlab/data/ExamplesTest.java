package dev.logitlab.data;

import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Next-token pairs: each token after the first, with the N tokens before it as context. */
class ExamplesTest {

    private static final String SENTENCE = "eu gosto de comer maçã";
    private final Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of(SENTENCE));

    /** The examples as readable lines, "[PAD PAD BOS eu] → gosto", for exact comparison. */
    private List<String> pairs(Examples examples) {
        List<String> out = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            StringBuilder sb = new StringBuilder("[");
            for (int id : examples.context(e)) sb.append(sb.length() > 1 ? " " : "").append(tok.tokenText(id));
            out.add(sb.append("] → ").append(tok.tokenText(examples.targets()[e])).toString());
        }
        return out;
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                // context 4, the default: the first word is never a target; [EOS] is the last one
                Arguments.of(4, List.of(
                        "[[PAD] [PAD] [BOS] eu] → gosto",
                        "[[PAD] [BOS] eu gosto] → de",
                        "[[BOS] eu gosto de] → comer",
                        "[eu gosto de comer] → maçã",
                        "[gosto de comer maçã] → [EOS]")),
                // context 1: a bigram model sees only the previous token
                Arguments.of(1, List.of(
                        "[eu] → gosto",
                        "[gosto] → de",
                        "[de] → comer",
                        "[comer] → maçã",
                        "[maçã] → [EOS]")),
                // context 8, the largest: the whole sentence fits, left-padded
                Arguments.of(8, List.of(
                        "[[PAD] [PAD] [PAD] [PAD] [PAD] [PAD] [BOS] eu] → gosto",
                        "[[PAD] [PAD] [PAD] [PAD] [PAD] [BOS] eu gosto] → de",
                        "[[PAD] [PAD] [PAD] [PAD] [BOS] eu gosto de] → comer",
                        "[[PAD] [PAD] [PAD] [BOS] eu gosto de comer] → maçã",
                        "[[PAD] [PAD] [BOS] eu gosto de comer maçã] → [EOS]")));
    }

    @ParameterizedTest(name = "context {0}")
    @MethodSource("windows")
    void eachTokenAfterTheFirstIsATargetWithTheTokensBeforeIt(int context, List<String> expected) {
        // given the sentence "eu gosto de comer maçã"
        // when its examples are built with this context length
        Examples examples = Examples.from(List.of(SENTENCE), tok, context);

        // then they are exactly these pairs, all from sentence 0
        assertEquals(expected, pairs(examples));
        assertEquals(context, examples.contextSize());
        assertArrayEquals(new int[]{0, 0, 0, 0, 0}, examples.sentenceOf());
    }

    @Test
    void examplesOfSeveralSentencesRememberWhichSentenceTheyCameFrom() {
        // given three sentences of 2, 1 and 3 words
        Tokenizer t = Tokenizers.fit(TokenizerKind.WORD, List.of("olá mundo", "oi", "bom dia pessoal"));

        // when examples are built
        Examples examples = Examples.from(List.of("olá mundo", "oi", "bom dia pessoal"), t, 2);

        // then each sentence gives one example per word (the words after the first, plus [EOS])
        assertArrayEquals(new int[]{0, 0, 1, 2, 2, 2}, examples.sentenceOf());
        // and a one-word sentence still teaches that [EOS] follows it
        assertArrayEquals(new int[]{t.bosId(), t.encode("oi")[0]}, examples.context(2));
        assertEquals(t.eosId(), examples.targets()[2]);
    }

    @Test
    void anEmptySentenceGivesNoExamples() {
        // given an empty sentence
        // when examples are built
        Examples examples = Examples.from(List.of(""), tok, 4);

        // then there are none, and the best possible accuracy is undefined
        assertEquals(0, examples.size());
        assertTrue(Double.isNaN(examples.bestPossibleAccuracy()));
    }

    static Stream<Arguments> prompts() {
        return Stream.of(
                // a four-word prompt fills a context of 4 exactly: the model is asked for "maçã"
                Arguments.of("eu gosto de comer", 4, "[eu gosto de comer]"),
                // a short prompt is preceded by [BOS] and left-padded
                Arguments.of("eu", 4, "[[PAD] [PAD] [BOS] eu]"),
                // no prompt at all: the context of a sentence's first word
                Arguments.of("", 4, "[[PAD] [PAD] [PAD] [BOS]]"),
                // a long prompt keeps only its last N tokens
                Arguments.of("eu gosto de comer maçã", 2, "[comer maçã]"));
    }

    @ParameterizedTest(name = "\"{0}\", context {1}")
    @MethodSource("prompts")
    void promptContextIsWhatTheModelSeesAfterThePrompt(String prompt, int context, String expected) {
        // given a prompt
        // when its context is built
        int[] ids = Examples.promptContext(tok.encode(prompt), tok, context);

        // then it is [BOS] + the prompt, its last N ids, left-padded
        List<String> texts = Arrays.stream(ids).mapToObj(tok::tokenText).toList();
        assertEquals(expected, "[" + String.join(" ", texts) + "]");
    }

    @Test
    void thePromptContextOfAPrefixIsTheTrainingContextOfItsNextWord() {
        // given the examples of the sentence, context 4
        Examples examples = Examples.from(List.of(SENTENCE), tok, 4);

        // when the prompt "eu gosto de comer" is turned into a context
        int[] ctx = Examples.promptContext(tok.encode("eu gosto de comer"), tok, 4);

        // then it equals the context the model was trained to follow with "maçã"
        assertArrayEquals(examples.context(3), ctx);
        assertEquals("maçã", tok.tokenText(examples.targets()[3]));
    }

    @ParameterizedTest(name = "context {0}")
    @ValueSource(ints = {0, -1, 9})
    void aContextOutsideOneToEightIsRejectedByValue(int context) {
        // given a context length the models do not support
        // when examples are built
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.from(List.of(SENTENCE), tok, context));

        // then the message names the value
        assertTrue(e.getMessage().contains("was " + context), e.getMessage());
    }

    @Test
    void examplesOfChosenSentencesKeepOnlyThoseSentences() {
        // given examples of three sentences
        List<String> sentences = List.of("a b", "c d e", "f g");
        Tokenizer t = Tokenizers.fit(TokenizerKind.WORD, sentences);
        Examples all = Examples.from(sentences, t, 2);

        // when only the second sentence is kept
        Examples middle = all.ofSentences(new boolean[]{false, true, false});

        // then exactly its three examples remain, unchanged
        assertEquals(3, middle.size());
        assertArrayEquals(new int[]{1, 1, 1}, middle.sentenceOf());
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(all.context(2 + e), middle.context(e));
            assertEquals(all.targets()[2 + e], middle.targets()[e]);
        }
    }

    @Test
    void aBatchHoldsTheExamplesInTheOrderGiven() {
        // given the examples of the sentence
        Examples examples = Examples.from(List.of(SENTENCE), tok, 4);

        // when a batch is taken of examples 4 and 1 (positions 1..3 of a shuffled order)
        Batch batch = examples.batch(new int[]{2, 4, 1, 0}, 1, 3);

        // then it holds those two examples, row-major
        assertEquals(2, batch.size());
        assertEquals(4, batch.contextSize());
        int[] expected = new int[8];
        System.arraycopy(examples.context(4), 0, expected, 0, 4);
        System.arraycopy(examples.context(1), 0, expected, 4, 4);
        assertArrayEquals(expected, batch.contexts());
        assertArrayEquals(new int[]{examples.targets()[4], examples.targets()[1]}, batch.targets());
    }

    @Test
    void theDefaultDatasetCanBeLearnedPerfectly() throws IOException {
        // given the project's default training set, with the default word tokenizer and context 4
        Corpus corpus = Corpus.parse("pt-everyday.txt",
                Files.readString(Path.of("datasets/pt-everyday.txt"), StandardCharsets.UTF_8));
        Tokenizer t = Tokenizers.fit(TokenizerKind.WORD, corpus.sentences());

        // when the best possible accuracy of its examples is computed
        double best = Examples.from(corpus.sentences(), t, 4).bestPossibleAccuracy();

        // then it is 100%: no context of 4 words is followed by two different words
        // (a guard: an edit to the dataset that makes it ambiguous fails here, not in the app)
        assertEquals(1.0, best);
    }

    @Test
    void aContextFollowedByDifferentWordsCannotBeLearnedPerfectly() {
        // given two sentences that share "eu gosto de" and continue differently, with context 2
        List<String> sentences = List.of("eu gosto de maçã", "eu gosto de pera", "eu gosto de maçã");
        Tokenizer t = Tokenizers.fit(TokenizerKind.WORD, sentences);

        // when the best possible accuracy is computed
        double best = Examples.from(sentences, t, 2).bestPossibleAccuracy();

        // then one of the 12 examples ("gosto de" → pera) can never be right: 11 / 12
        assertEquals(11.0 / 12.0, best, 1e-12);
    }
}
