package dev.logitlab.ui.attention;

import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.Engine;
import dev.logitlab.model.AttentionMaps;
import dev.logitlab.ui.common.LiveInspection;
import dev.logitlab.ui.common.UiDispatcher;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/**
 * State of the Attention view: the attention maps the current model computed when it read the
 * prompt, which one is enlarged (a head, or the average of a layer's heads), and a message when
 * there is nothing to show. The maps are fetched again when the prompt changes, when the view is
 * shown, when a run ends, and at most once a second while a run trains ({@link #trainingProgressed}).
 * Requests never pile up: while one is on its way, later ones collapse into a single follow-up.
 */
public final class AttentionViewModel implements InspectModel {
    /** {@link #selectedHeadProperty()} for the average over a layer's heads. */
    public static final int AVERAGE = -1;
    public static String noModel() { return tr("attention.train_a_gpt_then_come"); }
    static final long LIVE_MILLIS = 1000;

    private final Engine engine;
    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObjectProperty<AttentionMaps> maps = new SimpleObjectProperty<>();
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(0);
    private final IntegerProperty selectedHead = new SimpleIntegerProperty(0);
    private final ObjectProperty<float[]> selectedMatrix = new SimpleObjectProperty<>();
    private final StringProperty selectedTitle = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(noModel());
    private final LiveInspection<AttentionMaps> inspection;

    public AttentionViewModel(Engine engine, UiDispatcher dispatcher) {
        this.engine = engine;
        this.inspection = new LiveInspection<>(dispatcher, LIVE_MILLIS,
                request -> engine.attention(prompt.get() == null ? "" : prompt.get().strip()),
                new LiveInspection.Outcome<>() {
                    @Override public void result(AttentionMaps m, LiveInspection.Request request) {
                        maps.set(m);
                        message.set("");
                        status.set(tr("attention.d_layer_s_d_head", m.layers(), m.heads(), m.length(), String.join(" ", m.tokens())));
                    }
                    @Override public void failure(Throwable failure) {
                        maps.set(null);
                        message.set(message(failure));
                        status.set("");
                    }
                });
        prompt.addListener((o, a, b) -> refresh());
        maps.addListener(o -> updateSelection());
        selectedLayer.addListener(o -> updateSelection());
        selectedHead.addListener(o -> updateSelection());
    }

    /** The view-model as the Inspect tab registers it (see {@code ui.InspectTab}). */
    public static AttentionViewModel of(InspectContext ctx) {
        AttentionViewModel m = new AttentionViewModel(ctx.engine(), ctx.dispatcher());
        m.promptProperty().bindBidirectional(ctx.prompt());   // one prompt for Completion and Attention
        return m;
    }

    @Override public void runFinished() { refresh(); }

    /**
     * Fetches the maps for the current prompt, unless the view is hidden (it fetches when shown).
     * An empty prompt is fine: the model then reads [BOS] alone.
     */
    public void refresh() {
        inspection.refresh();
    }

    /** Called on each progress report of a training run: the maps follow the model about once a second. */
    public void trainingProgressed() {
        inspection.trainingProgressed();
    }

    /** Enlarges one map: a head, or {@link #AVERAGE} for the mean of the layer's heads. */
    public void select(int layer, int head) {
        selectedLayer.set(layer);
        selectedHead.set(head);
    }

    /** The [T, T] weights of one head, or of the mean over the layer's heads, row-major; null without maps. */
    public float[] matrix(int layer, int head) {
        AttentionMaps m = maps.get();
        if (m == null) return null;
        return head == AVERAGE ? m.averageOverHeads(layer) : m.weights()[layer][head].clone();
    }

    /** What the pointer over cell (query i, key j) of the enlarged map reads: "query 'x' → key 'y': 0.734". */
    public String describe(int i, int j) {
        AttentionMaps m = maps.get();
        float[] w = selectedMatrix.get();
        if (m == null || w == null || i < 0 || j < 0 || i >= m.length() || j >= m.length()) return "";
        String q = m.tokens().get(i), k = m.tokens().get(j);
        if (j > i) return String.format(I18n.locale(), tr("attention.query_s_key_s_masked"), q, k);
        return String.format(I18n.locale(), tr("attention.query_s_key_s_3f"), q, k, w[i * m.length() + j]);
    }

    private void updateSelection() {
        AttentionMaps m = maps.get();
        if (m == null) {
            selectedMatrix.set(null);
            selectedTitle.set("");
            return;
        }
        // a new model may have fewer layers or heads than the one selected
        if (selectedLayer.get() >= m.layers() || selectedLayer.get() < 0) { selectedLayer.set(0); return; }
        if (selectedHead.get() >= m.heads() || selectedHead.get() < AVERAGE) { selectedHead.set(0); return; }
        int l = selectedLayer.get(), h = selectedHead.get();
        selectedMatrix.set(matrix(l, h));
        selectedTitle.set(h == AVERAGE
                ? String.format(I18n.locale(), tr("attention.layer_d_average_of_its"), l + 1, m.heads())
                : String.format(I18n.locale(), tr("attention.layer_d_head_d"), l + 1, h + 1));
    }

    private static String message(Throwable t) {
        return Failures.isNoModel(t) ? noModel() : Failures.message(t);
    }

    /** The prompt the maps are computed for (the window binds it to the Completion tab's prompt). */
    public StringProperty promptProperty() { return prompt; }
    public ReadOnlyObjectProperty<AttentionMaps> mapsProperty() { return maps; }
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }
    /** A head index, or {@link #AVERAGE}. */
    public IntegerProperty selectedHeadProperty() { return selectedHead; }
    /** The enlarged map's [T, T] weights; null when there are no maps. */
    public ReadOnlyObjectProperty<float[]> selectedMatrixProperty() { return selectedMatrix; }
    public ReadOnlyStringProperty selectedTitleProperty() { return selectedTitle; }
    /** One line about the maps shown (their shape and the tokens read). */
    public ReadOnlyStringProperty statusProperty() { return status; }
    /**
     * Call before a language switch and run what it returns after it: a placeholder the view-model still
     * shows (set in the old language) is said again in the new one.
     */
    public Runnable relabel() {
        return I18n.sayAgain(message, AttentionViewModel::noModel);
    }
    /** Why there are no maps (no model yet, a model without attention, an error); empty when there are. */
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return inspection.busyProperty(); }
    /** Whether the view is on screen; while it is not, refreshes are skipped (and one is made when it shows). */
    public BooleanProperty activeProperty() { return inspection.activeProperty(); }
}
