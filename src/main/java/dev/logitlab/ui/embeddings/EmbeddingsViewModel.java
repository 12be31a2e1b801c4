package dev.logitlab.ui.embeddings;

import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.inspect.EmbeddingProjection;
import dev.logitlab.ui.common.LiveInspection;
import dev.logitlab.ui.common.Throttle;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * State of the Embeddings view: the current model's token embeddings projected to 2-D and 3-D, the
 * token the search field names, and a message when there is nothing to show. The projection is
 * fetched when the view is shown, when a run ends, and at most once a second while a run trains
 * (computed on the compute thread between two steps). Requests never pile up. A projection on its way
 * reports its progress and can be cancelled (the previous one stays); the bar shows only once it has
 * taken {@link #PROGRESS_DELAY_MILLIS} ms, so the quick refreshes during training do not flicker.
 */
public final class EmbeddingsViewModel implements InspectModel {
    public static String noModel() { return tr("embeddings.train_a_minigpt_rnn_or"); }
    static final long LIVE_MILLIS = 1000;
    /** The 3-D view draws at most this many tokens (the most frequent): a sphere each. */
    public static final int MAX_3D_POINTS = 400;
    /** A projection shows its progress bar (and Cancel) once it has been on its way this long. */
    static final long PROGRESS_DELAY_MILLIS = 300;
    public static String cancelled() { return tr("embeddings.cancelled_the_projection_shown_is"); }

    private final Engine engine;
    private final ObjectProperty<EmbeddingProjection> projection = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty highlighted = new SimpleIntegerProperty(-1);
    private final StringProperty explained = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(noModel());
    private final BooleanProperty slow = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final LiveInspection<EmbeddingProjection> inspection;
    private final Throttle<Double> progressThrottle;
    private long startNanos;
    private int[] byFrequency = new int[0];

    public EmbeddingsViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.inspection = new LiveInspection<>(dispatcher, LIVE_MILLIS, this::fetch, new Shown());
        this.progressThrottle = new Throttle<>(dispatcher, 50, batch -> showProgress(batch.get(batch.size() - 1)));
        search.addListener(o -> findSearched());
        projection.addListener(o -> findSearched());
    }

    /** The view-model as the Inspect tab registers it (see {@code ui.InspectTab}). */
    public static EmbeddingsViewModel of(InspectContext ctx) {
        return new EmbeddingsViewModel(ctx.engine(), ctx.dispatcher());
    }

    @Override public void runFinished() { refresh(); }

    /** Fetches the projection of the current model, unless the view is hidden (it fetches when shown). */
    public void refresh() {
        inspection.refresh();
    }

    /** Starts one projection on the compute thread, with its progress shown once it takes long enough to need a bar. */
    private java.util.concurrent.CompletableFuture<EmbeddingProjection> fetch(LiveInspection.Request request) {
        progress.set(0);
        slow.set(false);
        startNanos = System.nanoTime();
        return engine.embeddings(done -> progressThrottle.offer(done, done >= 1), request.cancelled());
    }

    private final class Shown implements LiveInspection.Outcome<EmbeddingProjection> {
        @Override public void result(EmbeddingProjection p, LiveInspection.Request request) {
            status.set("");
            progress.set(1);
            show(p);
            message.set("");
            slow.set(false);
        }
        @Override public void failure(Throwable failure) {
            status.set("");
            show(null);
            message.set(message(failure));
            slow.set(false);
        }
        @Override public void cancelled() {
            status.set(projection.get() == null ? tr("surface.cancelled") : EmbeddingsViewModel.cancelled());
            slow.set(false);
        }
    }

    /** On the FX thread: the share done, and the bar once the projection has taken long enough to need one. */
    private void showProgress(double done) {
        if (!inspection.busyProperty().get()) return;
        progress.set(done);
        if (!slow.get() && System.nanoTime() - startNanos >= PROGRESS_DELAY_MILLIS * 1_000_000) slow.set(true);
    }

    /** Stops the projection on its way (within a few milliseconds); the one shown stays. */
    public void cancel() {
        inspection.cancel();
    }

    /** Sets the projection, with the frequency order ready before any listener of the projection runs. */
    private void show(EmbeddingProjection p) {
        byFrequency = p == null ? new int[0] : order(p);
        explained.set(p == null ? "" : describeVariance(p));
        projection.set(p);
    }

    /** Called on each progress report of a training run: the points follow the model about once a second. */
    public void trainingProgressed() {
        inspection.trainingProgressed();
    }

    /** Token ids, most frequent first (ties by id): the ones labelled, and the ones the 3-D view draws. */
    public int[] mostFrequent(int n) {
        return Arrays.copyOf(byFrequency, Math.min(n, byFrequency.length));
    }

    /** "'gato' · id 12 · 7 times in the corpus". */
    public String describe(int id) {
        EmbeddingProjection p = projection.get();
        if (p == null || id < 0 || id >= p.size()) return "";
        int c = p.counts()[id];
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("embeddings.s_id_d_s"), p.tokens().get(id), p.ids()[id],
                c == 0 ? tr("embeddings.not_in_the_corpus") : c == 1 ? tr("embeddings.once_in_the_corpus") : String.format(dev.logitlab.ui.common.I18n.locale(), tr("embeddings.d_times_in_the_corpus"), c));
    }

    /** A token's frequency on a 0–1 scale for colouring: log(1 + count) / log(1 + most). */
    public double heat(int id) {
        EmbeddingProjection p = projection.get();
        if (p == null || byFrequency.length == 0) return 0;
        int most = p.counts()[byFrequency[0]];
        return most == 0 ? 0 : Math.log1p(p.counts()[id]) / Math.log1p(most);
    }

    private void findSearched() {
        EmbeddingProjection p = projection.get();
        String s = search.get() == null ? "" : search.get().strip();
        if (p == null || s.isEmpty()) {
            highlighted.set(-1);
            return;
        }
        int exact = -1, prefix = -1, ignoringCase = -1;
        for (int id : byFrequency) {
            String t = p.tokens().get(id).strip();
            if (t.equals(s)) { exact = id; break; }
            if (ignoringCase < 0 && t.equalsIgnoreCase(s)) ignoringCase = id;
            if (prefix < 0 && t.toLowerCase(Locale.ROOT).startsWith(s.toLowerCase(Locale.ROOT))) prefix = id;
        }
        highlighted.set(exact >= 0 ? exact : ignoringCase >= 0 ? ignoringCase : prefix);
    }

    private static int[] order(EmbeddingProjection p) {
        int[] counts = p.counts();
        return IntStream.range(0, p.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    static String describeVariance(EmbeddingProjection p) {
        double[] e = p.explained();
        return String.format(dev.logitlab.ui.common.I18n.locale(), tr("embeddings.d_tokens_d_dimensions_explained"),
                p.size(), p.dimensions(), 100 * e[0], 100 * e[1], 100 * e[2], 100 * (e[0] + e[1]), 100 * (e[0] + e[1] + e[2]));
    }

    private static String message(Throwable t) {
        return Failures.isNoModel(t) ? noModel() : Failures.message(t);
    }

    public ReadOnlyObjectProperty<EmbeddingProjection> projectionProperty() { return projection; }
    /** Text to look for; {@link #highlightedProperty()} is the token it names (exact, then ignoring case, then by prefix). */
    public StringProperty searchProperty() { return search; }
    /** The token the search names, or −1. */
    public ReadOnlyIntegerProperty highlightedProperty() { return highlighted; }
    /** One line: how much of the spread the two and three directions shown explain. */
    public ReadOnlyStringProperty explainedProperty() { return explained; }
    /**
     * Call before a language switch and run what it returns after it: a placeholder the view-model still
     * shows (set in the old language) is said again in the new one.
     */
    public Runnable relabel() {
        Runnable model = I18n.sayAgain(message, EmbeddingsViewModel::noModel), stop = I18n.sayAgain(status, EmbeddingsViewModel::cancelled);
        return () -> { model.run(); stop.run(); };
    }
    /** Why there is no picture (no model yet, an n-gram model, an error); empty when there is one. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return inspection.busyProperty(); }
    /** 0..1 while a projection is on its way (1 once it has arrived). */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    /** Whether the projection on its way has taken long enough to show its progress bar and Cancel. */
    public ReadOnlyBooleanProperty progressShownProperty() { return slow; }
    /** "Cancelled. The projection shown is the previous one." after a cancel; empty otherwise. */
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Whether the view is on screen; while it is not, refreshes are skipped (and one is made when it shows). */
    public BooleanProperty activeProperty() { return inspection.activeProperty(); }
}
