package dev.logitlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --checkpoint-every reads a duration, and anything else is refused in one line before training. */
class CheckpointsTest {

    @Test
    void durationsInSecondsMinutesAndHours() {
        assertEquals(Duration.ofMinutes(5), Checkpoints.parse("5m"));
        assertEquals(Duration.ofSeconds(30), Checkpoints.parse("30s"));
        assertEquals(Duration.ofSeconds(90), Checkpoints.parse("90"));
        assertEquals(Duration.ofMinutes(90), Checkpoints.parse("1.5h"));
        assertEquals(Duration.ZERO, Checkpoints.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1m", "soon", "NaN", "1000h", ""})
    void anythingElseIsRefusedNamingTheOption(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.parse(text));
        assertTrue(e.getMessage().contains("--checkpoint-every"), e.getMessage());
    }

    @Test
    void theCliRefusesABadDurationAsAUsageError() {
        Cli r = Cli.run("train", "--corpus", "datasets/pt-everyday.txt", "--checkpoint-every", "soon");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("--checkpoint-every"), r.err());
    }
}
