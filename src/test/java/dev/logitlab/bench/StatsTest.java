package dev.logitlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order statistics behind every bench figure: median, quartiles, and when a series has settled. */
class StatsTest {

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertEquals(3, Stats.median(new double[]{5, 1, 3}));          // odd count, unsorted input
        assertEquals(2.5, Stats.median(new double[]{4, 1, 2, 3}));     // even count
        assertEquals(7, Stats.median(new double[]{7}));
    }

    @ParameterizedTest
    @CsvSource({
            "0.00, 1.00",   // the minimum
            "0.25, 1.75",   // between the 1st and 2nd of 1 2 3 4, a quarter of the way (numpy's default)
            "0.50, 2.50",
            "0.75, 3.25",
            "1.00, 4.00"})  // the maximum
    void quantilesInterpolateBetweenOrderStatistics(double q, double expected) {
        assertEquals(expected, Stats.quantile(new double[]{3, 1, 4, 2}, q), 1e-12);
    }

    @Test
    void theInputIsNotReordered() {
        double[] xs = {3, 1, 2};
        Stats.median(xs);
        assertEquals(3, xs[0]);
    }

    @Test
    void aSeriesHasSettledWhenItsLastTwoWindowsAgree() {
        // given rounds that climb while the CPU clocks up, then hold
        double[] climbing = {50, 60, 70, 80, 90, 95, 100};
        double[] holding = {50, 60, 99, 100, 101, 100, 99, 100};

        // then the climbing series has not settled at k = 3, the holding one has (medians 100 and 100)
        assertFalse(Stats.settled(climbing, 3, 0.02));
        assertTrue(Stats.settled(holding, 3, 0.02));
        // and fewer than 2k values never count as settled
        assertFalse(Stats.settled(new double[]{100, 100, 100}, 2, 0.02));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(new double[]{1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Stats.settled(new double[]{1}, 0, 0.1));
    }
}
