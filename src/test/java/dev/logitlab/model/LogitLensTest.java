package dev.logitlab.model;

import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogitLensTest {

    @Test
    void topIdsAreTheLargestBestFirstWithTiesToTheLowerId() {
        assertArrayEquals(new int[]{3, 1, 0}, LogitLens.topIds(new float[]{1, 2, 0.5f, 7, 1}, 3));
        assertArrayEquals(new int[]{0, 1}, LogitLens.topIds(new float[]{4, 4, 4}, 2));
        assertArrayEquals(new int[]{1, 0}, LogitLens.topIds(new float[]{-3, -1}, 2));
    }

    @Test
    void theLastRowIsTheModelsOwnPredictionAndEveryRowIsADistribution() {
        // given a small random GPT and a context
        Gpt gpt = new Gpt(new GptSpec(40, 8, 3, 2, 16, 32, 0.0), 11);
        float[] head = gpt.weights("lm_head.weight");
        for (int i = 0; i < head.length; i++) head[i] *= 100;   // N(0, 2): peaked predictions, not nearly uniform ones
        gpt.setWeights("lm_head.weight", head);
        int[] ctx = {1, 5, 9, 2, 7};
        // when the lens reads every layer, keeping all 40 tokens
        LogitLens lens = gpt.logitLens(ctx, 40);
        // then: one row for the embeddings and one per block
        assertEquals(java.util.List.of("embeddings", "block 0", "block 1", "block 2"), lens.after());
        float[] z = gpt.nextTokenLogits(ctx);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float x : z) max = Math.max(max, x);
        for (float x : z) sum += Math.exp(x - max);
        LogitLens.Cell last = lens.cell(3, ctx.length - 1);
        for (int i = 0; i < 40; i++) {
            int id = last.topIds()[i];
            assertEquals(Math.exp(z[id] - max) / sum, last.topProbabilities()[i], 1e-5, "the model's softmax, token " + id);
        }
        assertEquals(0, last.finalTokenRank());
        assertEquals(0, last.klToFinal(), 1e-5);
        for (int r = 0; r < lens.rows(); r++) {
            for (int p = 0; p < lens.positions(); p++) {
                double total = 0;
                for (float q : lens.cell(r, p).topProbabilities()) total += q;
                assertEquals(1, total, 1e-4, "row " + r + " position " + p);
                assertTrue(lens.cell(r, p).klToFinal() >= 0);
            }
        }
    }
}
