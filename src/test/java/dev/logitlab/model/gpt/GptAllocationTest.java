package dev.logitlab.model.gpt;

import dev.logitlab.data.SequenceBatch;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.model.LanguageModel;
import dev.logitlab.model.LogitLens;
import dev.logitlab.model.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory by need: inference passes sized by the context and sharing buffers between blocks, a KV cache that
 * grows, gradients made on the first training step, and a head tied to wte without a copy — each computing
 * exactly what the plain model computes.
 */
class GptAllocationTest {
    /** Long enough for the passes to be resized several times (16 → 32 → 64 positions). */
    private static final GptSpec SPEC = new GptSpec(23, 64, 2, 2, 8, 12, 0.0);

    private static Gpt scrambled(GptSpec spec, long seed) {
        return GptTest.copyOf(TinyGpt.scrambled(spec, seed));
    }

    @Test
    void theKvCacheGrowingPastItsRoomGivesTheLogitsOfAFullRecompute() {
        // given a model and a 5-token prompt, a cache that starts with room for 16 positions
        Gpt gpt = scrambled(SPEC, 3);
        int[] text = TinyGpt.randomTokens(new Random(5), SPEC.blockSize() + 10, SPEC.vocabSize());
        LanguageModel.Continuation cont = gpt.continueFrom(Arrays.copyOf(text, 5));
        for (int n = 5; n < text.length; n++) {
            // when it has read n tokens (crossing 16, 32 and blockSize), then it agrees with a fresh model's full pass
            Gpt fresh = scrambled(SPEC, 3);
            assertArrayEquals(fresh.nextTokenLogits(Arrays.copyOf(text, n)), cont.logits(), 1e-5f, "after " + n + " tokens");
            cont.append(text[n]);
        }
    }

    @Test
    void aModelAskedForEveryViewInTurnGivesWhatAFreshModelGivesForEach() {
        // given prompts of different lengths and one model that serves them all in an interleaved order
        Gpt shared = scrambled(SPEC, 7);
        Random rnd = new Random(9);
        int[] shortText = TinyGpt.randomTokens(rnd, 7, SPEC.vocabSize()), longText = TinyGpt.randomTokens(rnd, 40, SPEC.vocabSize());
        for (int[] ctx : List.of(longText, shortText, longText, shortText)) {
            // when each view is asked for, then it equals what a model that computed only that gives
            assertArrayEquals(scrambled(SPEC, 7).nextTokenLogits(ctx), shared.nextTokenLogits(ctx), 0f);
            AttentionMaps expected = scrambled(SPEC, 7).attention(ctx), actual = shared.attention(ctx);
            for (int l = 0; l < SPEC.nLayer(); l++) {
                for (int h = 0; h < SPEC.nHead(); h++) assertArrayEquals(expected.weights()[l][h], actual.weights()[l][h], 0f, "layer " + l + " head " + h);
            }
            var expectedActs = scrambled(SPEC, 7).activations(ctx);
            var acts = shared.activations(ctx);
            for (int i = 0; i < acts.size(); i++) assertArrayEquals(expectedActs.get(i).values(), acts.get(i).values(), 0f, acts.get(i).name());
            assertSameLens(scrambled(SPEC, 7).logitLens(ctx, 3), shared.logitLens(ctx, 3));
        }
    }

    @Test
    void aModelThatOnlyRunsMakesNoGradientsUntilItTrains() {
        // given a GPT filled like a checkpoint
        Gpt gpt = Gpt.unfilled(SPEC);
        gpt.nextTokenLogits(new int[]{1, 2, 3});
        // when it is asked for its parameters (an optimizer's first step), then they come with zeroed gradients
        List<Parameter> ps = gpt.parameters();
        assertEquals(Gpt.shapes(SPEC).size(), ps.size());
        for (Parameter p : ps) assertEquals(0.0, p.grad().norm2Number().doubleValue(), p.name());
        // and the values without gradients are the same arrays
        assertTrue(gpt.parameterValues().stream().allMatch(p -> p.grad() == null));
        assertEquals(ps.get(0).value(), gpt.parameterValues().get(0).value());
    }

    @Test
    void aTiedHeadIsWteItselfAndComputesWhatACopiedHeadComputes() {
        // given a tied GPT and an untied one whose head is a copy of wte, transposed
        GptSpec spec = SPEC.withBlockSize(8);
        Gpt untied = scrambled(spec, 11);
        Gpt tied = Gpt.unfilled(spec, true);
        for (String name : Gpt.shapes(spec, true).keySet()) tied.setWeights(name, untied.weights(name));
        untied.setWeights("lm_head.weight", tied.weights("lm_head.weight"));
        // then the tied one has no lm_head of its own
        assertTrue(tied.tiedHead());
        assertFalse(tied.parameters().stream().anyMatch(p -> p.name().equals("lm_head.weight")));
        assertEquals(untied.parameterCount() - (long) spec.nEmbd() * spec.vocabSize(), tied.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> tied.setWeights("lm_head.weight", new float[spec.nEmbd() * spec.vocabSize()]));
        int[] ctx = TinyGpt.randomTokens(new Random(12), 8, spec.vocabSize());
        // and the same logits and lens
        assertArrayEquals(untied.nextTokenLogits(ctx), tied.nextTokenLogits(ctx), 1e-5f);
        assertSameLens(untied.logitLens(ctx, 3), tied.logitLens(ctx, 3));
        // when both take a training step's backward pass
        SequenceBatch batch = GptTest.batch(spec, 3, 8, true, 13);
        assertEquals(untied.forwardBackward(batch), tied.forwardBackward(batch), 1e-5);
        // then wte's gradient is the embedding's plus the head's (the untied head's, transposed)
        float[] expected = grad(untied, "wte.weight"), head = grad(untied, "lm_head.weight");
        int v = spec.vocabSize(), c = spec.nEmbd();
        for (int r = 0; r < v; r++) for (int k = 0; k < c; k++) expected[r * c + k] += head[k * v + r];
        assertArrayEquals(expected, grad(tied, "wte.weight"), 1e-5f);
        assertArrayEquals(grad(untied, "h.1.mlp.c_fc.weight"), grad(tied, "h.1.mlp.c_fc.weight"), 1e-5f);
    }

    private static void assertSameLens(LogitLens expected, LogitLens actual) {
        assertEquals(expected.rows(), actual.rows());
        for (int r = 0; r < expected.rows(); r++) {
            for (int t = 0; t < expected.positions(); t++) {
                assertArrayEquals(expected.cell(r, t).topIds(), actual.cell(r, t).topIds(), "row " + r + " position " + t);
                assertArrayEquals(expected.cell(r, t).topProbabilities(), actual.cell(r, t).topProbabilities(), 1e-6f);
            }
        }
    }

    private static float[] grad(Gpt gpt, String name) {
        return gpt.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().grad().data().asFloat();
    }
}
