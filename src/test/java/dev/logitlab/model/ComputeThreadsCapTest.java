package dev.logitlab.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComputeThreadsCapTest {

    @AfterEach
    void forgetTheProperty() {
        System.clearProperty("logitlab.threads");
    }

    @ParameterizedTest(name = "-Dlogitlab.threads=\"{0}\" → cap {1}")
    @CsvSource({
            "'',   2147483647",   // absent: each model's own choice stands
            "1,    1",            // a busy machine: one thread
            "' 2', 2",            // spaces are forgiven
            "0,    2147483647",   // not a thread count: ignored
            "many, 2147483647",
    })
    void capsThreadsWithASystemProperty(String value, int expected) {
        if (!value.isEmpty()) System.setProperty("logitlab.threads", value);
        assertEquals(expected, ComputeThreads.cap());
    }
}
