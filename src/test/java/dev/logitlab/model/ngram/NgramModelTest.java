package dev.logitlab.model.ngram;

import dev.logitlab.TestData;
import dev.logitlab.data.Corpus;
import dev.logitlab.data.Examples;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.TrainedModel;
import dev.logitlab.sample.Sampler;
import dev.logitlab.sample.SamplingConfig;
import dev.logitlab.store.ModelFile;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;
import dev.logitlab.train.Recipe;
import dev.logitlab.train.Trainer;
import dev.logitlab.train.TrainingEvent;
import dev.logitlab.train.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The n-gram model: counts become add-k smoothed probabilities, with backoff for unseen contexts. */
class NgramModelTest {
    private final Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, List.of("o gato dorme", "o gato come", "o cão dorme"));

    private NgramModel bigram(double k) {
        NgramModel m = new NgramModel(NgramSpec.forContext(tok.vocabSize(), 1, k));
        m.count(Examples.from(List.of("o gato dorme", "o gato come", "o cão dorme"), tok, 1));
        return m;
    }

    private static double[] probabilities(float[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) p[i] = Math.exp(logits[i]);
        return p;
    }

    @Test
    void aBigramGivesAddKSmoothedCountsAsProbabilities() {
        // given a bigram model with k = 0.5 counted on three sentences
        NgramModel m = bigram(0.5);
        int v = tok.vocabSize();

        // when asked what follows "gato" (seen twice: dorme, come)
        double[] p = probabilities(m.nextTokenLogits(new int[]{tok.encode("gato")[0]}));

        // then P(w | gato) = (count + k) / (2 + k·V), and the distribution sums to 1
        assertEquals((1 + 0.5) / (2 + 0.5 * v), p[tok.encode("dorme")[0]], 1e-6);
        assertEquals((1 + 0.5) / (2 + 0.5 * v), p[tok.encode("come")[0]], 1e-6);
        assertEquals(0.5 / (2 + 0.5 * v), p[tok.encode("cão")[0]], 1e-6);
        double sum = 0;
        for (double x : p) sum += x;
        assertEquals(1.0, sum, 1e-5);
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"2", "3", "4", "5"})
    void anUnseenContextBacksOffToTheLongestSeenSuffix(int n) {
        // given an n-gram model counted on the sentences
        NgramModel m = new NgramModel(new NgramSpec(tok.vocabSize(), n, 0.01));
        m.count(Examples.from(List.of("o gato dorme", "o gato come", "o cão dorme"), tok, n - 1));

        // when the context ends in "gato" but starts with something never seen before it
        int[] ctx = new int[n - 1];
        java.util.Arrays.fill(ctx, tok.encode("dorme")[0]);
        ctx[n - 2] = tok.encode("gato")[0];

        // then it rests on the one-token suffix "gato" (or more, where that was seen), and still predicts dorme/come
        assertTrue(m.orderUsed(ctx) >= 1);
        int top = Sampler.trace(m.nextTokenLogits(ctx), SamplingConfig.GREEDY).argmax();
        assertTrue(List.of("dorme", "come").contains(tok.tokenText(top)), tok.tokenText(top));
        double sum = 0;
        for (double x : probabilities(m.nextTokenLogits(ctx))) sum += x;
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void aContextWithNothingSeenFallsBackToTokenFrequencies() {
        NgramModel m = bigram(0.01);
        int[] unknown = {tok.encode("nunca")[0]}; // [UNK]: never followed by anything in the counts
        assertEquals(0, m.orderUsed(unknown));
        int top = Sampler.trace(m.nextTokenLogits(unknown), SamplingConfig.GREEDY).argmax();
        assertTrue(List.of("gato", "dorme", "[EOS]").contains(tok.tokenText(top)), "a frequent token: " + tok.tokenText(top));
    }

    @Test
    void learnsTheDefaultPortugueseSetInOnePass() {
        // given the default corpus and recipe, with the n-gram family (n = 5)
        Corpus corpus = TestData.portuguese();
        Recipe.Prepared p = Recipe.DEFAULT.withFamily(ModelFamily.NGRAM).prepare(corpus);
        assertInstanceOf(NgramModel.class, p.model());
        List<TrainingEvent> events = new ArrayList<>();

        // when it "trains" (counts)
        TrainingSummary s = Trainer.train(p.model(), p.train(), p.validation(), Recipe.DEFAULT.training(), events::add, () -> false);

        // then it knows the training set, predicts "maçã", and reports one evaluation and the end
        assertEquals(1.0, s.trainAccuracy());
        float[] logits = p.model().nextTokenLogits(Examples.promptContext(p.tokenizer().encode("eu gosto de comer"), p.tokenizer(), 4));
        assertEquals("maçã", p.tokenizer().tokenText(Sampler.trace(logits, SamplingConfig.GREEDY).argmax()));
        assertInstanceOf(TrainingEvent.EvalCompleted.class, events.get(0));
        assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1));
        assertTrue(p.model().parameterCount() > 0);
    }

    @Test
    void saveAndLoadKeepEveryCount(@TempDir Path dir) throws Exception {
        NgramModel m = bigram(0.2);
        Path file = dir.resolve("bigram.logitlab-model");
        ModelFile.save(new TrainedModel(m, tok), file);
        TrainedModel back = ModelFile.load(file);
        assertInstanceOf(NgramModel.class, back.model());
        for (String w : List.of("o", "gato", "cão", "dorme", "nunca")) {
            int[] ctx = {tok.encode(w)[0]};
            assertArrayEquals(m.nextTokenLogits(ctx), back.model().nextTokenLogits(ctx), 1e-7f, w);
        }
        assertEquals(m.parameterCount(), back.model().parameterCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "n 1           | 10 | 1 | 0.1 | n must be between 2 and 5",
            "n 6           | 10 | 6 | 0.1 | was 6",
            "k 0           | 10 | 2 | 0   | smoothing k must be in (0, 10], was 0.0",
            "vocabulary 1  | 1  | 2 | 0.1 | vocabulary must hold at least 2 tokens",
    })
    void badSpecsAreRejectedWithTheirValue(String name, int v, int n, double k, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NgramSpec(v, n, k));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aContextLongerThanFourIsRejectedByTheRecipe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recipe.DEFAULT.withFamily(ModelFamily.NGRAM).withContextSize(6));
        assertTrue(e.getMessage().contains("1 to 4 tokens"), e.getMessage());
    }
}
