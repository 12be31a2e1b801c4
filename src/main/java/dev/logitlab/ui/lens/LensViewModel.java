package dev.logitlab.ui.lens;

import dev.logitlab.engine.Engine;
import dev.logitlab.engine.LensReading;
import dev.logitlab.model.LogitLens;
import dev.logitlab.ui.common.Failures;
import dev.logitlab.ui.common.I18n;
import dev.logitlab.ui.common.InspectContext;
import dev.logitlab.ui.common.InspectModel;
import dev.logitlab.ui.common.LiveInspection;
import dev.logitlab.ui.common.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;

import static dev.logitlab.ui.common.I18n.tr;

/**
 * State of the Logit lens view: the lens of the current GPT over the prompt (read again when the prompt
 * changes, when the view is shown, when a run ends, and about once a second while a run trains), how its
 * cells are coloured, and the top 10 of the cell last clicked.
 */
public final class LensViewModel implements InspectModel {
    /** The best tokens kept per cell: what a click shows. */
    public static final int TOP = 10;
    static final long LIVE_MILLIS = 1000;

    /** What a cell's colour says. */
    public enum Colour {
        /** The probability of the cell's own top-1 token. */
        PROBABILITY("lens.colour_probability"),
        /** The probability this layer gives the final layer's prediction. */
        FINAL_PROBABILITY("lens.colour_final_probability"),
        /** The final prediction's rank at this layer, on a log scale (dark: rank 1). */
        FINAL_RANK("lens.colour_final_rank"),
        /** KL(final ‖ this layer), scaled to the largest of the grid (dark: far from the final layer). */
        KL("lens.colour_kl");

        private final String key;

        Colour(String key) { this.key = key; }

        String label() { return tr(key); }
    }

    public static String noModel() { return tr("lens.train_a_gpt"); }

    private final StringProperty prompt = new SimpleStringProperty("");
    private final ObjectProperty<LensReading> reading = new SimpleObjectProperty<>();
    private final ObjectProperty<Colour> colour = new SimpleObjectProperty<>(Colour.PROBABILITY);
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty(noModel());
    private final LiveInspection<LensReading> inspection;

    public LensViewModel(Engine engine, UiDispatcher dispatcher) {
        this.inspection = new LiveInspection<>(dispatcher, LIVE_MILLIS,
                request -> engine.logitLens(prompt.get() == null ? "" : prompt.get().strip(), TOP),
                new LiveInspection.Outcome<>() {
                    @Override public void result(LensReading r, LiveInspection.Request request) {
                        reading.set(r);
                        message.set("");
                        details.set("");
                    }
                    @Override public void failure(Throwable failure) {
                        reading.set(null);
                        message.set(Failures.isNoModel(failure) ? noModel() : Failures.message(failure));
                        details.set("");
                    }
                });
        prompt.addListener((o, a, b) -> refresh());
    }

    /** The view-model as the Inspect tab registers it: one prompt for Completion, Attention and the lens. */
    public static LensViewModel of(InspectContext ctx) {
        LensViewModel m = new LensViewModel(ctx.engine(), ctx.dispatcher());
        m.promptProperty().bindBidirectional(ctx.prompt());
        return m;
    }

    @Override public void runFinished() { refresh(); }
    @Override public void trainingProgressed() { inspection.trainingProgressed(); }

    public void refresh() { inspection.refresh(); }

    /** A cell's colour value in [0, 1] (1 darkest) under the chosen colouring. */
    public double shade(int row, int position) {
        LensReading r = reading.get();
        if (r == null) return 0;
        LogitLens.Cell c = r.lens().cell(row, position);
        return switch (colour.get()) {
            case PROBABILITY -> c.topProbabilities()[0];
            case FINAL_PROBABILITY -> c.finalTokenProbability();
            case FINAL_RANK -> 1 - Math.log1p(c.finalTokenRank()) / Math.log(r.texts().size());
            case KL -> {
                double max = 0;
                for (int l = 0; l < r.lens().rows(); l++) {
                    for (int p = 0; p < r.lens().positions(); p++) max = Math.max(max, r.lens().cell(l, p).klToFinal());
                }
                yield max == 0 ? 0 : c.klToFinal() / max;
            }
        };
    }

    /** The top-1 token a cell shows. */
    public String topToken(int row, int position) {
        LensReading r = reading.get();
        return r == null ? "" : r.text(r.lens().cell(row, position).topIds()[0]);
    }

    /** Whether the model's final prediction at a position is the prompt's own next token. */
    public boolean finalMatchesTrueNext(int position) {
        LensReading r = reading.get();
        if (r == null || r.trueNext(position) == null) return false;
        LogitLens lens = r.lens();
        return lens.tokens()[position + 1] == lens.cell(lens.rows() - 1, position).finalToken();
    }

    /** Shows a cell's top 10 (a click). */
    public void select(int row, int position) {
        LensReading r = reading.get();
        if (r == null) return;
        LogitLens.Cell c = r.lens().cell(row, position);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < c.topIds().length; i++) {
            lines.add(String.format(I18n.locale(), "%2d. %s  %.3f", i + 1, dev.logitlab.text.Visible.of(r.text(c.topIds()[i])), c.topProbabilities()[i]));
        }
        details.set(String.format(I18n.locale(), tr("lens.cell_title"), rowName(row), position + 1,
                dev.logitlab.text.Visible.of(r.tokens().get(position)), c.finalTokenRank() + 1, c.klToFinal())
                + "\n" + String.join("\n", lines));
    }

    /** "embeddings", "block 1", … in the interface's language (blocks counted from 1, as in the other views). */
    public String rowName(int row) {
        return row == 0 ? tr("lens.embeddings") : String.format(I18n.locale(), tr("lens.block"), row);
    }

    public StringProperty promptProperty() { return prompt; }
    public ReadOnlyObjectProperty<LensReading> readingProperty() { return reading; }
    public ObjectProperty<Colour> colourProperty() { return colour; }
    /** The clicked cell's top 10; empty until a click. */
    public ReadOnlyStringProperty detailsProperty() { return details; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return inspection.busyProperty(); }
    @Override public BooleanProperty activeProperty() { return inspection.activeProperty(); }
    @Override public Runnable relabel() { return I18n.sayAgain(message, LensViewModel::noModel); }
}
