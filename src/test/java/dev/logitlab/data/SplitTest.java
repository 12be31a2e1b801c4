package dev.logitlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A seeded split of whole sentences into training and validation. */
class SplitTest {

    @ParameterizedTest(name = "{0} sentences, fraction {1}, seed {2}")
    @CsvSource({
            "88, 0.1, 42",    // the default dataset and settings
            "10, 0.5, 7",     // the largest fraction the window offers
            "3, 0.3, 1",      // a tiny corpus
            "1000, 0.25, -5", // a large one, negative seed
    })
    void theSplitIsDisjointAndCoversEverySentence(int n, double fraction, long seed) {
        // given a corpus of n sentences
        // when it is split
        Split split = Split.of(n, fraction, seed);

        // then every sentence is in exactly one side, and the count matches the flags
        int validation = 0;
        for (int s = 0; s < n; s++) {
            assertTrue(split.train()[s] ^ split.validation()[s], "sentence " + s);
            if (split.validation()[s]) validation++;
        }
        assertEquals(split.validationCount(), validation);
        assertTrue(validation >= 1 && validation <= n - 1, "held out " + validation);
    }

    @ParameterizedTest(name = "{0} sentences, fraction {1} → {2} held out")
    @CsvSource({
            "88, 0.1, 9",   // rounds 8.8 to 9
            "10, 0.5, 5",   // half
            "2, 0.01, 1",   // rounds to 0, but a fraction above 0 holds out at least one
            "2, 0.9, 1",    // rounds to 2, but at least one sentence is left to train on
            "1, 0.5, 0",    // a single sentence is never held out
            "50, 0.0, 0",   // fraction 0 holds out nothing
    })
    void theNumberHeldOutFollowsTheFraction(int n, double fraction, int expected) {
        // given n sentences and a fraction
        // when they are split
        Split split = Split.of(n, fraction, 42);

        // then this many sentences are held out
        assertEquals(expected, split.validationCount());
    }

    @Test
    void theSameSeedHoldsOutTheSameSentences() {
        // given two splits with the same seed
        // when they are compared
        // then they are identical
        assertArrayEquals(Split.of(88, 0.1, 42).validation(), Split.of(88, 0.1, 42).validation());
        assertArrayEquals(Split.of(88, 0.1, 42).train(), Split.of(88, 0.1, 42).train());
    }

    @Test
    void anotherSeedHoldsOutOtherSentences() {
        // given two splits of a large corpus with different seeds
        // when they are compared
        // then they differ
        assertFalse(java.util.Arrays.equals(Split.of(200, 0.2, 1).validation(), Split.of(200, 0.2, 2).validation()));
        assertNotEquals(0, Split.of(200, 0.2, 1).validationCount());
    }

    @Test
    void anEmptyCorpusSplitsIntoNothing() {
        // given no sentences
        // when they are split
        Split split = Split.of(0, 0.1, 42);

        // then both sides are empty
        assertEquals(0, split.validationCount());
        assertEquals(0, split.train().length);
    }

    @ParameterizedTest(name = "fraction {0}")
    @ValueSource(doubles = {
            1.0,    // nothing would be left to train on
            1.5,    // more than everything
            -0.1,   // negative
            Double.NaN, // not a number
    })
    void aFractionOutsideZeroToOneIsRejectedByValue(double fraction) {
        // given an impossible fraction
        // when a split is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.of(10, fraction, 42));

        // then the message names the value
        assertTrue(e.getMessage().contains("was " + fraction), e.getMessage());
    }
}
