package dev.logitlab.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A figure measured in interleaved pairs: per-pair ratios, their median and spread, per-side medians. */
class PairedRatiosTest {

    @Test
    void aRateFigureDividesOursByTheirsPairByPair() {
        // given tokens/s in 5 pairs, the machine slowing down for both sides in pairs 4 and 5
        PairedRatios p = new PairedRatios("gpt_train_t2", "tokens/s", true,
                new double[]{12_000, 12_000, 12_000, 6_000, 6_000}, new double[]{10_000, 10_000, 10_000, 5_000, 5_000});

        // then every pair says 1.2×, which the per-side medians (12,000 ÷ 10,000) agree with here
        assertArrayEquals(new double[]{1.2, 1.2, 1.2, 1.2, 1.2}, p.ratios(), 1e-12);
        assertEquals(1.2, p.ratioMedian(), 1e-12);
        assertEquals(0, p.spread(), 1e-12);
        assertEquals(12_000, p.oursMedian());
        assertEquals(10_000, p.theirsMedian());
        assertEquals(5, p.pairs());
    }

    @Test
    void pairingCancelsADriftThatTheRatioOfMediansKeeps() {
        // given a machine whose speed halves midway, ours always 1.5× theirs within a pair
        double[] ours = {15, 15, 7.5, 7.5, 7.5}, theirs = {10, 10, 10, 5, 5};
        // (theirs' pair 3 ran before the slowdown reached it: ours 7.5 vs theirs 10 is 0.75×)
        PairedRatios p = new PairedRatios("drift", "tokens/s", true, ours, theirs);

        // then the median per-pair ratio is 1.5×, while the ratio of the medians says 0.75×
        assertEquals(1.5, p.ratioMedian(), 1e-12);
        assertEquals(0.75, p.oursMedian() / p.theirsMedian(), 1e-12);
        assertEquals(0.75, p.ratioMin(), 1e-12);
        assertEquals(1.5, p.ratioMax(), 1e-12);
    }

    @Test
    void aTimeFigureIsInvertedSoThatAboveOneAlwaysMeansOursIsFaster() {
        // given inference times in ms, ours 1 ms against theirs 3 ms
        PairedRatios p = new PairedRatios("gpt_infer_t2", "ms", false, new double[]{1, 1, 1, 1, 2}, new double[]{3, 3, 3, 3, 3});

        assertEquals(3, p.ratioMedian(), 1e-12);
        assertEquals(1.5, p.ratioMin(), 1e-12);
    }

    @Test
    void theSpreadIsTheRangeOverTheMedianAndAbove15PercentIsTooMuch() {
        // ratios 0.9, 1.0, 1.0, 1.0, 1.1: range 0.2 over median 1.0
        PairedRatios wide = new PairedRatios("wide", "tokens/s", true, new double[]{9, 10, 10, 10, 11}, new double[]{10, 10, 10, 10, 10});
        assertEquals(0.2, wide.spread(), 1e-12);
        assertTrue(wide.tooSpread());
        assertEquals(1.0, wide.ratioQ1(), 1e-12);
        assertEquals(1.0, wide.ratioQ3(), 1e-12);

        // ratios 0.95 … 1.05: range 0.1
        PairedRatios narrow = new PairedRatios("narrow", "tokens/s", true, new double[]{9.5, 10, 10, 10, 10.5}, new double[]{10, 10, 10, 10, 10});
        assertFalse(narrow.tooSpread());
    }

    @Test
    void unpairedOrNonPositiveValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PairedRatios("x", "ms", false, new double[]{1, 2}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new PairedRatios("x", "ms", false, new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new PairedRatios("x", "ms", false, new double[]{0}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new PairedRatios("x", "ms", false, new double[]{1}, new double[]{Double.NaN}));
    }
}
