package dev.logitlab.model.gpt;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.Parameter;
import dev.logitlab.train.Adam;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast float32 GPT computes what the double-precision reference computes, and learns. */
class GptTest {

    static Stream<Arguments> shapes() {
        GptSpec s = TinyGpt.SPEC;
        return Stream.of(
                Arguments.of("the tiny spec, 2 heads, full blockSize", s, 3, s.blockSize(), false),
                Arguments.of("one position (T = 1)", s, 2, 1, false),
                Arguments.of("a single head", s.withNHead(1), 2, 4, false),
                Arguments.of("four heads of width 2", s.withNHead(4), 2, s.blockSize(), false),
                Arguments.of("rows padded with IGNORE targets at their ends", s, 3, s.blockSize(), true),
                Arguments.of("one layer, wide MLP, larger vocabulary", new GptSpec(37, 9, 1, 2, 12, 40, 0.0), 2, 9, true),
                // fewer tokens than embedding dimensions, as a character vocabulary with a 128-wide model
                Arguments.of("a vocabulary smaller than the width", new GptSpec(5, 6, 2, 2, 16, 24, 0.0), 2, 6, false));
    }

    /** Tokens and targets for a batch; with padding, row b's last b positions are PAD (0) targeting IGNORE. */
    static SequenceBatch batch(GptSpec spec, int b, int t, boolean padded, long seed) {
        Random rnd = new Random(seed);
        int[] tokens = TinyGpt.randomTokens(rnd, b * t, spec.vocabSize());
        int[] targets = TinyGpt.randomTokens(rnd, b * t, spec.vocabSize());
        if (padded) {
            for (int r = 0; r < b; r++) {
                for (int i = Math.max(1, t - r); i < t; i++) {
                    tokens[r * t + i] = 0;
                    targets[r * t + i] = SequenceBatch.IGNORE;
                }
            }
        }
        return new SequenceBatch(b, t, tokens, targets);
    }

    static int[][] rows(int[] flat, int b, int t) {
        int[][] out = new int[b][];
        for (int r = 0; r < b; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * t, (r + 1) * t);
        return out;
    }

    static Gpt copyOf(ReferenceGpt ref) {
        Gpt gpt = new Gpt(ref.spec(), 1);
        gpt.copyFrom(ref);
        return gpt;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void logitsMatchTheReference(String why, GptSpec spec, int b, int t, boolean padded) {
        // given a reference with scrambled weights and the fast model holding the same weights
        ReferenceGpt ref = TinyGpt.scrambled(spec, 7);
        Gpt gpt = copyOf(ref);
        SequenceBatch batch = batch(spec, b, t, padded, 11);

        // when both compute the logits of every position
        float[] fast = gpt.logits(batch);

        // then they agree to 1e-4 (relative to the logit's size)
        int v = spec.vocabSize();
        int[][] tokens = rows(batch.tokens(), b, t);
        for (int r = 0; r < b; r++) {
            double[][] expected = ref.forward(tokens[r], false).logits();
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < v; k++) {
                    double e = expected[i][k], a = fast[(r * t + i) * v + k];
                    assertEquals(e, a, 1e-4 * Math.max(1, Math.abs(e)), "row " + r + " position " + i + " token " + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void gradientsMatchTheReference(String why, GptSpec spec, int b, int t, boolean padded) {
        // given both models with the same scrambled weights and one batch
        ReferenceGpt ref = TinyGpt.scrambled(spec, 3);
        Gpt gpt = copyOf(ref);
        SequenceBatch batch = batch(spec, b, t, padded, 5);

        // when each computes the mean loss and its gradient
        double expectedLoss = ref.lossAndBackward(rows(batch.tokens(), b, t), rows(batch.targets(), b, t));
        double loss = gpt.forwardBackward(batch);

        // then losses agree, and every parameter's gradient agrees to 1e-4 of that parameter's largest gradient
        assertEquals(expectedLoss, loss, 1e-5 * Math.max(1, expectedLoss));
        for (int p = 0; p < ref.parameters().size(); p++) {
            Tensor expected = ref.parameters().get(p);
            Parameter actual = gpt.parameters().get(p);
            assertEquals(expected.name(), actual.name());
            float[] g = actual.grad().ravel().toFloatVector();
            double scale = 1e-6;
            for (double e : expected.grad()) scale = Math.max(scale, Math.abs(e));
            for (int i = 0; i < g.length; i++) {
                assertEquals(expected.grad()[i], g[i], 1e-4 * scale, expected.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void changingATokenNeverChangesTheLogitsBeforeIt() {
        // given a model and a sequence of a full block
        GptSpec spec = TinyGpt.SPEC;
        Gpt gpt = copyOf(TinyGpt.scrambled(spec, 9));
        int t = spec.blockSize(), v = spec.vocabSize();
        SequenceBatch base = batch(spec, 1, t, false, 13);
        float[] before = gpt.logits(base);
        for (int k = 0; k < t; k++) {
            // when token k changes
            int[] tokens = base.tokens().clone();
            tokens[k] = (tokens[k] + 1) % v;
            float[] after = gpt.logits(new SequenceBatch(1, t, tokens, base.targets()));
            // then the logits of positions < k are exactly the same, and position k's differ
            for (int i = 0; i < k * v; i++) assertEquals(before[i], after[i], 0f, "position " + i / v + " after changing " + k);
            boolean changed = false;
            for (int i = k * v; i < (k + 1) * v; i++) changed |= before[i] != after[i];
            assertTrue(changed, "position " + k + " must see its own token");
        }
    }

    @Test
    void attentionMapsAreCausalDistributionsEqualToTheReferences() {
        // given both models with the same weights and a context shorter than blockSize
        GptSpec spec = TinyGpt.SPEC;
        ReferenceGpt ref = TinyGpt.scrambled(spec, 21);
        Gpt gpt = copyOf(ref);
        int[] context = {3, 1, 4, 1, 5};

        // when the attention maps are asked for
        AttentionMaps maps = gpt.attention(context);
        double[][][][] expected = ref.forward(context, true).attention();

        // then each row sums to 1, is 0 above the diagonal, equals the reference's, and labels are ids
        assertEquals(java.util.List.of("3", "1", "4", "1", "5"), maps.tokens());
        for (int l = 0; l < spec.nLayer(); l++) {
            for (int h = 0; h < spec.nHead(); h++) {
                for (int i = 0; i < context.length; i++) {
                    double sum = 0;
                    for (int j = 0; j < context.length; j++) {
                        float wt = maps.weight(l, h, i, j);
                        if (j > i) assertEquals(0f, wt, 0f);
                        assertEquals(expected[l][h][i][j], wt, 1e-5, "layer " + l + " head " + h + " (" + i + ", " + j + ")");
                        sum += wt;
                    }
                    assertEquals(1, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void theKvCacheGivesTheLogitsOfAFullRecomputeAtEveryStepEvenPastBlockSize() {
        // given a model and a two-token prompt
        GptSpec spec = TinyGpt.SPEC;
        Gpt gpt = copyOf(TinyGpt.scrambled(spec, 4));
        Random rnd = new Random(8);
        int[] text = TinyGpt.randomTokens(rnd, 3 * spec.blockSize(), spec.vocabSize());
        LanguageModel.Continuation cont = gpt.continueFrom(java.util.Arrays.copyOf(text, 2));
        for (int n = 2; n < text.length; n++) {
            // when the continuation has read n tokens, then it agrees with nextTokenLogits on the prefix
            float[] expected = gpt.nextTokenLogits(java.util.Arrays.copyOf(text, n));
            assertArrayEquals(expected, cont.logits(), 1e-5f, "after " + n + " tokens");
            cont.append(text[n]);
        }
    }

    @Test
    void dropoutMakesTrainingDifferFromEvaluationAndIsReproducibleFromTheSeed() {
        // given two models with dropout 0.2 built from the same seed
        GptSpec spec = TinyGpt.SPEC.withDropout(0.2);
        Gpt a = new Gpt(spec, 99), b = new Gpt(spec, 99);
        SequenceBatch batch = batch(spec, 4, spec.blockSize(), false, 2);

        // when each trains on the same batches
        double lossA1 = a.forwardBackward(batch), lossA2 = a.forwardBackward(batch);
        double lossB1 = b.forwardBackward(batch), lossB2 = b.forwardBackward(batch);

        // then the losses differ from evaluation and between steps (fresh masks), and agree between the two models
        double eval = a.evaluate(batch).loss();
        assertNotEquals(eval, lossA1);
        assertNotEquals(lossA1, lossA2);
        assertEquals(lossA1, lossB1, 0);
        assertEquals(lossA2, lossB2, 0);
        for (int p = 0; p < a.parameters().size(); p++) {
            assertArrayEquals(a.parameters().get(p).grad().ravel().toFloatVector(), b.parameters().get(p).grad().ravel().toFloatVector(), 0f);
        }
        // and evaluation is deterministic
        assertEquals(eval, a.evaluate(batch).loss(), 0);
    }

    @Test
    void adamOverfitsOneTinyBatch() {
        // given a fresh model, one small batch and Adam
        GptSpec spec = TinyGpt.SPEC;
        Gpt gpt = new Gpt(spec, 42);
        SequenceBatch batch = new SequenceBatch(2, 6, new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1},
                new int[]{2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, SequenceBatch.IGNORE});
        Adam adam = new Adam(1e-2);

        // when it takes 300 steps
        for (int s = 0; s < 300; s++) {
            gpt.forwardBackward(batch);
            adam.step(gpt.parameters());
        }

        // then the loss is below 0.1 and every counted target is predicted
        var eval = gpt.evaluate(batch);
        assertTrue(eval.loss() < 0.1, "loss " + eval.loss());
        assertEquals(1.0, eval.accuracy());
        assertEquals(11, eval.examples());
    }
}
