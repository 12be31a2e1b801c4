package dev.logitlab.ui.surface;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State of the Loss surface view: the settings (grid, range, axes), the last computed surface, the
 * progress of a grid on its way (which can be cancelled), and a message when there is nothing to show.
 * The grid runs on the engine's compute thread; progress arrives here at most 20 times a second.
 */
public final class SurfaceViewModel {
    public static final String NO_SURFACE = "Train a MiniGPT, RNN or GPT, then click Compute to see the loss around the weights it found.";

    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final IntegerProperty grid = new SimpleIntegerProperty(LossSurface.DEFAULT_GRID);
    private final DoubleProperty range = new SimpleDoubleProperty(LossSurface.DEFAULT_RANGE);
    private final ObjectProperty<LossSurface.Axes> axes = new SimpleObjectProperty<>(LossSurface.Axes.RANDOM);
    private final ObjectProperty<LossSurface.Result> result = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(NO_SURFACE);
    private final BooleanProperty stale = new SimpleBooleanProperty(false);
    private final Throttle<Double> progressThrottle;
    private AtomicBoolean cancelled = new AtomicBoolean();
    private long seed = 1;

    public SurfaceViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.progressThrottle = new Throttle<>(dispatcher, 50, batch -> { if (busy.get()) progress.set(batch.get(batch.size() - 1)); });
    }

    /** Measures the surface with the current settings; ignored while one is on its way. */
    public void compute() {
        if (busy.get()) return;
        LossSurface.Settings settings;
        try {
            settings = new LossSurface.Settings(grid.get(), range.get(), seed);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        cancelled = cancel;
        busy.set(true);
        progress.set(0);
        int points = settings.grid() * settings.grid();
        status.set(String.format(Locale.ROOT, "Measuring the loss at %,d points…", points));
        long start = System.nanoTime();
        engine.lossSurface(axes.get(), settings,
                        (done, total) -> progressThrottle.offer(done / (double) total, done == total),
                        cancel::get)
                .whenComplete((r, failure) -> dispatcher.run(() -> {
                    try {
                        finish(r, failure, start);
                    } finally {
                        busy.set(false);   // last: whoever waits for it sees the outcome
                    }
                }));
    }

    private void finish(LossSurface.Result r, Throwable failure, long start) {
        if (failure != null) {
            Throwable c = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (c instanceof CancellationException) {
                status.set("Cancelled." + (result.get() == null ? "" : " The surface shown is the previous one."));
            } else {
                String text = c.getMessage() == null ? c.toString() : c.getMessage();
                status.set(text);
                if (result.get() == null) message.set(text.startsWith("There is no model yet") ? NO_SURFACE : text);
            }
            return;
        }
        progress.set(1);
        stale.set(false);
        result.set(r);
        message.set("");
        status.set(describe(r, (System.nanoTime() - start) / 1e9));
    }

    /** Stops the grid on its way after the point being measured; the weights are restored. */
    public void cancel() {
        cancelled.set(true);
    }

    /** A new model (trained or opened): the surface shown belongs to the previous one. */
    public void modelChanged() {
        if (result.get() != null) stale.set(true);
    }

    /** Shows a line in the status (the outcome of an export). */
    public void report(String text) {
        status.set(text);
    }

    /** A different pair of random directions next time. */
    public void newDirections() {
        seed++;
    }

    /** The grid as CSV (alpha,beta,loss), or null when there is none. */
    public String csv() {
        LossSurface.Result r = result.get();
        return r == null ? null : r.toCsv();
    }

    static String describe(LossSurface.Result r, double seconds) {
        String axesText = r.axes() == LossSurface.Axes.PCA
                ? String.format(Locale.ROOT, "PCA axes (%.1f%% and %.1f%% of the path's variance, %d checkpoints)",
                100 * r.explained()[0], 100 * r.explained()[1], r.path().length)
                : "random filter-normalised axes";
        return String.format(Locale.ROOT, "%d×%d grid · %s · %,d targets · loss here %s (lowest %s, highest %s) · %.1f s",
                r.grid(), r.grid(), axesText, r.evalTargets(), loss(r.centreLoss()), loss(r.minLoss()), loss(r.maxLoss()), seconds);
    }

    /** Four significant digits; tiny losses in scientific notation. */
    static String loss(double v) {
        return v >= 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    public IntegerProperty gridProperty() { return grid; }
    public DoubleProperty rangeProperty() { return range; }
    public ObjectProperty<LossSurface.Axes> axesProperty() { return axes; }
    public ReadOnlyObjectProperty<LossSurface.Result> resultProperty() { return result; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    /** 0..1 while a grid is measured. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Why there is no surface to show; empty when there is one. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    /** Whether the surface shown was measured on a model that has since been replaced. */
    public ReadOnlyBooleanProperty staleProperty() { return stale; }
}
