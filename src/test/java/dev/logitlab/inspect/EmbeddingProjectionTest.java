package dev.logitlab.inspect;

import dev.logitlab.model.mlp.MiniGpt;
import dev.logitlab.model.mlp.MlpSpec;
import dev.logitlab.model.ngram.NgramModel;
import dev.logitlab.model.ngram.NgramSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingProjectionTest {
    private static final int V = 40;

    private static List<String> texts(int v) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < v; i++) t.add("t" + i);
        return t;
    }

    @Test
    void aMiniGptsEmbeddingsGiveOnePointPerToken() {
        // given a MiniGPT with a vocabulary of 40 and embeddings of width 16
        MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(V), 1);
        EmbeddingProjection.Matrix e = EmbeddingProjection.embeddingsOf(model);
        assertEquals(V, e.rows());

        // when its embeddings are projected
        int[] counts = new int[V];
        counts[3] = 9;
        EmbeddingProjection p = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), texts(V), counts, null);

        // then there are V points in 2-D and 3-D, with their texts and counts, and shares of variance in order
        assertEquals(V, p.size());
        assertEquals(2 * V, p.xy().length);
        assertEquals(3 * V, p.xyz().length);
        assertEquals("t3", p.tokens().get(3));
        assertEquals(9, p.counts()[3]);
        assertTrue(p.explained()[0] >= p.explained()[1] && p.explained()[1] >= p.explained()[2] && p.explained()[2] > 0);
        // the 2-D picture is the 3-D one seen from above
        for (int t = 0; t < V; t++) {
            assertEquals(p.xyz()[3 * t], p.xy()[2 * t], 1e-6);
            assertEquals(p.xyz()[3 * t + 1], p.xy()[2 * t + 1], 1e-6);
        }
    }

    @Test
    void twoCallsGiveTheSamePictureAndTheBasisKeepsItsSigns() {
        MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(V), 2);
        EmbeddingProjection.Matrix e = EmbeddingProjection.embeddingsOf(model);
        EmbeddingProjection a = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), texts(V), null, null);
        EmbeddingProjection b = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), texts(V), null, null);
        EmbeddingProjection c = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), texts(V), null, a.basis());
        assertArrayEquals(a.xy(), b.xy());
        assertArrayEquals(a.xyz(), c.xyz(), 1e-4f);
    }

    @Test
    void anNgramModelHasNoEmbeddingsAndSaysSo() {
        NgramModel ngram = new NgramModel(new NgramSpec(V, 3, NgramSpec.DEFAULT_K));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddingProjection.embeddingsOf(ngram));
        assertTrue(e.getMessage().contains("n-gram"), e.getMessage());
    }

    @Test
    void aCancelledProjectionThrowsAndLeavesNoResult() {
        // given a MiniGPT's embeddings and a cancel flag raised as soon as progress is reported
        MiniGpt model = new MiniGpt(MlpSpec.DEFAULT.withVocabSize(V), 3);
        EmbeddingProjection.Matrix e = EmbeddingProjection.embeddingsOf(model);
        AtomicBoolean cancel = new AtomicBoolean();
        List<EmbeddingProjection> results = new ArrayList<>();

        // when it is projected, it fails with a CancellationException and there is nothing to show
        assertThrows(CancellationException.class, () -> results.add(EmbeddingProjection.of(e.values(), e.rows(), e.cols(),
                texts(V), null, null, d -> cancel.set(true), cancel::get)));
        assertTrue(results.isEmpty());

        // and without the flag the same call gives the projection, its progress ending at 1
        double[] last = {0};
        EmbeddingProjection p = EmbeddingProjection.of(e.values(), e.rows(), e.cols(), texts(V), null, null, d -> last[0] = d, () -> false);
        assertEquals(V, p.size());
        assertEquals(1.0, last[0]);
    }

    @Test
    void aLargeVocabularyShowsTheTokensItsDataUsesMostOrItsFirstIds() {
        // given a vocabulary larger than the points shown, embeddings whose row i is all i
        int v = EmbeddingProjection.MAX_POINTS + 300, width = 4;
        float[] e = new float[v * width];
        for (int i = 0; i < v; i++) java.util.Arrays.fill(e, i * width, (i + 1) * width, i + (i % 7) * 0.5f * (i % 2 == 0 ? 1 : -1));
        int[] counts = new int[v];
        counts[v - 1] = 50;      // the most frequent
        counts[10] = 7;
        counts[v - 2] = 7;       // as frequent as id 10: the lower id first
        // when projected with those counts, then only the three used tokens are points, most frequent first
        EmbeddingProjection p = EmbeddingProjection.of(e, v, width, texts(v), counts, null);
        assertArrayEquals(new int[]{v - 1, 10, v - 2}, p.ids());
        assertEquals(List.of("t" + (v - 1), "t10", "t" + (v - 2)), p.tokens());
        assertArrayEquals(new int[]{50, 7, 7}, p.counts());
        // and without counts (a checkpoint opened alone), the first MAX_POINTS ids
        EmbeddingProjection q = EmbeddingProjection.of(e, v, width, texts(v), null, null);
        assertEquals(EmbeddingProjection.MAX_POINTS, q.size());
        assertEquals(0, q.ids()[0]);
        assertEquals(EmbeddingProjection.MAX_POINTS - 1, q.ids()[q.size() - 1]);
        // a small vocabulary keeps every token, by id
        assertArrayEquals(new int[]{0, 1, 2, 3}, EmbeddingProjection.pointsOf(new int[]{0, 5, 0, 1}, 10));
    }
}
