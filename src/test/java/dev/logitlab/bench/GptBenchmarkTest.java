package dev.logitlab.bench;

import dev.logitlab.model.gpt.GptSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark runs end to end and reports consistent figures (a smoke test on a tiny model, not a timing). */
class GptBenchmarkTest {

    @Test
    void aTinyRunReportsPositiveRatesAndThePeersFlopCount() {
        // given a tiny spec
        GptSpec spec = new GptSpec(50, 8, 2, 2, 16, 32, 0.1);

        // when it is benchmarked for a few steps
        GptBenchmark.Result r = GptBenchmark.run(spec, 4, 5, 1);

        // then every rate is positive and the FLOPs follow the peer script's formula
        assertTrue(r.stepMillis() > 0 && r.trainTokensPerSecond() > 0 && r.inferMillis() > 0);
        assertTrue(r.generateTokensPerSecond() > 0 && r.cachedTokensPerSecond() > 0);
        double perToken = 2 * (2 * 4 * 16 * 16 + 2 * 2 * 16 * 32 + 2 * 2 * 8 * 16) + 2 * 16 * 50;
        assertEquals(3 * perToken * 4 * 8, r.flopsPerStep(), 1e-6);
        assertEquals(4 * 8 / (r.stepMillis() / 1e3), r.trainTokensPerSecond(), 1e-6);
    }
}
