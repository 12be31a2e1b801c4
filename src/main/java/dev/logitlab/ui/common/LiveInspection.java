package dev.logitlab.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The loop every inspect view shares: fetch a reading of the current model from the engine, show it
 * on the FX thread, and follow a training run live without flooding anything. The rules, once:
 * <ul>
 *   <li>nothing is fetched while the view is hidden ({@link #activeProperty()}); showing it fetches;</li>
 *   <li>requests never pile up: while one is on its way, later ones collapse into one follow-up
 *       (a full reading wins over a live one);</li>
 *   <li>while a run trains, {@link #trainingProgressed()} fetches a live reading at most once per
 *       interval, and no sooner than ten times what the last reading cost after it, so that a view
 *       on screen takes at most about a tenth of the training time; a live reading may also be
 *       cheaper (fewer targets, a coarser grid);</li>
 *   <li>{@link #cancel()} asks the reading under way to stop; the view keeps what it showed.</li>
 * </ul>
 * Runs on the FX thread (or a test's direct dispatcher); the fetch is asynchronous.
 *
 * @param <T> what one reading is (attention maps, predictions, a projection…)
 */
public final class LiveInspection<T> {
    /** One request: whether it is a live (cheaper) reading, and the cancel flag the engine polls. */
    public record Request(boolean live, BooleanSupplier cancelled) {}

    /** What the view-model does with the outcome; each runs on the FX thread. */
    public interface Outcome<T> {
        void result(T value, Request request);
        void failure(Throwable failure);
        /** The reading was cancelled: by default nothing changes, the previous reading stays. */
        default void cancelled() {}
    }

    private final UiDispatcher dispatcher;
    private final Function<Request, CompletableFuture<T>> fetch;
    private final Outcome<T> outcome;
    private final Throttle<Boolean> live;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private boolean again, againLive;
    private volatile boolean cancelRequested;
    private long lastCostNanos, lastDoneNanos;

    public LiveInspection(UiDispatcher dispatcher, long liveMillis, Function<Request, CompletableFuture<T>> fetch, Outcome<T> outcome) {
        this.dispatcher = dispatcher;
        this.fetch = fetch;
        this.outcome = outcome;
        long interval = liveMillis * 1_000_000;
        this.live = new Throttle<>(dispatcher, liveMillis, ticks -> {
            if (System.nanoTime() - lastDoneNanos >= Math.max(interval, 10 * lastCostNanos)) fetch(true);
        });
        active.addListener((o, a, b) -> { if (b) refresh(); });
    }

    /** A full reading now (or as soon as the one under way ends); skipped while the view is hidden. */
    public void refresh() { fetch(false); }

    /** Called on each progress report of a run (any thread): a live reading follows at most once per interval. */
    public void trainingProgressed() { live.offer(Boolean.TRUE, false); }

    /** Asks the reading under way to stop (the engine polls the flag); a queued follow-up is dropped. */
    public void cancel() {
        if (!busy.get()) return;
        again = false;
        cancelRequested = true;
    }

    private void fetch(boolean liveReading) {
        if (!active.get()) return;
        if (busy.get()) {
            againLive = again ? againLive && liveReading : liveReading;
            again = true;
            return;
        }
        busy.set(true);
        again = false;
        cancelRequested = false;
        Request request = new Request(liveReading, () -> cancelRequested);
        long start = System.nanoTime();
        CompletableFuture<T> f;
        try {
            f = fetch.apply(request);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((value, failure) -> dispatcher.run(() -> {
            lastDoneNanos = System.nanoTime();
            boolean cancelled = failure != null && Failures.isCancellation(failure);
            // a cancelled reading cost at least this much: the next live one waits for it
            lastCostNanos = cancelled ? Math.max(lastCostNanos, lastDoneNanos - start) : lastDoneNanos - start;
            try {
                if (cancelled) outcome.cancelled();
                else if (failure != null) outcome.failure(failure);
                else outcome.result(value, request);
            } finally {
                busy.set(false);   // last: whoever waits for it sees the outcome
            }
            if (again) fetch(againLive);
        }));
    }

    /** Whether a reading is on its way. */
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    /** Whether the view is on screen; while it is not, readings are skipped (and one is made when it shows). */
    public BooleanProperty activeProperty() { return active; }
}
