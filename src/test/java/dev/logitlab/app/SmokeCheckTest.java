package dev.logitlab.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeCheckTest {

    @ParameterizedTest(name = "property \"{0}\", LOGITLAB_SMOKE \"{1}\" → {2}")
    @CsvSource({
            "'',    '',    false",   // neither: a normal start
            "true,  '',    true",    // -Dlogitlab.smoke=true
            "'',    1,     true",    // the installed launcher's way: the environment
            "'',    true,  true",
            "'',    0,     false",
            "false, '',    false",
    })
    void isRequestedByAPropertyOrTheEnvironment(String property, String env, boolean expected) {
        Properties p = new Properties();
        if (!property.isEmpty()) p.setProperty("logitlab.smoke", property);
        Map<String, String> e = env.isEmpty() ? Map.of() : Map.of("LOGITLAB_SMOKE", env);
        assertEquals(expected, SmokeCheck.requested(p, e));
    }

    @Test
    void reportsTheTimeToWindowAndTheCorpusInOneLine() {
        // given the default corpus and a window up 2.345 s after the process started
        String line = SmokeCheck.report(Duration.ofMillis(2345), "Portuguese · everyday sentences", "88 sentences · 612 words");
        // then one line says both
        assertEquals("logitlab: window up in 2.3 s · corpus \"Portuguese · everyday sentences\" 88 sentences · 612 words", line);
    }

    @ParameterizedTest(name = "LOGITLAB_SMOKE_HOLD \"{0}\" → {1} s")
    @CsvSource({
            "'',   0",     // unset: close at once
            "3,    3",     // long enough for a screenshot
            "-2,   0",     // nonsense is no hold
            "soon, 0",
    })
    void holdsTheWindowAsLongAsAsked(String hold, double expected) {
        Map<String, String> env = hold.isEmpty() ? Map.of() : Map.of("LOGITLAB_SMOKE_HOLD", hold);
        assertEquals(expected, SmokeCheck.holdSeconds(env));
    }

    @Test
    void aWindowIsPaintedWhenItsPixelsShowMoreThanAHandfulOfColours() {
        // given the blank window an X server shows before the first frame: one colour
        int[] blank = new int[400];
        java.util.Arrays.fill(blank, 0xffffffff);
        // and a drawn one: text, buttons, borders
        int[] drawn = java.util.stream.IntStream.range(0, 400).map(i -> 0xff000000 | (i * 40503)).toArray();
        // then only the drawn one counts
        assertEquals(false, SmokeCheck.painted(blank));
        assertEquals(true, SmokeCheck.painted(drawn));
    }
}
