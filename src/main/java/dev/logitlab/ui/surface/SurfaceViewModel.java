package dev.logitlab.ui.surface;

import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.LossSurface;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State of the Loss surface view: the settings (grid, range, axes), the last computed surface, the
 * progress of a grid on its way (which can be cancelled), and a message when there is nothing to show.
 * The grid runs on the engine's compute thread; progress arrives here at most 20 times a second.
 *
 * <p>While the view is on screen and "Follow training" is on, the surface follows the model: during a
 * run, a coarse preview ({@value #LIVE_GRID}×{@value #LIVE_GRID} at most, on {@value #LIVE_TARGETS}
 * targets) is measured between two training steps, each costing at most {@value #LIVE_SHARE_PERCENT}%
 * of the training time since the previous one; when the run ends (or a model is opened, or the view
 * comes back on screen with an outdated surface), the full grid is measured.
 */
public final class SurfaceViewModel implements InspectModel {
    public static String noSurface() { return tr("surface.train_a_minigpt_rnn_or"); }

    private final Engine engine;
    private final UiDispatcher dispatcher;
    private final IntegerProperty grid = new SimpleIntegerProperty(LossSurface.DEFAULT_GRID);
    private final DoubleProperty range = new SimpleDoubleProperty(LossSurface.DEFAULT_RANGE);
    private final ObjectProperty<LossSurface.Axes> axes = new SimpleObjectProperty<>(LossSurface.Axes.RANDOM);
    private final ObjectProperty<LossSurface.Result> result = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(noSurface());
    private final BooleanProperty stale = new SimpleBooleanProperty(false);
    private final Throttle<Double> progressThrottle;
    private AtomicBoolean cancelled = new AtomicBoolean();
    private long seed = 1;

    /** The live preview while training: its grid, its sample of targets, and its share of the run's time. */
    public static final int LIVE_GRID = 15, LIVE_FIRST_GRID = 5, LIVE_TARGETS = 512, LIVE_SHARE_PERCENT = 5;
    /** At most one preview every this many milliseconds, however cheap. */
    static final long LIVE_MIN_MILLIS = 2000;
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private boolean training, liveBusy, outdated;
    private long nextLiveAt, lastLiveEnd;
    private double pointNanos = -1;

    public SurfaceViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.progressThrottle = new Throttle<>(dispatcher, 50, batch -> { if (busy.get()) progress.set(batch.get(batch.size() - 1)); });
        active.addListener((o, a, b) -> followModel());
        follow.addListener((o, a, b) -> followModel());
    }

    /** The view-model as the Inspect tab registers it (see {@code ui.InspectTab}). */
    public static SurfaceViewModel of(InspectContext ctx) {
        return new SurfaceViewModel(ctx.engine(), ctx.dispatcher());
    }

    @Override public void runStarted() { trainingStarted(); }

    @Override public void runEnded() { trainingEnded(); }

    @Override public void modelReplaced() { modelChanged(); }

    /** A run starts: the surface shown is the previous model's; previews follow while it trains. */
    public void trainingStarted() {
        training = true;
        modelChanged();
        long now = System.nanoTime();
        lastLiveEnd = now;
        pointNanos = -1;   // a new model: its cost per point is not known yet
        nextLiveAt = now + 1_000_000_000L;   // let the first steps move away from the start
    }

    /** The run ended (finished, stopped or failed): the full grid follows if the view is on screen. */
    public void trainingEnded() {
        training = false;
        followModel();
    }

    /**
     * Called on each progress report of a run: measures a coarse preview between two training steps
     * if the view is on screen and follows training. A preview may cost at most
     * {@value #LIVE_SHARE_PERCENT}% of the training time since the last one: the first is
     * {@value #LIVE_FIRST_GRID}×{@value #LIVE_FIRST_GRID} (which measures the cost of a point), the
     * next ones as fine as that budget allows, up to {@value #LIVE_GRID}×{@value #LIVE_GRID}.
     */
    public void trainingProgressed() {
        long now = System.nanoTime();
        if (!training || !active.get() || !follow.get() || busy.get() || liveBusy || now < nextLiveAt) return;
        int g = liveGrid((now - lastLiveEnd) * LIVE_SHARE_PERCENT / 100, pointNanos, grid.get());
        if (g == 0) return;   // not yet enough training since the last preview to pay for the next
        LossSurface.Settings settings;
        try {
            settings = new LossSurface.Settings(g, range.get(), seed);
        } catch (IllegalArgumentException e) {
            return;   // Compute reports bad settings
        }
        liveBusy = true;
        AtomicBoolean cancel = new AtomicBoolean();
        cancelled = cancel;
        long[] firstLast = new long[2];   // when the first and the last point were measured (compute thread)
        engine.lossSurface(axes.get(), settings, LIVE_TARGETS, (done, total) -> {
                    if (done == 1) firstLast[0] = System.nanoTime();
                    firstLast[1] = System.nanoTime();
                }, cancel::get)
                .whenComplete((r, failure) -> dispatcher.run(() -> {
                    liveBusy = false;
                    long end = System.nanoTime();
                    lastLiveEnd = end;
                    nextLiveAt = end + LIVE_MIN_MILLIS * 1_000_000L;
                    if (failure != null) {
                        // an n-gram model, or PCA before the path has three checkpoints: say it only if nothing is shown
                        if (result.get() == null && !Failures.isCancellation(failure)) message.set(Failures.message(failure));
                        return;
                    }
                    int points = g * g;
                    pointNanos = (firstLast[1] - firstLast[0]) / (double) (points - 1);
                    if (!training) return;   // the full grid of the finished run is on its way
                    status.set(tr("surface.following_training") + describe(r, points * pointNanos / 1e9)
                            + tr("surface.a_coarse_preview_the_full"));
                    stale.set(false);
                    message.set("");
                    result.set(r);
                }));
    }

    /**
     * The finest odd grid (at most {@value #LIVE_GRID}, and at most the user's) whose points cost no more
     * than {@code budgetNanos} at {@code pointNanos} each; {@value #LIVE_FIRST_GRID} while the cost of a
     * point is unknown (negative); 0 when even the coarsest preview would cost more than the budget.
     */
    static int liveGrid(long budgetNanos, double pointNanos, int userGrid) {
        int most = Math.min(userGrid, LIVE_GRID), least = Math.min(userGrid, LIVE_FIRST_GRID);
        if (pointNanos < 0) return least;
        int g = (int) Math.floor(Math.sqrt(budgetNanos / Math.max(pointNanos, 1)));
        if (g % 2 == 0) g--;
        g = Math.min(g, most);
        return g >= least ? g : 0;
    }

    /** Measures the full grid when the surface shown is outdated, the view is on screen and follows training. */
    private void followModel() {
        if (outdated && !training && active.get() && follow.get() && !busy.get()) compute();
    }

    /** Measures the surface with the current settings; ignored while one is on its way. */
    public void compute() {
        if (busy.get()) return;
        outdated = false;
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
        status.set(String.format(dev.logitlab.ui.common.I18n.locale(), tr("surface.measuring_the_loss_at_d"), points));
        if (result.get() == null) message.set(status.get());   // the placeholder says it is computing, not "train, then click Compute"
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
            if (Failures.isCancellation(failure)) {
                status.set(tr("surface.cancelled") + (result.get() == null ? "" : tr("surface.the_surface_shown_is_the")));
            } else {
                String text = Failures.message(failure);
                status.set(text);
                if (result.get() == null) message.set(Failures.isNoModel(failure) ? noSurface() : text);
            }
            return;
        }
        progress.set(1);
        status.set(describe(r, (System.nanoTime() - start) / 1e9));
        stale.set(false);
        message.set("");
        result.set(r);
    }

    /** Stops the grid on its way after the point being measured; the weights are restored. */
    public void cancel() {
        cancelled.set(true);
    }

    /** A new model (trained or opened): the surface shown belongs to the previous one. */
    public void modelChanged() {
        if (result.get() != null) stale.set(true);
        outdated = true;
        followModel();
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
                ? String.format(dev.logitlab.ui.common.I18n.locale(), tr("surface.pca_axes_1f_and_1f"),
                100 * r.explained()[0], 100 * r.explained()[1], r.path().length)
                : tr("surface.random_filter_normalised_axes");
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("surface.d_d_grid_s_d"),
                r.grid(), r.grid(), axesText, r.evalTargets(), loss(r.centreLoss()), loss(r.minLoss()), loss(r.maxLoss()), seconds);
    }

    /** Four significant digits; tiny losses in scientific notation. */
    static String loss(double v) {
        return v >= 1e-3 || v == 0 ? String.format(dev.logitlab.ui.common.I18n.locale(), "%.4f", v) : String.format(dev.logitlab.ui.common.I18n.locale(), "%.2e", v);
    }

    /** Whether the view is on screen (bound by the window); nothing is measured by itself while it is not. */
    public BooleanProperty activeProperty() { return active; }
    /** Whether the surface follows the model by itself (previews while training, the full grid after). */
    public BooleanProperty followProperty() { return follow; }
    public IntegerProperty gridProperty() { return grid; }
    public DoubleProperty rangeProperty() { return range; }
    public ObjectProperty<LossSurface.Axes> axesProperty() { return axes; }
    public ReadOnlyObjectProperty<LossSurface.Result> resultProperty() { return result; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    /** 0..1 while a grid is measured. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /**
     * Call before a language switch and run what it returns after it: a placeholder the view-model still
     * shows (set in the old language) is said again in the new one.
     */
    public Runnable relabel() {
        return I18n.sayAgain(message, SurfaceViewModel::noSurface);
    }
    /** Why there is no surface to show; empty when there is one. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    /** Whether the surface shown was measured on a model that has since been replaced. */
    public ReadOnlyBooleanProperty staleProperty() { return stale; }
}
