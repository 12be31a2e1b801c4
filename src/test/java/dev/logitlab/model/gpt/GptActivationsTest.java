package dev.logitlab.model.gpt;

import dev.logitlab.model.ActivationModel.NamedActivations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPT's activations are the values its forward pass computes: the reference's, block by block. */
class GptActivationsTest {

    @Test
    void everyBlocksGeluAndOutputMatchTheReference() {
        // given the fast GPT with the scrambled reference's weights, and a context shorter than its window
        GptSpec spec = TinyGpt.SPEC.withNLayer(3);
        ReferenceGpt ref = TinyGpt.scrambled(spec, 5);
        Gpt gpt = new Gpt(spec, 1);
        gpt.copyFrom(ref);
        int[] tokens = TinyGpt.randomTokens(new Random(3), 4, spec.vocabSize());

        // when both read it
        List<NamedActivations> got = gpt.activations(tokens);
        double[][][] want = ref.blockActivations(tokens);

        // then per block: the GELU output [T, M], then the block output [T, C], named for a reader
        assertEquals(2 * spec.nLayer(), got.size());
        for (int l = 0; l < spec.nLayer(); l++) {
            NamedActivations mlp = got.get(2 * l), out = got.get(2 * l + 1);
            assertEquals("block " + (l + 1) + " · MLP (GELU)", mlp.name());
            assertEquals("block " + (l + 1) + " · output", out.name());
            assertEquals(tokens.length * spec.mlpHidden(), mlp.values().length);
            assertEquals(tokens.length * spec.nEmbd(), out.values().length);
            for (int i = 0; i < mlp.values().length; i++) {
                assertEquals(want[l][0][i], mlp.values()[i], 1e-4 * (1 + Math.abs(want[l][0][i])), "block " + l + " GELU " + i);
                assertTrue(mlp.values()[i] >= -0.1701f, "GELU never goes below −0.17");
            }
            for (int i = 0; i < out.values().length; i++) {
                assertEquals(want[l][1][i], out.values()[i], 1e-4 * (1 + Math.abs(want[l][1][i])), "block " + l + " output " + i);
            }
        }
    }

    @Test
    void aLongContextIsReadThroughItsLastWindowAndLeavesTheLogitsAlone() {
        // given a context longer than blockSize
        GptSpec spec = TinyGpt.SPEC;
        Gpt gpt = new Gpt(spec, 2);
        int[] tokens = TinyGpt.randomTokens(new Random(4), spec.blockSize() + 3, spec.vocabSize());
        float[] before = gpt.nextTokenLogits(tokens);

        // then the activations cover blockSize positions, and the next-token logits are unchanged after
        List<NamedActivations> got = gpt.activations(tokens);
        assertEquals(spec.blockSize() * spec.mlpHidden(), got.get(0).values().length);
        assertEquals(spec.blockSize() * spec.nEmbd(), got.get(1).values().length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, gpt.nextTokenLogits(tokens));
    }
}
