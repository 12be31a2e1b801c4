package dev.logitlab.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows for sequence models: sentence rows, running-text windows, evaluation once over everything. */
class SequenceDataTest {
    private static final int I = SequenceBatch.IGNORE;

    @Test
    void aSentenceIsOneRowWhoseFirstWordIsNotATargetAndShortRowsArePadded() {
        // given [BOS]=2 a b c [EOS]=3 and [BOS] d [EOS]
        SequenceData data = SequenceData.ofSentences(List.of(new int[]{2, 10, 11, 12, 3}, new int[]{2, 13, 3}), 8, 0);
        // when evaluation reads them as one batch
        SequenceBatch b = data.evaluationBatches(8, Integer.MAX_VALUE).get(0);
        // then rows are [BOS a b c] → [- b c EOS] and [BOS d PAD PAD] → [- EOS - -]
        assertEquals(2, b.batchSize());
        assertEquals(4, b.length());
        assertArrayEquals(new int[]{2, 10, 11, 12, 2, 13, 0, 0}, b.tokens());
        assertArrayEquals(new int[]{I, 11, 12, 3, I, 3, I, I}, b.targets());
        assertEquals(4, data.targetCount());
    }

    @Test
    void aSentenceLongerThanTheWindowContinuesInFurtherRows() {
        SequenceData data = SequenceData.ofSentences(List.of(new int[]{2, 10, 11, 12, 13, 3}), 2, 0);
        List<SequenceBatch> batches = data.evaluationBatches(16, Integer.MAX_VALUE);
        SequenceBatch b = batches.get(0);
        assertEquals(3, b.batchSize()); // inputs [2 10] [11 12] [13]
        assertArrayEquals(new int[]{2, 10, 11, 12, 13, 0}, b.tokens());
        assertArrayEquals(new int[]{I, 11, 12, 13, 3, I}, b.targets());
    }

    @Test
    void runningTextBatchesAreWindowsWithTheNextTokenAsTarget() {
        int[] ids = new int[100];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        SequenceData data = SequenceData.ofStream(ids, 8, 0);
        SequenceBatch b = data.nextBatch(new Random(1), 4, false);
        for (int r = 0; r < 4; r++) {
            for (int t = 0; t < 8; t++) assertEquals(b.tokens()[r * 8 + t] + 1, b.targets()[r * 8 + t]);
        }
        assertFalse(b.continues());
        assertEquals(99, data.targetCount());
    }

    @Test
    void contiguousReadingContinuesEachRowWhereItStopped() {
        int[] ids = new int[100];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        SequenceData data = SequenceData.ofStream(ids, 5, 0);
        SequenceBatch first = data.nextBatch(new Random(1), 2, true);
        SequenceBatch second = data.nextBatch(new Random(1), 2, true);
        assertFalse(first.continues());
        assertTrue(second.continues());
        for (int r = 0; r < 2; r++) assertEquals(first.tokens()[r * 5 + 4] + 1, second.tokens()[r * 5]);
    }

    @Test
    void evaluationOfAStreamReadsEveryTargetOnce() {
        int[] ids = new int[103];
        SequenceData data = SequenceData.ofStream(ids, 10, 0);
        int counted = data.evaluationBatches(4, Integer.MAX_VALUE).stream().mapToInt(SequenceBatch::counted).sum();
        assertEquals(102, counted);
        // and a cap keeps it to about that many targets, evenly spread
        int capped = data.evaluationBatches(4, 30).stream().mapToInt(SequenceBatch::counted).sum();
        assertEquals(30, capped);
    }

    @Test
    void bestPossibleAccuracyCountsPrefixesFollowedByDifferentTokens() {
        // "a b" and "a c": after [BOS a] either b or c: one of the two can be right; the EOS after each is certain
        SequenceData data = SequenceData.ofSentences(List.of(new int[]{2, 10, 11, 3}, new int[]{2, 10, 12, 3}), 8, 0);
        assertEquals(3.0 / 4, data.bestPossibleAccuracy(), 1e-12);
    }
}
