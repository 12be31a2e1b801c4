package dev.logitlab.train;

import dev.logitlab.TestData;
import dev.logitlab.data.Corpus;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.text.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training settings are refused where they are made, with the bad value in the message. */
class ConfigValidationTest {

    static Stream<Arguments> badConfigs() {
        TrainConfig d = TrainConfig.DEFAULT;
        return Stream.of(
                // no epochs at all
                Arguments.of("epochs", "0", (Executable) () -> d.withEpochs(0)),
                // more epochs than the window offers
                Arguments.of("epochs", "100001", (Executable) () -> d.withEpochs(100_001)),
                // an empty batch
                Arguments.of("batch size", "0", (Executable) () -> d.withBatchSize(0)),
                // a batch too large to allocate
                Arguments.of("batch size", "65537", (Executable) () -> d.withBatchSize(65_537)),
                // a learning rate of zero never moves
                Arguments.of("learning rate", "0.0", (Executable) () -> d.withLearningRate(0)),
                // a negative one climbs the loss
                Arguments.of("learning rate", "-0.01", (Executable) () -> d.withLearningRate(-0.01)),
                // a huge one diverges
                Arguments.of("learning rate", "1.5", (Executable) () -> d.withLearningRate(1.5)),
                // not a number
                Arguments.of("learning rate", "NaN", (Executable) () -> d.withLearningRate(Double.NaN)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badConfigs")
    void aBadTrainingSettingIsRejectedByNameAndValue(String setting, String value, Executable make) {
        // given a setting outside its range
        // when the configuration is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);

        // then the message names the setting and the value
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains("was " + value), e.getMessage());
    }

    static Stream<Arguments> badRecipes() {
        Recipe d = Recipe.DEFAULT;
        return Stream.of(
                // no context at all
                Arguments.of("context", "0", (Executable) () -> d.withContextSize(0)),
                // more context than the model supports
                Arguments.of("context", "9", (Executable) () -> d.withContextSize(9)),
                // holding out more than half the corpus
                Arguments.of("validation fraction", "0.6", (Executable) () -> d.withValidationFraction(0.6)),
                // a negative fraction
                Arguments.of("validation fraction", "-0.1", (Executable) () -> d.withValidationFraction(-0.1)),
                // not a number
                Arguments.of("validation fraction", "NaN", (Executable) () -> d.withValidationFraction(Double.NaN)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badRecipes")
    void aBadRecipeIsRejectedByNameAndValue(String setting, String value, Executable make) {
        // given a recipe setting outside its range
        // when the recipe is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);

        // then the message names the setting and the value
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains("was " + value), e.getMessage());
    }

    @Test
    void aRecipeNeedsATokenizer() {
        // given no tokenizer
        // when a recipe is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recipe.DEFAULT.withTokenizer(null));

        // then the message asks for one
        assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, -1, Long.MAX_VALUE})
    void anySeedIsAccepted(long seed) {
        // given any seed
        // when a configuration is made with it
        // then it is kept
        assertEquals(seed, TrainConfig.DEFAULT.withSeed(seed).seed());
    }

    @Test
    void preparingTheDefaultRecipeOnTheDefaultDataset() {
        // given the default recipe and dataset
        Corpus corpus = TestData.portuguese();

        // when it is prepared
        Recipe.Prepared p = Recipe.DEFAULT.prepare(corpus);

        // then the model fits the tokenizer and the context, about a tenth of the sentences are held out,
        // and the training set can be learned perfectly
        assertEquals(TokenizerKind.WORD, p.tokenizer().kind());
        assertEquals(p.tokenizer().vocabSize(), p.model().spec().vocabSize());
        assertEquals(4, p.model().spec().contextSize());
        assertEquals(MlpSpec.DEFAULT.hiddenSize(), ((MlpSpec) p.model().spec()).hiddenSize());
        long heldOut = java.util.Arrays.stream(p.validation().sentenceOf()).distinct().count();
        assertEquals(Math.round(corpus.size() * 0.1), heldOut);
        assertEquals(1.0, p.bestPossibleAccuracy());
    }

    @Test
    void preparingTwiceGivesTheSameSplitAndModel() {
        // given the default recipe
        Corpus corpus = TestData.portuguese();

        // when it is prepared twice
        Recipe.Prepared a = Recipe.DEFAULT.prepare(corpus), b = Recipe.DEFAULT.prepare(corpus);

        // then the same sentences are held out and the models start from the same weights
        assertArrayEquals(a.validation().sentenceOf(), b.validation().sentenceOf());
        int[] ctx = {0, 0, 2, 4};
        assertArrayEquals(a.model().nextTokenLogits(ctx), b.model().nextTokenLogits(ctx));
    }

    @Test
    void anEmptyCorpusCannotBePrepared() {
        // given an empty corpus
        Corpus empty = Corpus.parse("empty", "\n  \n");

        // when the recipe is prepared
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipe.DEFAULT.prepare(empty));

        // then the message says so in plain words
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aCorpusOfOneWordSentencesStillTeachesWhereSentencesEnd() {
        // given sentences of a single word each
        Corpus corpus = new Corpus("short", List.of("oi", "olá", "tchau"));

        // when the recipe is prepared with nothing held out
        Recipe.Prepared p = Recipe.DEFAULT.withValidationFraction(0).prepare(corpus);

        // then each sentence gives one example: its word followed by [EOS]
        assertEquals(3, p.train().size());
        for (int t : p.train().targets()) assertEquals(p.tokenizer().eosId(), t);
    }
}
