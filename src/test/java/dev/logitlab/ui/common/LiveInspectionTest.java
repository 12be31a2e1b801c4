package dev.logitlab.ui.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared loop of the inspect views, against a fake engine whose readings the test completes by hand. */
class LiveInspectionTest {
    private final List<CompletableFuture<String>> asked = new ArrayList<>();
    private final List<LiveInspection.Request> requests = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private int failures, cancellations;

    private final LiveInspection<String> inspection = new LiveInspection<>(UiDispatcher.DIRECT, 1000, request -> {
        requests.add(request);
        CompletableFuture<String> f = new CompletableFuture<>();
        asked.add(f);
        return f;
    }, new LiveInspection.Outcome<>() {
        @Override public void result(String value, LiveInspection.Request request) { shown.add(value); }
        @Override public void failure(Throwable failure) { failures++; }
        @Override public void cancelled() { cancellations++; }
    });

    @Test
    void requestsWhileOneIsOnItsWayCollapseIntoOneFollowUp() {
        inspection.refresh();
        inspection.refresh();
        inspection.refresh();
        assertEquals(1, asked.size(), "one reading at a time");
        assertTrue(inspection.busyProperty().get());

        asked.get(0).complete("first");
        assertEquals(List.of("first"), shown);
        assertEquals(2, asked.size(), "the two later requests became one follow-up");
        asked.get(1).complete("second");
        assertEquals(List.of("first", "second"), shown);
        assertFalse(inspection.busyProperty().get());
    }

    @Test
    void aHiddenViewFetchesNothingUntilItIsShown() {
        inspection.activeProperty().set(false);
        inspection.refresh();
        assertEquals(0, asked.size());
        inspection.activeProperty().set(true);
        assertEquals(1, asked.size(), "showing the view fetches");
    }

    @Test
    void aCancelledReadingKeepsWhatWasShownAndDropsTheFollowUp() {
        inspection.refresh();
        inspection.refresh();                 // a follow-up waits
        inspection.cancel();
        assertTrue(requests.get(0).cancelled().getAsBoolean(), "the engine sees the flag");
        asked.get(0).completeExceptionally(new CancellationException("cancelled"));
        assertEquals(1, cancellations);
        assertEquals(List.of(), shown);
        assertEquals(1, asked.size(), "no follow-up after a cancel");
        assertFalse(inspection.busyProperty().get());
    }

    @Test
    void aFailureIsToldAndTheNextRequestStillRuns() {
        inspection.refresh();
        asked.get(0).completeExceptionally(new IllegalStateException("no model"));
        assertEquals(1, failures);
        inspection.refresh();
        assertEquals(2, asked.size());
        assertFalse(requests.get(1).live(), "a refresh is a full reading");
    }

    @Test
    void aFetchThatThrowsIsAFailureNotAStuckView() {
        LiveInspection<String> broken = new LiveInspection<>(UiDispatcher.DIRECT, 1000, r -> { throw new IllegalStateException("boom"); },
                new LiveInspection.Outcome<>() {
                    @Override public void result(String value, LiveInspection.Request request) {}
                    @Override public void failure(Throwable failure) { failures++; }
                });
        broken.refresh();
        assertEquals(1, failures);
        assertFalse(broken.busyProperty().get());
    }
}
