package dev.logitlab.model.gpt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameters are named, shaped and initialised so that they can be matched with nanoGPT / GPT-2 ones. */
class ParametersTest {

    @Test
    void namesAndShapesFollowTheGpt2StateDictInItsOrder() {
        // given a model of one block: V = 11, blockSize 6, C = 8, M = 12
        ReferenceGpt model = new ReferenceGpt(TinyGpt.SPEC.withNLayer(1), 1);

        // when its parameters are listed
        List<String> described = model.parameters().stream()
                .map(p -> p.name() + Arrays.toString(p.shape())).toList();

        // then they come in the state dict's order, with Conv1D-style [in, out] weights
        assertEquals(List.of(
                "wte.weight[11, 8]", "wpe.weight[6, 8]",
                "h.0.ln_1.weight[8]", "h.0.ln_1.bias[8]",
                "h.0.attn.c_attn.weight[8, 24]", "h.0.attn.c_attn.bias[24]",
                "h.0.attn.c_proj.weight[8, 8]", "h.0.attn.c_proj.bias[8]",
                "h.0.ln_2.weight[8]", "h.0.ln_2.bias[8]",
                "h.0.mlp.c_fc.weight[8, 12]", "h.0.mlp.c_fc.bias[12]",
                "h.0.mlp.c_proj.weight[12, 8]", "h.0.mlp.c_proj.bias[8]",
                "ln_f.weight[8]", "ln_f.bias[8]",
                "lm_head.weight[8, 11]"), described);
    }

    @Test
    void theTeachingConfigCountsItsParameters() {
        // given the teaching config: V 2000, T 32, C 128, M 256, 3 layers
        ReferenceGpt model = new ReferenceGpt(GptSpec.TEACHING, 1);

        // then the count is the sum of the tensors' sizes
        long c = 128, m = 256, v = 2000;
        long block = 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + 2 * c + (c * m + m) + (m * c + c);
        assertEquals(v * c + 32 * c + 3 * block + 2 * c + c * v, model.parameterCount());
    }

    @Test
    void initialisationFollowsNanoGpt() {
        // given a model with enough weights for the statistics to settle
        GptSpec spec = GptSpec.NANO_SHAKESPEARE;
        ReferenceGpt model = new ReferenceGpt(spec, 3);
        double projStd = 0.02 / Math.sqrt(2 * spec.nLayer());

        for (Tensor p : model.parameters()) {
            String n = p.name();
            if (n.contains("ln_") && n.endsWith(".weight")) {
                // then LayerNorm weights start at 1,
                assertEquals(1.0, Arrays.stream(p.value()).min().orElseThrow(), 0.0, n);
                assertEquals(1.0, Arrays.stream(p.value()).max().orElseThrow(), 0.0, n);
            } else if (n.endsWith(".bias")) {
                // biases at 0,
                assertArrayEquals(new double[p.size()], p.value(), 0.0, n);
            } else {
                // weights N(0, 0.02), and the residual projections N(0, 0.02/√(2·nLayer))
                double std = n.endsWith("c_proj.weight") ? projStd : 0.02;
                double mean = Arrays.stream(p.value()).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(p.value()).map(x -> x * x).average().orElseThrow());
                assertEquals(0.0, mean, 4 * std / Math.sqrt(p.size()), n + " mean");
                assertEquals(std, sd, 0.06 * std, n + " std");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndTheUntrainedLossIsAboutLnV() {
        // given two models built from the same seed, and a random batch
        GptSpec spec = GptSpec.NANO_SHAKESPEARE;
        ReferenceGpt a = new ReferenceGpt(spec, 9), b = new ReferenceGpt(spec, 9);
        Random rnd = new Random(4);
        int[][] tokens = {TinyGpt.randomTokens(rnd, 16, 65)};
        int[][] targets = {TinyGpt.randomTokens(rnd, 16, 65)};

        // then their losses agree exactly, and small initial weights predict nearly uniformly: the
        // logits start with a spread of about 0.02·√C ≈ 0.23, which costs only a few hundredths of a nat
        assertEquals(a.loss(tokens, targets), b.loss(tokens, targets), 0.0);
        assertEquals(Math.log(65), a.loss(tokens, targets), 0.15);
    }

    @Test
    void inputsOutsideTheModelAreRejectedWithTheBadValue() {
        // given a tiny model (V = 11, blockSize 6)
        ReferenceGpt model = new ReferenceGpt(TinyGpt.SPEC, 1);

        // then too long a sequence, an unknown token, a bad target and an all-ignored batch are refused
        assertEquals("tokens must hold 1 to 6 tokens, was 7", assertThrows(IllegalArgumentException.class,
                () -> model.forward(new int[7], false)).getMessage());
        assertEquals("tokens: token at position 1 must be in [0, 11), was 11", assertThrows(IllegalArgumentException.class,
                () -> model.forward(new int[]{0, 11}, false)).getMessage());
        assertEquals("target 0 of sequence 0 must be in [0, 11) or -1, was -2", assertThrows(IllegalArgumentException.class,
                () -> model.loss(new int[][]{{1}}, new int[][]{{-2}})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.loss(new int[][]{{1}}, new int[][]{{ReferenceGpt.IGNORE}}));
    }
}
