package dev.logitlab.ui.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a job hands over before its handle is recorded waits, then passes on in order. */
class StartGateTest {
    @Test
    void workBeforeOpenIsHeldThenPassedOnInOrder() {
        List<String> done = new ArrayList<>();
        StartGate gate = new StartGate(UiDispatcher.DIRECT);
        gate.run(() -> done.add("first event"));
        gate.run(() -> done.add("second event"));
        assertEquals(List.of(), done, "nothing runs before the handle is recorded");

        done.add("handle recorded");
        gate.open();
        gate.run(() -> done.add("later event"));

        assertEquals(List.of("handle recorded", "first event", "second event", "later event"), done);
    }
}
