package dev.logitlab.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Temperature, top-k and top-p, checked as properties over many random logit vectors. */
class SamplerTest {

    /** Random logits: a few vocabulary sizes, GPT-2's included, and a spread from flat to peaked. */
    static Stream<Arguments> logits() {
        Random rnd = new Random(2024);
        List<Arguments> cases = new ArrayList<>();
        int[] sizes = {2, 5, 37, 500, 50257};
        double[] scales = {0.1, 1, 4};
        for (int v : sizes) {
            for (double scale : scales) {
                float[] l = new float[v];
                for (int i = 0; i < v; i++) l[i] = (float) (rnd.nextGaussian() * scale);
                cases.add(Arguments.of("V=" + v + ", σ=" + scale, l));
            }
        }
        return cases.stream();
    }

    /** A mix of settings: each filter on its own, combined, and at its limits. */
    static final List<SamplingConfig> CONFIGS = List.of(
            SamplingConfig.DEFAULT,                           // plain softmax
            new SamplingConfig(0.7, 0, 1),                    // temperature only
            new SamplingConfig(1, 3, 1),                      // top-k only
            new SamplingConfig(1, 0, 0.9),                    // top-p only
            new SamplingConfig(1.3, 10, 0.5),                 // all three
            new SamplingConfig(5, 1, 1),                      // the hottest temperature, top-1
            new SamplingConfig(0.01, 0, 0.01),                // almost greedy, tiny nucleus
            SamplingConfig.GREEDY);                           // temperature 0

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static double sum(double[] p) {
        double s = 0;
        for (double x : p) s += x;
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void theFinalDistributionSumsToOneOverTheKeptTokensOnly(String name, float[] logits) {
        for (SamplingConfig config : CONFIGS) {
            // given logits and a sampling configuration
            // when the sampler traces one step
            SamplingTrace trace = Sampler.trace(logits, config);

            // then the final probabilities sum to 1, vanish outside the kept set and are positive or zero inside it
            assertEquals(1.0, sum(trace.finalProbs()), 1e-9, config.toString());
            assertEquals(1.0, sum(trace.afterTemperature()), 1e-9, config.toString());
            for (int i = 0; i < logits.length; i++) {
                if (!trace.kept(i)) assertEquals(0.0, trace.finalProbs()[i], config + " token " + i);
                assertTrue(trace.finalProbs()[i] >= 0);
            }
            assertTrue(trace.keptCount() >= 1);
            assertEquals(logits.length, trace.vocabSize());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void topOneKeepsOnlyTheArgmax(String name, float[] logits) {
        // given top-k = 1
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, 1, 1));

        // when the trace is read
        // then only the largest logit survives, with probability 1
        int best = argmax(logits);
        assertEquals(1, trace.keptCount());
        assertEquals(best, trace.argmax());
        assertEquals(1.0, trace.finalProbs()[best], 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void topKKeepsExactlyTheKMostProbable(String name, float[] logits) {
        for (int k : new int[]{1, 2, 3, 10, 100}) {
            // given top-k = k (no ties: the logits are random floats)
            SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, k, 1));

            // when the kept tokens are counted
            // then there are k of them (or the whole vocabulary when it is smaller) …
            int expected = Math.min(k, logits.length);
            assertEquals(expected, trace.keptCount(), "k=" + k);
            // … and no dropped token has a larger logit than a kept one
            float smallestKept = Float.POSITIVE_INFINITY, largestDropped = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < logits.length; i++) {
                if (trace.kept(i)) smallestKept = Math.min(smallestKept, logits[i]);
                else largestDropped = Math.max(largestDropped, logits[i]);
            }
            assertTrue(largestDropped < smallestKept, "k=" + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void topPKeepsTheSmallestMostProbableSetWithEnoughMass(String name, float[] logits) {
        for (double p : new double[]{0.05, 0.3, 0.5, 0.9, 0.99}) {
            // given top-p = p
            SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, 0, p));
            double[] probs = trace.afterTemperature();

            // when the kept tokens are collected in order of probability
            int[] order = trace.order();
            int kept = trace.keptCount();
            double mass = 0;
            for (int r = 0; r < kept; r++) {
                // then they are a prefix of the most probable tokens …
                assertTrue(trace.kept(order[r]), "p=" + p + ": rank " + r + " not kept");
                mass += probs[order[r]];
            }
            // … whose mass reaches p …
            assertTrue(mass >= p - 1e-12, "p=" + p + ": kept mass " + mass);
            // … and which would fall short of p without its least probable member (minimal)
            double withoutLast = mass - probs[order[kept - 1]];
            assertTrue(withoutLast < p, "p=" + p + ": " + kept + " tokens are more than needed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void topPJudgesTheTopKSurvivorsRenormalised(String name, float[] logits) {
        // given top-k = 3 followed by top-p = 0.9
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, 3, 0.9));

        // when the kept set is compared with the top-3 renormalised
        int[] order = trace.order();
        int k = Math.min(3, logits.length);
        double top = 0;
        for (int r = 0; r < k; r++) top += trace.afterTemperature()[order[r]];
        double mass = 0;
        int needed = 0;
        while (needed < k && mass < 0.9 - 1e-12) mass += trace.afterTemperature()[order[needed++]] / top;

        // then exactly the smallest prefix of the top-3 with 90% of their mass is kept
        assertEquals(needed, trace.keptCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void temperatureZeroIsGreedyWhateverTheRandomNumbers(String name, float[] logits) {
        // given temperature 0
        SamplingTrace trace = Sampler.trace(logits, SamplingConfig.GREEDY);

        // when tokens are drawn with many different random generators
        // then every draw is the arg-max, which holds all the probability
        int best = argmax(logits);
        assertEquals(1.0, trace.finalProbs()[best]);
        for (long seed = 0; seed < 50; seed++) assertEquals(best, Sampler.draw(trace, new Random(seed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void lowerTemperatureSharpensTheDistribution(String name, float[] logits) {
        // given a falling series of temperatures
        double[] temperatures = {5, 2, 1, 0.5, 0.2};

        // when the probability of the most likely token is read at each
        double previous = 0;
        for (double t : temperatures) {
            double max = Arrays.stream(Sampler.trace(logits, new SamplingConfig(t, 0, 1)).afterTemperature()).max().orElseThrow();

            // then it rises as the temperature falls (until it saturates at 1 in double precision)
            assertTrue(max > previous || max == 1.0, "T=" + t + ": " + max + " after " + previous);
            previous = max;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void theSameSeedDrawsTheSameSequence(String name, float[] logits) {
        // given one trace and two generators with the same seed
        SamplingTrace trace = Sampler.trace(logits, SamplingConfig.DEFAULT);
        Random a = new Random(99), b = new Random(99);

        // when 200 tokens are drawn with each
        // then the sequences are identical
        for (int i = 0; i < 200; i++) assertEquals(Sampler.draw(trace, a), Sampler.draw(trace, b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logits")
    void aFilteredTokenIsNeverDrawn(String name, float[] logits) {
        // given top-k = 2 and top-p = 0.8: most of the vocabulary is filtered out
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1.5, 2, 0.8));
        Random rnd = new Random(5);

        // when many tokens are drawn
        // then each is one of the kept tokens
        for (int i = 0; i < 2000; i++) {
            int id = Sampler.draw(trace, rnd);
            assertTrue(trace.kept(id), "drew filtered token " + id);
        }
    }

    static Stream<Arguments> drawSettings() {
        return Stream.of(
                // plain softmax over six tokens
                Arguments.of(SamplingConfig.DEFAULT),
                // a hot temperature flattens the distribution
                Arguments.of(new SamplingConfig(2.5, 0, 1)),
                // top-4 with a nucleus of 0.8
                Arguments.of(new SamplingConfig(0.8, 4, 0.8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drawSettings")
    void drawsFollowTheFinalDistribution(SamplingConfig config) {
        // given six tokens with distinct logits
        float[] logits = {2.0f, 1.2f, 0.7f, 0.1f, -0.5f, -1.3f};
        SamplingTrace trace = Sampler.trace(logits, config);
        Random rnd = new Random(12345);

        // when 20,000 tokens are drawn
        int n = 20_000;
        int[] counts = new int[logits.length];
        for (int i = 0; i < n; i++) counts[Sampler.draw(trace, rnd)]++;

        // then each token's frequency is within 4.5 standard errors of its final probability
        for (int i = 0; i < logits.length; i++) {
            double p = trace.finalProbs()[i], f = (double) counts[i] / n;
            double tolerance = 4.5 * Math.sqrt(p * (1 - p) / n) + 1e-9;
            assertEquals(p, f, tolerance, "token " + i);
        }
    }

    @Test
    void tiedTokensAreOrderedByIdSoTopKIsReproducible() {
        // given four tokens, two of them tied for the top
        float[] logits = {0.5f, 3f, 3f, 1f};

        // when top-1 is applied
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, 1, 1));

        // then the lower id of the tied pair is kept
        assertEquals(1, trace.argmax());
        assertTrue(trace.kept(1));
        assertEquals(1, trace.keptCount());
    }

    @Test
    void theTraceRecordsWhatEachFilterKept() {
        // given five tokens in falling order of logit, top-k 3 and top-p 0.5
        float[] logits = {4f, 3f, 2f, 1f, 0f};
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, 3, 0.5));

        // when the trace is read
        // then top-k kept the first three, top-p (judging only those three) kept the first,
        // and the tokens top-k dropped are not blamed on top-p
        assertArrayEquals(new boolean[]{true, true, true, false, false}, trace.keptByTopK());
        assertArrayEquals(new boolean[]{true, false, false, true, true}, trace.keptByTopP());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, trace.order());
        assertEquals(1, trace.keptCount());
        assertArrayEquals(logits, trace.logits());
    }

    @Test
    void theTraceDoesNotShareTheCallersLogits() {
        // given logits that the caller reuses after tracing
        float[] logits = {1f, 2f, 3f};
        SamplingTrace trace = Sampler.trace(logits, SamplingConfig.DEFAULT);

        // when the caller overwrites them
        logits[2] = -100f;

        // then the trace still shows what was sampled from
        assertEquals(3f, trace.logits()[2]);
    }

    @Test
    void anEmptyVocabularyIsRejected() {
        // given no logits
        // when a trace is asked for
        // then it is refused with a message
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.trace(new float[0], SamplingConfig.DEFAULT));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @ParameterizedTest(name = "top-k {0}")
    @ValueSource(ints = {1, 7, 50})
    void topKLargerThanTheVocabularyKeepsEverything(int k) {
        // given a vocabulary of five tokens … (top-k of 7 or 50 exceeds it)
        float[] logits = {0.3f, -1f, 2f, 0f, 1f};

        // when top-k is applied
        SamplingTrace trace = Sampler.trace(logits, new SamplingConfig(1, k, 1));

        // then min(k, 5) tokens survive
        assertEquals(Math.min(k, 5), trace.keptCount());
        Set<Integer> kept = new HashSet<>();
        for (int i = 0; i < 5; i++) if (trace.kept(i)) kept.add(i);
        assertTrue(kept.contains(2));
    }

    /** [PAD] [UNK] [BOS] [EOS] then three words, as the word tokenizer numbers them. */
    private static final SpecialTokens SPECIALS = SpecialTokens.of(
            dev.logitlab.text.Tokenizers.fit(dev.logitlab.text.TokenizerKind.WORD, List.of("a b c")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("specialSettings")
    void neverDrawnTokensAreNeverKeptNorDrawn(SamplingConfig config) {
        // given logits where [PAD], [UNK] and [BOS] are by far the most probable
        float[] logits = {9f, 10f, 9.5f, 0.2f, 1f, 0.5f, -1f};

        // when the sampler traces the step with the word tokenizer's special tokens and draws 2,000 times
        SamplingTrace trace = Sampler.trace(logits, config, SPECIALS);
        Random rnd = new Random(8);

        // then the three keep their share of the model's distribution but none of the final one …
        assertTrue(trace.afterTemperature()[1] > 0 || config.greedy());
        for (int id = 0; id < 3; id++) {
            assertEquals(0.0, trace.finalProbs()[id], config + " id " + id);
            assertTrue(!trace.kept(id));
        }
        // … the final distribution still sums to 1 over the kept words and [EOS] …
        assertEquals(1.0, sum(trace.finalProbs()), 1e-9);
        // … top-k counts drawable tokens only, and nothing drawn is special
        if (config.topK() > 0) assertEquals(Math.min(config.topK(), 4), trace.keptCount() + countTopPRemoved(trace));
        assertEquals(4, trace.argmax(), "the best drawable token is word 'a' (id 4)");
        for (int i = 0; i < 2000; i++) assertTrue(Sampler.draw(trace, rnd) >= 3);
    }

    static Stream<Arguments> specialSettings() {
        return Stream.of(
                Arguments.of(SamplingConfig.DEFAULT),                 // plain softmax
                Arguments.of(SamplingConfig.GREEDY),                  // temperature 0 picks the best drawable token
                Arguments.of(new SamplingConfig(1, 1, 1)),            // top-1 keeps the best drawable token, not [UNK]
                Arguments.of(new SamplingConfig(1, 2, 0.6)),          // top-k then top-p over drawable tokens
                Arguments.of(new SamplingConfig(0.01, 0, 1)));        // so cold that the words underflow next to [UNK]
    }

    private static int countTopPRemoved(SamplingTrace trace) {
        int n = 0;
        for (int i = 0; i < trace.vocabSize(); i++) if (trace.specials().drawable(i) && trace.keptByTopK()[i] && !trace.keptByTopP()[i]) n++;
        return n;
    }

    @Test
    void theEndOfSentenceMayBeDrawnAndPaddingAndStartAreNotOffered() {
        // given the word tokenizer's special tokens
        // then [EOS] is drawable and named, [UNK] is not drawable but offered, [PAD] and [BOS] are neither
        assertTrue(SPECIALS.drawable(3));
        assertTrue(SPECIALS.end(3));
        assertTrue(!SPECIALS.drawable(1) && SPECIALS.offered(1) && SPECIALS.unknown(1));
        assertTrue(!SPECIALS.drawable(0) && !SPECIALS.offered(0));
        assertTrue(!SPECIALS.drawable(2) && !SPECIALS.offered(2));
        assertTrue(SPECIALS.drawable(4) && SPECIALS.offered(4));
    }
}
