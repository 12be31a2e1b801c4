package dev.logitlab.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sampling settings are validated where they are made, with messages that name the bad value. */
class SamplingConfigTest {

    @ParameterizedTest(name = "temperature {0}")
    @ValueSource(doubles = {
            -0.1,        // negative
            5.01,        // just above the maximum
            100,         // far above
            Double.NaN,  // not a number
    })
    void aTemperatureOutsideZeroToFiveIsRejected(double t) {
        // given a temperature outside [0, 5]
        // when a configuration is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(t, 0, 1));

        // then the message names the value
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("was " + t), e.getMessage());
    }

    @ParameterizedTest(name = "top-k {0}")
    @ValueSource(ints = {-1, -50})
    void aNegativeTopKIsRejected(int k) {
        // given a negative top-k
        // when a configuration is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, k, 1));

        // then the message names the value
        assertTrue(e.getMessage().contains("top-k") && e.getMessage().contains("was " + k), e.getMessage());
    }

    @ParameterizedTest(name = "top-p {0}")
    @ValueSource(doubles = {
            0.0,         // an empty nucleus
            -0.5,        // negative
            1.5,         // more than all the mass
            Double.NaN,  // not a number
    })
    void aTopPOutsideZeroExclusiveToOneIsRejected(double p) {
        // given a top-p outside (0, 1]
        // when a configuration is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, p));

        // then the message names the value
        assertTrue(e.getMessage().contains("top-p") && e.getMessage().contains("was " + p), e.getMessage());
    }

    @ParameterizedTest(name = "T={0}, k={1}, p={2}")
    @CsvSource({
            "0, 0, 1",         // greedy, no filters
            "5, 0, 1",         // the hottest allowed
            "1, 1, 0.0001",    // the tightest filters
            "0.7, 40, 0.95",   // a typical setting
    })
    void valuesAtTheLimitsAreAccepted(double t, int k, double p) {
        // given values on the edges of the allowed ranges
        // when a configuration is made
        // then it is accepted
        assertDoesNotThrow(() -> new SamplingConfig(t, k, p));
    }

    @Test
    void temperatureZeroMeansGreedy() {
        // given the greedy preset and the default
        // when each is asked whether it is greedy
        // then only temperature 0 is
        assertTrue(SamplingConfig.GREEDY.greedy());
        assertFalse(SamplingConfig.DEFAULT.greedy());
        assertTrue(SamplingConfig.DEFAULT.withTemperature(0).greedy());
    }

    @Test
    void withMethodsChangeOneSettingAndValidateIt() {
        // given the default configuration
        SamplingConfig c = SamplingConfig.DEFAULT;

        // when each setting is changed in turn
        SamplingConfig changed = c.withTemperature(0.5).withTopK(7).withTopP(0.8);

        // then the new values are kept, and an invalid one is still refused
        assertEquals(new SamplingConfig(0.5, 7, 0.8), changed);
        assertThrows(IllegalArgumentException.class, () -> c.withTopP(2));
    }
}
