package dev.logitlab.ui.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Perplexity reads sanely, however large the loss. */
class LocalNumbersTest {

    @ParameterizedTest(name = "loss {0} → perplexity {1}")
    @CsvSource(delimiter = '|', value = {
            "0                 | 1.0",       // a certain model
            "2.302585092994046 | 10.0",      // e^ln 10
            "13.8              | 984609.1",  // just under a million: still a number
            "43.93             | > 10⁶",     // the 12057069616522090000.0
            "Infinity          | > 10⁶",
            "NaN               | —",
    })
    void perplexityIsANumberUpToAMillionThenABound(double loss, String text) {
        assertEquals(text, LocalNumbers.perplexity(loss));
    }
}
