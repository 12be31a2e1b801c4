package dev.logitlab.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** When a run counts as diverged, and the sentence it then says. */
class TrainingDivergedTest {

    @ParameterizedTest(name = "loss {0} after a first loss of {1}, V={2}: diverged = {3}")
    @CsvSource({
            "4.5,      4.6,  100, false",   // an ordinary step
            "45,       4.6,  100, false",   // high, but under 10 × ln(100) = 46.05
            "47,       4.6,  100, true",    // over 10 × the start: exploded
            "7512,     4.6,  100, true",    // the learning rate 1.0
            "NaN,      4.6,  100, true",    // not a number
            "Infinity, 4.6,  100, true",    // infinite
            "80,       9,    100, false",   // a run that started high is judged from its own start (90)
    })
    void aNonFiniteOrExplodingLossIsDivergence(double loss, double first, int vocab, boolean diverged) {
        if (diverged) assertThrows(TrainingDiverged.class, () -> TrainingDiverged.check(12, loss, first, vocab, 1.0));
        else assertDoesNotThrow(() -> TrainingDiverged.check(12, loss, first, vocab, 1.0));
    }

    @Test
    void theSentenceNamesTheStepTheLossAndALearningRateToTry() {
        TrainingDiverged d = assertThrows(TrainingDiverged.class, () -> TrainingDiverged.check(12, 7512.3, 4.6, 100, 1.0));
        assertEquals("training diverged at step 12: the loss became 7,512; try a learning rate below 0.1", d.getMessage());
        assertEquals(12, d.step());
        assertEquals(7512.3, d.loss());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "NaN                  | not a number (NaN)",
            "Infinity             | infinite",
            "7512.4               | 7,512",
            "12057069616522090000 | 1.2 × 10¹⁹",   // the perplexity-sized number, readable
    })
    void lossesReadPlainly(double loss, String text) {
        assertEquals(text, TrainingDiverged.lossText(loss));
    }

    @ParameterizedTest(name = "learning rate {0} → try below {1}")
    @CsvSource({"1, 0.1", "0.01, 0.001", "0.003, 0.0003", "100, 10"})
    void theSuggestionIsATenthOfTheLearningRate(double lr, String suggestion) {
        assertEquals(suggestion, TrainingDiverged.suggestion(lr));
    }
}
