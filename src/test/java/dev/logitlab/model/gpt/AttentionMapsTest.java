package dev.logitlab.model.gpt;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The captured attention maps are the causal softmax the model used. */
class AttentionMapsTest {

    @Test
    void everyRowIsADistributionOverThePastAndTheFutureWeighsExactlyZero() {
        // given the teaching-sized head layout on a short random sequence
        GptSpec spec = TinyGpt.SPEC.withNLayer(3).withNHead(4).withBlockSize(7);
        ReferenceGpt model = TinyGpt.scrambled(spec, 21);
        int[] tokens = TinyGpt.randomTokens(new Random(2), 7, spec.vocabSize());

        // when the maps are captured
        double[][][][] att = model.forward(tokens, true).attention();

        // then they have shape [nLayer][nHead][T][T]
        assertEquals(3, att.length);
        for (double[][][] layer : att) {
            assertEquals(4, layer.length);
            for (double[][] head : layer) {
                assertEquals(7, head.length);
                for (int i = 0; i < 7; i++) {
                    assertEquals(7, head[i].length);
                    // and each row sums to 1, every weight in [0, 1], nothing above the diagonal
                    double sum = 0;
                    for (int j = 0; j < 7; j++) {
                        if (j > i) assertEquals(0.0, head[i][j], 0.0, "row " + i + " looks ahead at " + j);
                        assertTrue(head[i][j] >= 0 && head[i][j] <= 1, "weight " + head[i][j]);
                        sum += head[i][j];
                    }
                    assertEquals(1.0, sum, 1e-12, "row " + i);
                }
                // the first position can attend only to itself
                assertEquals(1.0, head[0][0], 0.0);
            }
        }
    }

    @Test
    void mapsAreLeftOutUnlessAskedFor() {
        // given a model; when it runs without capture; then there are logits and no maps
        ReferenceGpt model = new ReferenceGpt(TinyGpt.SPEC, 1);
        ReferenceGpt.Forward f = model.forward(new int[]{1, 2, 3}, false);
        assertEquals(3, f.logits().length);
        assertEquals(TinyGpt.SPEC.vocabSize(), f.logits()[0].length);
        assertNull(f.attention());
    }
}
